using System.Net;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.WebConsole;
using Shouldly;
using Xunit;

namespace Dibao.Verification.Host.Tests.WebConsole;

/// <summary>Several hub instances behind one address: a session begun on one is a session on the others when they share Console:KeyRingPath.</summary>
public sealed class ConsoleKeyRingTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-keyring-").FullName;

    [Fact]
    public async Task A_user_signed_in_on_one_instance_is_signed_in_on_another_sharing_the_key_ring_and_not_on_one_with_its_own()
    {
        var shared = $"Console:KeyRingPath={Path.Combine(_folder, "shared")}";
        await using var first = await RunningHub.StartAsync(shared);
        await using var second = await RunningHub.StartAsync(shared);
        await using var alone = await RunningHub.StartAsync($"Console:KeyRingPath={Path.Combine(_folder, "alone")}");

        using var anonymous = first.Anonymous();
        using var session = new ConsoleSession(anonymous.BaseAddress!);
        (await session.SignInAsync("wang-01")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = session.Cookies.GetCookies(anonymous.BaseAddress!)[ConsoleSchemes.CookieName];
        cookie.ShouldNotBeNull();

        var onSecond = await HomeAsync(second, cookie);
        onSecond.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await onSecond.Content.ReadAsStringAsync()).ShouldContain("wang-01");

        var onAlone = await HomeAsync(alone, cookie);
        onAlone.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        onAlone.Headers.Location!.ToString().ShouldContain("/sign-in");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<HttpResponseMessage> HomeAsync(RunningHub hub, Cookie cookie)
    {
        using var anonymous = hub.Anonymous();
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = anonymous.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        return await client.SendAsync(request);
    }
}
