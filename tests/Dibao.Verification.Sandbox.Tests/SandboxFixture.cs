using Dibao.Verification.Sandbox.Population;

namespace Dibao.Verification.Sandbox.Tests;

/// <summary>A running sandbox with default options and clients that carry the right key.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public static readonly DateOnly AsOf = new(2026, 11, 1);

    public SandboxServer Server { get; private set; } = null!;

    public SyntheticPopulation Population => Server.Population;

    public async Task InitializeAsync() => Server = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public HttpClient Client(string agencyCode, string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = Server.BaseUrl(agencyCode) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey ?? Server.ApiKey(agencyCode));
        return client;
    }

    /// <summary>The first household member, in household order, whose facts match.</summary>
    public SyntheticPerson FindPerson(Func<SyntheticPerson, bool> match, DateOnly? asOf = null) =>
        Population.Households()
            .SelectMany(h => h.Members)
            .Select(m => Population.Describe(m.IdNumber, asOf ?? AsOf))
            .First(match);
}
