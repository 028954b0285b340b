using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Dibao.Verification.Host.Problems;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.Tokens;

namespace Dibao.Verification.Host.Access;

/// <summary>Sign-in by JWT bearer token, role and jurisdiction rules, per-user rate limits and per-endpoint body limits.</summary>
public static class AccessRegistration
{
    private const string AuthorityKey = AuthOptions.Section + ":" + nameof(AuthOptions.Authority);

    public static IServiceCollection AddHubAccess(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        RefuseLocalKeyInProduction(auth, environment);

        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.PermitLimit > 0 && o.Window > TimeSpan.Zero, "RateLimiting:PermitLimit and RateLimiting:Window must be positive.")
            .ValidateOnStart();
        services.AddScoped<JurisdictionGuard>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessDeniedHandler>();

        // Read now rather than at the first request: the local key is created at first start, and a broken key stops the
        // start-up naming it. With only an authority, the keys come from its metadata.
        SecurityKey[] keys = auth.SigningKeys.Count > 0 ? [.. auth.SigningKeys.Select(ReadKey)]
            : auth.UsesLocalKey ? [LocalSigningKey.LoadOrCreate(auth.LocalSigningKeyPath)]
            : [];
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            // Claims keep the provider's names (sub, role, jurisdiction) rather than being renamed to Microsoft's URIs.
            options.MapInboundClaims = false;
            options.Audience = auth.Audience;
            var parameters = options.TokenValidationParameters;
            parameters.ValidAudience = auth.Audience;
            parameters.NameClaimType = auth.UserClaim;
            parameters.RoleClaimType = auth.RoleClaim;
            if (auth.Authority.Length > 0)
            {
                options.Authority = auth.Authority;
                if (auth.Issuer.Length > 0)
                {
                    parameters.ValidIssuer = auth.Issuer;
                }
            }
            else
            {
                parameters.ValidIssuer = auth.EffectiveIssuer;
            }

            if (keys.Length > 0)
            {
                parameters.IssuerSigningKeys = keys;
            }

            options.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.Headers.WWWAuthenticate = context.Error is null ? "Bearer" : $"Bearer error=\"{context.Error}\"";
                    await HubProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ProblemCodes.Unauthenticated, "Unauthorized",
                        "请先登录：以 Authorization: Bearer 令牌调用接口");
                },
            };
        });
        services.AddAuthorization(options => AccessPolicies.Add(options, auth));
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var limits = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value;
                var user = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(auth.UserClaim)?.Value : null;
                var partition = user is not null ? "user:" + user : "address:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = limits.Window,
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await HubProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "Too many requests",
                    "请求过于频繁（RateLimiting:PermitLimit），请稍后再试");
            };
        });
        return services;
    }

    /// <summary>The embedded default's key lies beside the database on one machine: no production hub may trust it.</summary>
    public static void RefuseLocalKeyInProduction(AuthOptions auth, IHostEnvironment environment)
    {
        if (auth.UsesLocalKey && environment.IsProduction())
        {
            throw new HubConfigurationException(AuthorityKey,
                $"the embedded signing key ({auth.LocalSigningKeyPath}) is for the embedded default only and refused in Production: set Auth:Authority, or Auth:Issuer with Auth:SigningKeys, to your identity provider");
        }
    }

    /// <summary>Signs the caller in, limits their rate, applies the endpoint's rules and its body limit, in that order.</summary>
    public static WebApplication UseHubAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.Use(async (context, next) =>
        {
            if ((context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>() ?? BodyLimit.Default).Bytes is { } bytes)
            {
                if (context.Request.ContentLength > bytes)
                {
                    await HubProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ProblemCodes.BodyTooLarge, "Request body too large",
                        $"请求体超过上限 {bytes} 字节");
                    return;
                }

                // A body sent without a length is cut off by the server at the same limit.
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                {
                    feature.MaxRequestBodySize = bytes;
                }
            }

            await next(context);
        });
        return app;
    }

    private static SecurityKey ReadKey(string configured, int index)
    {
        var key = $"{AuthOptions.Section}:{nameof(AuthOptions.SigningKeys)}:{index}";
        try
        {
            var pem = configured.TrimStart().StartsWith("-----", StringComparison.Ordinal) ? configured : File.ReadAllText(configured);
            if (pem.Contains("CERTIFICATE", StringComparison.Ordinal))
            {
                return new X509SecurityKey(X509Certificate2.CreateFromPem(pem));
            }

            try
            {
                var rsa = RSA.Create();
                rsa.ImportFromPem(pem);
                return new RsaSecurityKey(rsa);
            }
            catch (CryptographicException)
            {
                var ecdsa = ECDsa.Create();
                ecdsa.ImportFromPem(pem);
                return new ECDsaSecurityKey(ecdsa);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            throw new HubConfigurationException(key, $"not a PEM public key or certificate, nor a readable file holding one: {ex.Message}", ex);
        }
    }
}
