using System.Diagnostics;
using System.Net.Http.Json;
using Dibao.Verification.Sandbox;
using Dibao.Verification.Sandbox.Population;

namespace Dibao.Verification.Benchmarks;

/// <summary>
/// The floor: the bulk requests the specifications allow, sent straight to the simulators with no bus,
/// database, policy or retry, both agencies at once, answers read to the end.
/// </summary>
internal sealed class BareAgencyCalls(SandboxServer sandbox)
{
    private const int SocialSecurityMaximum = 1000;
    private const int HousingFundMaximum = 500;
    private readonly HttpClient _socialSecurity = Client(sandbox, "social-security");
    private readonly HttpClient _housingFund = Client(sandbox, "housing-fund");

    public async Task<TimeSpan> AskAsync(IReadOnlyList<SyntheticHousehold> households)
    {
        var ids = households.SelectMany(h => h.Members).Select(m => m.IdNumber).ToList();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(
            Task.WhenAll(ids.Chunk(SocialSecurityMaximum).Select(chunk => PostAsync(_socialSecurity, "api/v1/insured-persons:batch-query",
                new { asOf = "2026-11-15", idNumbers = chunk }))),
            Task.WhenAll(ids.Chunk(HousingFundMaximum).Select(chunk => PostAsync(_housingFund, "hf/api/accounts:batch",
                new { idNumbers = chunk }))));
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    private static HttpClient Client(SandboxServer sandbox, string agency)
    {
        var client = new HttpClient { BaseAddress = sandbox.BaseUrl(agency), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("X-Api-Key", sandbox.ApiKey(agency));
        return client;
    }
}
