using System.Net;
using System.Text.RegularExpressions;

namespace Dibao.Verification.Host.Tests.WebConsole;

/// <summary>A browser's session with the console over plain HTTP: its cookies, and the antiforgery token of the last page read.</summary>
public sealed partial class ConsoleSession : IDisposable
{
    private readonly HttpClient _client;

    public ConsoleSession(Uri hub)
    {
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = hub };
    }

    public HttpClient Client => _client;

    public CookieContainer Cookies { get; } = new();

    /// <summary>Signs in as a demo user through the sign-in page's form; the answer is the form post's.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string user)
    {
        var token = await TokenAsync("/sign-in");
        return await _client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = user, ["__RequestVerificationToken"] = token }));
    }

    /// <summary>The antiforgery token of the page's forms, as the browser would send it back.</summary>
    public async Task<string> TokenAsync(string path)
    {
        var page = await _client.GetStringAsync(path);
        return AntiforgeryField().Match(page) is { Success: true } match ? match.Groups[1].Value : throw new ShouldAssertException($"{path} has no form with an antiforgery token");
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
