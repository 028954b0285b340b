using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.WebEncoders;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Dibao.Verification.Host.WebConsole;

/// <summary>
/// The caseworkers' console: Razor Pages at <c>/</c>, signed in by a cookie, through the demo users on the embedded default
/// or the OpenID Connect provider of <c>Auth:Authority</c>. The pages call the API's services under the API's policies and
/// jurisdiction checks; the API itself keeps its bearer tokens. Its namespace is WebConsole, not its folder's Console, which
/// would hide <see cref="System.Console"/> from every command of the Host.
/// </summary>
public static class ConsoleRegistration
{
    /// <summary>The name the instances' data-protection keys are kept under: the same on every instance, so each reads the others' cookies.</summary>
    public const string KeyRingName = "Dibao.Verification.Hub";

    /// <summary>Pages whose successful GET shows a batch, a case or a list of them: audited as reads, as the API's.</summary>
    private static readonly string[] AuditedPages = ["/Index", "/Batches/Results", "/Cases/Queue", "/Cases/Detail", "/Cases/Correct"];

    /// <summary>After <see cref="AccessRegistration.AddHubAccess"/>, whose bearer scheme it puts behind the per-request choice.</summary>
    public static IServiceCollection AddConsole(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var console = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section);

        var assembly = typeof(ConsoleRegistration).Assembly;
        services.AddRazorPages(options =>
            {
                options.RootDirectory = "/Console/Pages";
                options.Conventions.AddFolderApplicationModelConvention("/", page => page.EndpointMetadata.Add(ConsoleEndpoint.Instance));
                // The upload takes a batch as large as the API's submission, which checks Batches:MaxBodyBytes itself.
                options.Conventions.AddPageApplicationModelConvention("/Batches/New", page => page.EndpointMetadata.Add(BodyLimit.OwnLimit));
                foreach (var page in AuditedPages)
                {
                    options.Conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(AuditedRead.Instance));
                }
            })
            .AddMvcOptions(options => options.Filters.Add<ConsoleAuditFilter>())
            .ConfigureApplicationPartManager(manager =>
            {
                // The pages are compiled into the hub; a host started by another program (the tests) does not find them itself.
                if (!manager.ApplicationParts.OfType<AssemblyPart>().Any(part => part.Assembly == assembly))
                {
                    foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    {
                        manager.ApplicationParts.Add(part);
                    }
                }
            });

        // Chinese is written as it is, not as numeric character references: the pages stay readable and a third of the size.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        // One application name whatever folder each instance runs from: ASP.NET isolates key rings by the content root.
        var keys = services.AddDataProtection().SetApplicationName(KeyRingName);
        if (console.KeyRingPath.Length > 0)
        {
            keys.PersistKeysToFileSystem(Directory.CreateDirectory(console.KeyRingPath));
        }

        var authentication = services.AddAuthentication();
        authentication.AddCookie(ConsoleSchemes.Cookie, options =>
        {
            options.Cookie.Name = ConsoleSchemes.CookieName;
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: the provider's redirect back must carry the new session; a cross-site POST never does.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = auth.LocalTokenLifetime;
            options.SlidingExpiration = false;
            options.LoginPath = "/sign-in";
            options.ReturnUrlParameter = "returnUrl";
            if (auth.Authority.Length > 0)
            {
                options.ForwardChallenge = ConsoleSchemes.OpenIdConnect;
            }
        });
        if (auth.Authority.Length > 0)
        {
            authentication.AddOpenIdConnect(ConsoleSchemes.OpenIdConnect, options =>
            {
                options.SignInScheme = ConsoleSchemes.Cookie;
                options.Authority = auth.Authority;
                options.ClientId = console.ClientId;
                if (console.ClientSecret.Length > 0)
                {
                    options.ClientSecret = console.ClientSecret;
                }

                options.ResponseType = "code";
                options.UsePkce = true;
                options.Scope.Clear();
                foreach (var scope in (string[])["openid", "profile", .. console.Scopes])
                {
                    options.Scope.Add(scope);
                }

                // The provider's claim names are kept, as for the API's tokens, so Auth:UserClaim and the others apply alike.
                options.MapInboundClaims = false;

                // The ID token is kept in the session, for signing out at the provider (id_token_hint).
                options.SaveTokens = true;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.ClaimActions.MapAll();
                options.TokenValidationParameters.NameClaimType = auth.UserClaim;
                options.TokenValidationParameters.RoleClaimType = auth.RoleClaim;
                options.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/sign-in?failed=1");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }

        authentication.AddPolicyScheme(ConsoleSchemes.Select, "Bearer token or console cookie", options => options.ForwardDefaultSelector = Select);
        services.Configure<AuthenticationOptions>(options => options.DefaultScheme = ConsoleSchemes.Select);
        return services;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ConsoleEndpoint>() is not null)
            {
                // Everything the console shows comes from the hub: no other origin may serve a script, style or form target.
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers.CacheControl = "no-store";
            }

            await next(context);
        });
        app.MapRazorPages();
        app.MapGet("/console/{file}", ConsoleAssets.Serve)
            .AllowAnonymous()
            .WithMetadata(ConsoleEndpoint.Instance)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// A bearer token is read wherever it is sent. Without one, the console's pages use the cookie, and so does a GET of the
    /// API by a signed-in browser (the report and export links of the pages); a change through the API never rides the
    /// cookie, so no other site can make a signed-in browser post to it.
    /// </summary>
    private static string Select(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.Authorization.Count > 0)
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<ConsoleEndpoint>() is not null)
        {
            return ConsoleSchemes.Cookie;
        }

        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Cookies.ContainsKey(ConsoleSchemes.CookieName)
            ? ConsoleSchemes.Cookie
            : JwtBearerDefaults.AuthenticationScheme;
    }
}
