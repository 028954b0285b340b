using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Cli;
using Dibao.Verification.Host.Problems;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.Startup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dibao.Verification.Host.Tests.Access;

/// <summary>Who the hub lets in: its own tokens on the embedded default, a provider's elsewhere, and nobody's in Production by the local key.</summary>
public sealed class SignInTests
{
    [Fact]
    public async Task Only_tokens_signed_by_the_trusted_key_for_the_hub_and_unexpired_are_taken()
    {
        await using var hub = await RunningHub.StartAsync();
        var folder = Directory.CreateTempSubdirectory("dibao-key-").FullName;
        try
        {
            var good = hub.TokenFor(HubRoles.CountyReviewer, "220105", "county-01");
            var otherKey = LocalTokens.Mint(new AuthOptions { LocalSigningKeyPath = Path.Combine(folder, "other.pem") }, "county-01", HubRoles.CountyReviewer, "220105");
            var otherAudience = LocalTokens.Mint(
                new AuthOptions { LocalSigningKeyPath = Options(hub).LocalSigningKeyPath, Audience = "another-system" }, "county-01", HubRoles.CountyReviewer, "220105");
            var expired = Expired(hub);

            (await GetCasesAsync(hub, good)).StatusCode.ShouldBe(HttpStatusCode.OK);
            foreach (var token in new[] { otherKey, otherAudience, expired, "not-a-token" })
            {
                var refused = await GetCasesAsync(hub, token);
                refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
                refused.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
                (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe(ProblemCodes.Unauthenticated);
            }

            // Signed, but its jurisdiction does not fit its role.
            (await GetCasesAsync(hub, hub.TokenFor(HubRoles.CountyReviewer, "2201", "county-01"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

            using var anonymous = hub.Anonymous();
            (await anonymous.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_hub_trusting_a_provider_takes_its_tokens_and_no_longer_its_own_key()
    {
        using var provider = RSA.Create(2048);
        await using var hub = await RunningHub.StartAsync(
            "Auth:Issuer=https://idp.example.gov.cn/realms/dibao",
            $"Auth:SigningKeys:0={provider.ExportSubjectPublicKeyInfoPem()}");

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "https://idp.example.gov.cn/realms/dibao",
            Audience = "dibao-verification",
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "city-01", ["role"] = HubRoles.CityReviewer, ["jurisdiction"] = "2201" },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(provider), SecurityAlgorithms.RsaSha256),
        };
        (await GetCasesAsync(hub, new JsonWebTokenHandler().CreateToken(descriptor))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var local = LocalSigningKey.LoadOrCreate(Options(hub).LocalSigningKeyPath);
        descriptor.SigningCredentials = new SigningCredentials(local, SecurityAlgorithms.EcdsaSha256);
        var forged = new JsonWebTokenHandler().CreateToken(descriptor);
        (await GetCasesAsync(hub, forged)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        Should.Throw<HubConfigurationException>(() => hub.TokenFor(HubRoles.CityReviewer, "2201", "city-01")).Key.ShouldBe("Auth:Authority");
    }

    [Fact]
    public async Task Production_refuses_the_embedded_signing_key_in_one_line()
    {
        var result = await HubProcess.RunAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        result.ShouldBeOneLineConfigurationError("Auth:Authority", "signing key", "Production");
    }

    [Fact]
    public void The_token_command_prints_a_token_for_the_local_key_as_its_last_line()
    {
        var folder = Directory.CreateTempSubdirectory("dibao-token-").FullName;
        try
        {
            var key = Path.Combine(folder, "data", "signing-key.pem");
            var output = new StringWriter();
            var error = new StringWriter();

            var exit = TokenCommand.Run(["--user", "wang-01", "--role", HubRoles.TownshipCaseworker, "--jurisdiction", "220105001", "--environment=Testing", $"--Auth:LocalSigningKeyPath={key}"], output, error);

            exit.ShouldBe(0, error.ToString());
            var token = new JwtSecurityTokenHandler().ReadJwtToken(output.ToString().TrimEnd().Split('\n')[^1]);
            (token.Subject, token.Claims.Single(c => c.Type == "role").Value, token.Claims.Single(c => c.Type == "jurisdiction").Value)
                .ShouldBe(("wang-01", HubRoles.TownshipCaseworker, "220105001"));
            token.Header.Alg.ShouldBe(SecurityAlgorithms.EcdsaSha256);
            File.Exists(key).ShouldBeTrue("the key is created when the hub never started");
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(key).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            TokenCommand.Run(["--user", "wang-01", "--role", HubRoles.TownshipCaseworker, "--jurisdiction", "220105", "--environment=Testing"], output, error).ShouldBe(2);
            TokenCommand.Run(["--user", "wang-01", "--role", "mayor", "--jurisdiction", "2201", "--environment=Testing"], output, error).ShouldBe(2);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static AuthOptions Options(RunningHub hub) =>
        hub.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IOptions<AuthOptions>>().Value)).GetAwaiter().GetResult();

    private static string Expired(RunningHub hub)
    {
        var options = Options(hub);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.EffectiveIssuer,
            Audience = options.Audience,
            IssuedAt = DateTime.UtcNow.AddHours(-2),
            NotBefore = DateTime.UtcNow.AddHours(-2),
            Expires = DateTime.UtcNow.AddHours(-1),
            Claims = new Dictionary<string, object> { ["sub"] = "county-01", ["role"] = HubRoles.CountyReviewer, ["jurisdiction"] = "220105" },
            SigningCredentials = new SigningCredentials(LocalSigningKey.LoadOrCreate(options.LocalSigningKeyPath), SecurityAlgorithms.EcdsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static async Task<HttpResponseMessage> GetCasesAsync(RunningHub hub, string token)
    {
        using var client = hub.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/v1/cases");
    }
}
