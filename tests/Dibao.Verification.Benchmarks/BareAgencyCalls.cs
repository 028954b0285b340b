using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dibao.Verification.Sandbox;
using Dibao.Verification.Sandbox.Population;

namespace Dibao.Verification.Benchmarks;

/// <summary>
/// The floor: the bulk requests each specification allows, sent straight to the simulators the hub
/// asks, with no bus, database, policy or retry; all agencies at once, answers read to the end.
/// Credentials and addresses come from the same settings the sandbox gives the hub.
/// </summary>
/// <param name="maxConcurrentRequests">
/// Requests out at once over all agencies; unbounded by default. A million persons asked all at once are tens of thousands
/// of connections, which the simulators' host resets: the re-comparison's floor keeps to a bound.
/// </param>
internal sealed class BareAgencyCalls(SandboxServer sandbox, IReadOnlyCollection<string> agencies, int maxConcurrentRequests = int.MaxValue) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(maxConcurrentRequests);
    private const string AsOf = "2026-11-15";
    private const string FromMonth = "2025-11";
    private const string ToMonth = "2026-10";
    private readonly IReadOnlyDictionary<string, string?> _settings = sandbox.HubSettings();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(5) };

    public async Task<TimeSpan> AskAsync(IReadOnlyList<SyntheticHousehold> households)
    {
        var persons = households.SelectMany(h => h.Members).ToList();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(agencies.Select(agency => agency switch
        {
            "social-security" => Chunked(persons, 1000, chunk => PostAsync(Url("SocialSecurity", "api/v1/insured-persons:batch-query"),
                new { asOf = AsOf, idNumbers = Ids(chunk) }, ApiKey("SocialSecurity"))),
            "housing-fund" => Chunked(persons, 500, chunk => PostAsync(Url("HousingFund", "hf/api/accounts:batch"),
                new { idNumbers = Ids(chunk) }, ApiKey("HousingFund"))),
            "vehicle" => Chunked(persons, 200, chunk => PostAsync(Url("Vehicle", "vehicle/v1/batch-query"),
                new { sfzmhmList = Ids(chunk) }, ApiKey("Vehicle"))),
            "tax" => TaxAsync(persons),
            "business-registry" => Chunked(persons, 200, BusinessRegistryAsync),
            "bank" => BanksAsync(persons),
            _ => throw new InvalidOperationException($"No bare call written for {agency}."),
        }));
        return Stopwatch.GetElapsedTime(started);
    }

    private async Task TaxAsync(List<SyntheticHouseholdMember> persons)
    {
        using var tokenResponse = await _http.PostAsync(Url("Tax", "oauth/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _settings["Agencies:Tax:ClientId"]!,
            ["client_secret"] = _settings["Agencies:Tax:ClientSecret"]!,
        }));
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        await Chunked(persons, 500, async chunk =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Url("Tax", "tax/v2/income-records:batch"))
            {
                Content = JsonContent.Create(new { fromMonth = FromMonth, toMonth = ToMonth, persons = chunk.Select(p => new { idNumber = p.IdNumber, name = p.Name }) }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await SendAsync(request);
        });
    }

    private async Task BusinessRegistryAsync(SyntheticHouseholdMember[] chunk)
    {
        var url = Url("BusinessRegistry", "samr/v1/entities:batch-query");
        var body = JsonSerializer.SerializeToUtf8Bytes(new { idNumbers = Ids(chunk) });
        var appId = _settings["Agencies:BusinessRegistry:AppId"]!;
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = $"{appId}\n{timestamp}\n{url.PathAndQuery}\n{Convert.ToHexStringLower(SHA256.HashData(body))}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_settings["Agencies:BusinessRegistry:Secret"]!), Encoding.UTF8.GetBytes(signed));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-App-Id", appId);
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Signature", Convert.ToHexStringLower(signature));
        await SendAsync(request);
    }

    /// <summary>Every bank: submit inquiries of 100, then poll each ticket until it completes.</summary>
    private Task BanksAsync(List<SyntheticHouseholdMember> persons)
    {
        var banks = _settings.Keys.Where(k => k.StartsWith("Agencies:Bank:Banks:", StringComparison.Ordinal) && k.EndsWith(":BaseUrl", StringComparison.Ordinal))
            .Select(k => (BaseUrl: new Uri(_settings[k]!), ApiKey: _settings[k[..^":BaseUrl".Length] + ":ApiKey"]!))
            .ToList();
        return Task.WhenAll(banks.Select(bank => Chunked(persons, 100, async chunk =>
        {
            var inquiry = new { inquiryNo = Guid.NewGuid().ToString("N"), persons = chunk.Select(p => new { idNumber = p.IdNumber, name = p.Name }) };
            using var submitted = await PostAsync(new Uri(bank.BaseUrl, "open/v1/deposit-inquiries"), inquiry, bank.ApiKey, keep: true);
            var ticket = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString();
            while (true)
            {
                using var poll = new HttpRequestMessage(HttpMethod.Get, new Uri(bank.BaseUrl, $"open/v1/deposit-inquiries/{ticket}"));
                poll.Headers.Add("X-Api-Key", bank.ApiKey);
                using var answer = await SendAsync(poll, keep: true);
                if ((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() == "completed")
                {
                    return;
                }

                await Task.Delay(50);
            }
        })));
    }

    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }

    private static Task Chunked(IEnumerable<SyntheticHouseholdMember> persons, int size, Func<SyntheticHouseholdMember[], Task> ask) =>
        Task.WhenAll(persons.Chunk(size).Select(ask));

    private static string[] Ids(IEnumerable<SyntheticHouseholdMember> persons) => [.. persons.Select(p => p.IdNumber)];

    private Uri Url(string section, string path) => new(new Uri(_settings[$"Agencies:{section}:BaseUrl"]!), path);

    private string ApiKey(string section) => _settings[$"Agencies:{section}:ApiKey"]!;

    private async Task<HttpResponseMessage> PostAsync(Uri url, object body, string apiKey, bool keep = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", apiKey);
        var response = await SendAsync(request, keep);
        return response;
    }

    /// <summary>Sent within the bound; a kept response is read whole first, so the bound counts the reading too.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, bool keep = false)
    {
        await _gate.WaitAsync();
        try
        {
            var response = await _http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            await response.Content.LoadIntoBufferAsync();
            if (!keep)
            {
                response.Dispose();
            }

            return response;
        }
        finally
        {
            _gate.Release();
        }
    }
}
