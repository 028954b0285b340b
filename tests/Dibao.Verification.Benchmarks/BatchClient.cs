using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Sandbox.Population;

namespace Dibao.Verification.Benchmarks;

/// <summary>A township's client of the hub's batch API: submits a batch and polls it until every household is settled.</summary>
internal sealed class BatchClient(HttpClient client) : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    private const string Township = "220105001";

    /// <summary>Settings for a hub this client is to call: its local signing key in <paramref name="folder"/>, and no rate limit that polling could reach.</summary>
    public static string[] HubSettings(string folder) =>
    [
        $"--Auth:LocalSigningKeyPath={SigningKeyPath(folder)}",
        $"--Audit:LocalPersonKeyPath={Path.Combine(folder, "audit-person-key")}",
        $"--Encryption:LocalKeyPath={Path.Combine(folder, "encryption-key")}",
        "--RateLimiting:PermitLimit=1000000",
    ];

    /// <summary>A client signed in as the township's caseworker, with a token from the local key of the hub given <see cref="HubSettings"/>.</summary>
    public static BatchClient SignedIn(Uri baseAddress, string folder)
    {
        var token = LocalTokens.Mint(new AuthOptions { LocalSigningKeyPath = SigningKeyPath(folder) }, "benchmark", HubRoles.TownshipCaseworker, Township, TimeSpan.FromDays(1));
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new BatchClient(client);
    }

    private static string SigningKeyPath(string folder) => Path.Combine(folder, "signing-key.pem");

    /// <summary>How long each POST took to answer 202: validation and storing the batch with every awaited answer.</summary>
    public List<TimeSpan> Accepted { get; } = [];

    /// <summary>The batch the last <see cref="VerifyAsync"/> submitted.</summary>
    public Guid LastBatchId { get; private set; }

    public async Task<TimeSpan> VerifyAsync(IReadOnlyList<SyntheticHousehold> households, bool csv = false, Action<BatchProgress>? progress = null)
    {
        var body = new BatchRequest
        {
            Township = Township,
            Purpose = "new-application",
            AsOf = AsOf,
            Households = [.. households.Select(h => new HouseholdRequest
            {
                Ref = h.HouseholdRef,
                ConsentRef = h.ConsentRef,
                Members = [.. h.Members.Select(m => new MemberRequest { IdNumber = m.IdNumber, Name = m.Name, Relation = m.Relation.ToString().ToLowerInvariant() })],
            })],
        };
        using HttpContent content = csv ? Csv(households) : JsonContent.Create(body);
        var started = Stopwatch.GetTimestamp();
        var response = await client.PostAsync(csv ? $"/api/v1/batches?township={body.Township}&purpose={body.Purpose}&asOf={AsOf:yyyy-MM-dd}" : "/api/v1/batches", content);
        response.EnsureSuccessStatusCode();
        Accepted.Add(Stopwatch.GetElapsedTime(started));
        LastBatchId = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        // The first look reports at once: how things stand the moment the batch is accepted.
        var reported = 0L;
        while (true)
        {
            var current = await client.GetFromJsonAsync<BatchProgress>($"{response.Headers.Location}/progress");
            if (progress is not null && current is not null && Stopwatch.GetElapsedTime(reported) > TimeSpan.FromSeconds(10))
            {
                progress(current);
                reported = Stopwatch.GetTimestamp();
            }

            if (current is not null && current.Settled == current.Households)
            {
                var elapsed = Stopwatch.GetElapsedTime(started);

                // A page at a time, as a client reads a county's batch: the whole view of 100,000 households would cost the
                // hub more memory than verifying them.
                for (var page = 1; (page - 1) * HouseholdPage.MaxSize < current.Households; page++)
                {
                    var view = await client.GetFromJsonAsync<BatchView>($"{response.Headers.Location}?page={page}&pageSize={HouseholdPage.MaxSize}");
                    if (view!.Households.Any(h => h.Verification.Outcome is "pending" or "incomplete"))
                    {
                        throw new InvalidOperationException("A household was left unverified: the figure would not be a clean run.");
                    }
                }

                return elapsed;
            }

            // Polled as a client would: often for a small batch, about once a second for a county's.
            await Task.Delay(households.Count > 10_000 ? 1000 : 50);
        }
    }

    private static StringContent Csv(IEnumerable<SyntheticHousehold> households)
    {
        var lines = new System.Text.StringBuilder("household_ref,consent_ref,id_number,name,relation\r\n");
        foreach (var household in households)
        {
            foreach (var member in household.Members)
            {
                lines.Append(CultureInfo.InvariantCulture, $"{household.HouseholdRef},{household.ConsentRef},{member.IdNumber},{member.Name},{member.Relation.ToString().ToLowerInvariant()}\r\n");
            }
        }

        return new StringContent(lines.ToString(), System.Text.Encoding.UTF8, "text/csv");
    }

    /// <summary>Any other request, such as <c>/health</c>.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(path);

    public void Dispose() => client.Dispose();
}
