using System.Net;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.WebConsole;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.WebConsole;

/// <summary>
/// Signing in and out of the console through an OpenID Connect provider, the way every production office does: the
/// authorization code comes back, the hub exchanges it with its PKCE verifier, takes the person's role and jurisdiction from
/// the signed ID token and the user-info endpoint, and signing out ends the provider's session too.
/// </summary>
public sealed class ConsoleProviderSignInTests
{
    [Theory]
    [InlineData(true, "https://")]
    [InlineData(false, "http://")]
    public async Task Behind_a_TLS_proxy_the_sign_in_sends_the_provider_back_to_the_https_address_when_told_to_trust_it(bool forwarded, string scheme)
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        await using var hub = await RunningHub.StartAsync(
            builder => builder.Services.Configure<OpenIdConnectOptions>(ConsoleSchemes.OpenIdConnect, options => options.Configuration = provider.Configuration()),
            $"Auth:Authority={FakeIdentityProvider.Issuer}",
            $"FORWARDEDHEADERS_ENABLED={forwarded}");
        using var anonymous = hub.Anonymous();
        using var session = new ConsoleSession(anonymous.BaseAddress!);

        // As the offices' reverse proxy passes a browser's request on: TLS ends at the proxy.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sign-in") { Headers = { { "X-Forwarded-Proto", "https" } } };
        var challenge = await session.Client.SendAsync(request);

        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        QueryHelpers.ParseQuery(challenge.Headers.Location!.Query)["redirect_uri"].ToString().ShouldStartWith(scheme);
    }

    [Fact]
    public async Task A_caseworker_signs_in_at_the_provider_works_in_the_console_and_signs_out_at_the_provider_too()
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        provider.Person["sub"] = "wang-oidc";
        provider.Person["role"] = "township-caseworker";
        provider.Person["jurisdiction"] = "220105001";
        await using var hub = await RunningHub.StartAsync(
            builder => builder.Services.Configure<OpenIdConnectOptions>(ConsoleSchemes.OpenIdConnect, options =>
            {
                options.Configuration = provider.Configuration();

                // The test's hub speaks plain HTTP; a production hub is behind HTTPS, where these cookies are Secure.
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }),
            $"Auth:Authority={FakeIdentityProvider.Issuer}");
        using var anonymous = hub.Anonymous();
        using var session = new ConsoleSession(anonymous.BaseAddress!);

        // To the provider's sign-in page, which sends the browser back with a code.
        var challenge = await session.Client.GetAsync("/sign-in");
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorization = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        provider.Nonce = authorization["nonce"].ToString();
        var callback = await session.Client.PostAsync("/signin-oidc", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = "code-from-the-provider",
            ["state"] = authorization["state"].ToString(),
        }));

        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect, await callback.Content.ReadAsStringAsync());
        callback.Headers.Location!.ToString().ShouldBe("/");
        provider.Exchanged.ShouldHaveSingleItem().Code.ShouldBe("code-from-the-provider");
        provider.Exchanged[0].Verifier.ShouldNotBeNullOrEmpty("the code is exchanged with its PKCE verifier");
        var queue = await session.Client.GetAsync("/cases");
        queue.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await queue.Content.ReadAsStringAsync()).ShouldContain("wang-oidc（乡镇经办人，220105001）");

        // Signing out goes to the provider's sign-out with the ID token, and back to a page that says so.
        var token = await session.TokenAsync("/cases");
        var signOut = await session.Client.PostAsync("/sign-in?handler=SignOut", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var endSession = signOut.Headers.Location!;
        endSession.GetLeftPart(UriPartial.Path).ShouldBe(FakeIdentityProvider.Issuer + "/protocol/openid-connect/logout");
        var logout = QueryHelpers.ParseQuery(endSession.Query);
        logout["id_token_hint"].ToString().ShouldNotBeNullOrEmpty();
        logout["post_logout_redirect_uri"].ToString().ShouldBe(new Uri(session.Client.BaseAddress!, "/signout-callback-oidc").ToString());

        var back = await session.Client.GetAsync($"/signout-callback-oidc?state={Uri.EscapeDataString(logout["state"].ToString())}");
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        back.Headers.Location!.ToString().ShouldBe("/sign-in?signedOut=true");
        (await session.Client.GetStringAsync("/sign-in?signedOut=true")).ShouldContain("data-testid=\"signed-out\"");
        var after = await session.Client.GetAsync("/cases");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the console's session is over");
        after.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe(FakeIdentityProvider.Issuer + "/protocol/openid-connect/auth");
    }
}
