using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Dibao.Verification.Host.Tests.WebConsole;

/// <summary>
/// An OpenID Connect provider's back channel, in process: the token endpoint, which answers an authorization code with
/// an ID token it signs, and the user-info endpoint. Its sign-in and sign-out pages are the test's own steps, as a
/// browser would take them.
/// </summary>
internal sealed class FakeIdentityProvider : IAsyncDisposable
{
    public const string Issuer = "https://idp.example.gov.cn/realms/dibao";
    public const string ClientId = "dibao-console";
    private const string AccessToken = "access-token-of-the-test";

    private readonly WebApplication _app;
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private FakeIdentityProvider(WebApplication app) => _app = app;

    /// <summary>The person who signs in: their claims in the ID token and from the user-info endpoint alike.</summary>
    public Dictionary<string, object> Person { get; } = [];

    /// <summary>The nonce of the authorization request the person is answering, which the ID token must carry back.</summary>
    public string Nonce { get; set; } = "";

    /// <summary>Each code exchanged, with the PKCE verifier the hub sent with it.</summary>
    public List<(string Code, string Verifier)> Exchanged { get; } = [];

    public Uri Address => new(_app.Urls.Single());

    /// <summary>Its metadata, as the hub would read it from the provider's discovery document.</summary>
    public OpenIdConnectConfiguration Configuration()
    {
        var configuration = new OpenIdConnectConfiguration
        {
            Issuer = Issuer,
            AuthorizationEndpoint = Issuer + "/protocol/openid-connect/auth",
            TokenEndpoint = new Uri(Address, "token").ToString(),
            UserInfoEndpoint = new Uri(Address, "userinfo").ToString(),
            EndSessionEndpoint = Issuer + "/protocol/openid-connect/logout",
        };
        configuration.SigningKeys.Add(SigningKey);
        return configuration;
    }

    public static async Task<FakeIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new FakeIdentityProvider(app);
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            provider.Exchanged.Add((form["code"].ToString(), form["code_verifier"].ToString()));
            return Results.Json(new { access_token = AccessToken, token_type = "Bearer", expires_in = 300, id_token = provider.IdToken() });
        });
        app.MapGet("/userinfo", (HttpRequest request) =>
            request.Headers.Authorization.ToString() == "Bearer " + AccessToken ? Results.Json(provider.Person) : Results.Unauthorized());
        await app.StartAsync();
        return provider;
    }

    private SecurityKey SigningKey => new ECDsaSecurityKey(_key) { KeyId = "test-key" };

    private string IdToken()
    {
        var claims = new Dictionary<string, object>(Person)
        {
            ["nonce"] = Nonce,
            // The left half of the access token's SHA-256, which binds the two (OpenID Connect Core 3.3.2.11).
            ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(AccessToken))[..16]),
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            Claims = claims,
            IssuedAt = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.EcdsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
    }
}
