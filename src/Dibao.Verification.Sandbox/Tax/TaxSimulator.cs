using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Population;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dibao.Verification.Sandbox.Tax;

/// <summary>
/// The tax bureau (税务局): monthly income records behind OAuth2 client credentials. It takes no asOf: it
/// answers about today. The sandbox's API key is the client secret.
/// </summary>
public sealed class TaxSimulator(SyntheticPopulation population, TimeProvider time, TaxFaults faults, string clientSecret, AskedPersons asked) : IAgencySimulator
{
    public const string ClientId = "dibao-hub";
    public const int MaxBatchSize = 500;
    public const int MaxWindowMonths = 12;

    private const string NameIdMismatch = "NAME_ID_MISMATCH";

    /// <summary>
    /// How long an expired token is still known as expired, not unknown: the interface answers an expired token
    /// <c>TOKEN_EXPIRED</c>, which a client renews, whenever it comes back. The ration bounds how many are kept.
    /// </summary>
    private static readonly TimeSpan ExpiredTokensRemembered = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<DateTimeOffset> _issued = new();
    private readonly Lock _rationing = new();

    public string AgencyCode => AgencyCodes.Tax;

    bool IAgencySimulator.RequiresApiKey => false;

    IEnumerable<KeyValuePair<string, string?>> IAgencySimulator.HubSettings(Uri baseUrl, string apiKey) =>
    [
        new("Agencies:Tax:BaseUrl", baseUrl.ToString()),
        new("Agencies:Tax:ClientId", ClientId),
        new("Agencies:Tax:ClientSecret", clientSecret),
    ];

    void IAgencySimulator.Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/oauth/token", IssueToken);
        endpoints.MapPost("/tax/v2/income-records", IncomeRecords);
        endpoints.MapPost("/tax/v2/income-records:batch", IncomeRecordsBatch);
    }

    private async Task<IResult> IssueToken(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (form["grant_type"] != "client_credentials")
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "UNSUPPORTED_GRANT_TYPE");
        }

        if (form["client_id"] != ClientId || form["client_secret"] != clientSecret)
        {
            return SandboxJson.Error(StatusCodes.Status401Unauthorized, "INVALID_CLIENT");
        }

        if (faults.ThrottleTokenRequests || !TakeFromRation())
        {
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return SandboxJson.Error(StatusCodes.Status429TooManyRequests, "TOO_MANY_TOKEN_REQUESTS");
        }

        var now = time.GetUtcNow();
        foreach (var stale in _tokens.Where(t => t.Value.ExpiresAt <= now - ExpiredTokensRemembered).Select(t => t.Key))
        {
            _tokens.TryRemove(stale, out _);
        }

        var lifetime = faults.TokenLifetime;
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[token] = new IssuedToken(now + lifetime, faults.Generation);
        return SandboxJson.Ok(new TokenBody(token, "Bearer", (int)Math.Ceiling(lifetime.TotalSeconds)));
    }

    private async Task<IResult> IncomeRecords(HttpRequest request)
    {
        if (Unauthorized(request) is { } refused)
        {
            return refused;
        }

        var body = await SandboxJson.ReadAsync<IncomeRecordsRequest>(request);
        if (body is null || body.Name is null)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST");
        }

        if (WindowProblem(body.FromMonth, body.ToMonth, out var from, out var to) is { } problem)
        {
            return problem;
        }

        var today = SandboxClock.Today(time);
        if (!SandboxIdentity.TryRead(body.IdNumber, today, out var id))
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, SandboxIdentity.InvalidIdNumber);
        }

        asked.Record(AgencyCode, id);
        var person = population.Describe(id, today);
        return IsNameAtBureau(person, body.Name)
            ? SandboxJson.Ok(new IncomeRecordsBody(Render(person, from, to)))
            : SandboxJson.Error(StatusCodes.Status409Conflict, NameIdMismatch);
    }

    private async Task<IResult> IncomeRecordsBatch(HttpRequest request)
    {
        if (Unauthorized(request) is { } refused)
        {
            return refused;
        }

        var body = await SandboxJson.ReadAsync<IncomeRecordsBatchRequest>(request);
        if (body?.Persons is null || body.Persons.Any(p => p?.Name is null))
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST");
        }

        if (body.Persons.Count > MaxBatchSize)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "TOO_MANY_PERSONS");
        }

        if (WindowProblem(body.FromMonth, body.ToMonth, out var from, out var to) is { } problem)
        {
            return problem;
        }

        var today = SandboxClock.Today(time);
        var results = new List<BatchResultBody>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var asked in body.Persons)
        {
            if (!SandboxIdentity.TryRead(asked!.IdNumber, today, out var id))
            {
                return SandboxJson.Error(StatusCodes.Status400BadRequest, SandboxIdentity.InvalidIdNumber);
            }

            if (!seen.Add(id))
            {
                continue;
            }

            var person = population.Describe(id, today);
            results.Add(IsNameAtBureau(person, asked.Name!)
                ? new BatchResultBody(id, "ok", Render(person, from, to))
                : new BatchResultBody(id, NameIdMismatch, []));
        }

        asked.Record(AgencyCode, seen);
        return SandboxJson.Ok(new IncomeRecordsBatchBody(results));
    }

    private IResult? Unauthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || !_tokens.TryGetValue(header[scheme.Length..].Trim(), out var token))
        {
            return SandboxJson.Error(StatusCodes.Status401Unauthorized, "INVALID_TOKEN");
        }

        return token.ExpiresAt <= time.GetUtcNow() || token.Generation < faults.Generation
            ? SandboxJson.Error(StatusCodes.Status401Unauthorized, "TOKEN_EXPIRED")
            : null;
    }

    /// <summary>Tokens issued in the last minute within <see cref="TaxFaults.TokensPerMinute"/>: the bureau rations them.</summary>
    private bool TakeFromRation()
    {
        var now = time.GetUtcNow();
        lock (_rationing)
        {
            while (_issued.TryPeek(out var oldest) && oldest <= now - TimeSpan.FromMinutes(1))
            {
                _issued.TryDequeue(out _);
            }

            if (_issued.Count >= faults.TokensPerMinute)
            {
                return false;
            }

            _issued.Enqueue(now);
            return true;
        }
    }

    private static IResult? WindowProblem(string? fromValue, string? toValue, out DateOnly from, out DateOnly to)
    {
        to = default;
        if (!TryMonth(fromValue, out from) || !TryMonth(toValue, out to) || to < from)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "INVALID_WINDOW");
        }

        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;
        return months > MaxWindowMonths ? SandboxJson.Error(StatusCodes.Status400BadRequest, "WINDOW_TOO_LONG") : null;
    }

    private static bool TryMonth(string? value, out DateOnly month) =>
        DateOnly.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);

    private static bool IsNameAtBureau(SyntheticPerson person, string name) => string.Equals(person.NameAtTaxBureau, name.Trim(), StringComparison.Ordinal);

    private static List<IncomeRecordBody> Render(SyntheticPerson person, DateOnly from, DateOnly to) =>
        person.TaxRecords
            .Where(r => r.Period >= from && r.Period <= to)
            .Select(r => new IncomeRecordBody(r.Period.ToString("yyyyMM", CultureInfo.InvariantCulture), r.Category, r.Payer, r.GrossFen, r.TaxFen))
            .ToList();
}
