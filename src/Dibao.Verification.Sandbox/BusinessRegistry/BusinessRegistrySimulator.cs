using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Population;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Dibao.Verification.Sandbox.BusinessRegistry;

/// <summary>
/// The market regulation administration (市场监督管理局): a person's entities, paged one person at a time or
/// unpaged in batches. It takes no asOf: it answers about today. Requests are authenticated by their HMAC
/// signature, checked here, not by an API key.
/// </summary>
/// <param name="secret">The signing secret issued to the hub's app id; the sandbox uses its API key.</param>
public sealed class BusinessRegistrySimulator(SyntheticPopulation population, TimeProvider time, string secret, BusinessRegistryFaults faults, AskedPersons asked)
    : IAgencySimulator
{
    public const string AppId = "dibao-verification-hub";
    public const int MaxBatchSize = 200;
    public const int MaxPageSize = 50;
    public const int DefaultPageSize = 20;

    /// <summary>The documented tolerance between the request's timestamp and the agency's clock.</summary>
    public static readonly TimeSpan TimestampTolerance = TimeSpan.FromSeconds(300);

    public string AgencyCode => AgencyCodes.BusinessRegistry;

    bool IAgencySimulator.RequiresApiKey => false;

    IEnumerable<KeyValuePair<string, string?>> IAgencySimulator.HubSettings(Uri baseUrl, string apiKey) =>
    [
        new("Agencies:BusinessRegistry:BaseUrl", baseUrl.ToString()),
        new("Agencies:BusinessRegistry:AppId", AppId),
        new("Agencies:BusinessRegistry:Secret", secret),
    ];

    void IAgencySimulator.Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/samr/v1/entities", GetEntities);
        endpoints.MapPost("/samr/v1/entities:batch-query", BatchQuery);
    }

    private IResult GetEntities(HttpContext context)
    {
        if (Unauthenticated(context, body: null) is { } refusal)
        {
            return refusal;
        }

        var query = context.Request.Query;
        var today = SandboxClock.Today(time);
        if (!SandboxIdentity.TryRead(query["idNumber"], today, out var id))
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, SandboxIdentity.InvalidIdNumber);
        }

        if (!TryParse(query["page"], 1, out var page) || page < 1
            || !TryParse(query["pageSize"], DefaultPageSize, out var pageSize) || pageSize is < 1 or > MaxPageSize)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "INVALID_PAGE");
        }

        // A person's later pages are the same question read on, not a new one.
        if (page == 1)
        {
            asked.Record(AgencyCode, id);
        }

        var entities = Render(population.Describe(id, today));
        var items = entities.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * pageSize)).Take(pageSize).ToList();
        return SandboxJson.Ok(new EntitiesPageBody(entities.Count, page, pageSize, items));
    }

    private async Task<IResult> BatchQuery(HttpRequest request)
    {
        var context = request.HttpContext;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var bytes = buffer.ToArray();
        if (Unauthenticated(context, bytes) is { } refusal)
        {
            return refusal;
        }

        EntitiesBatchRequest? body;
        try
        {
            body = JsonSerializer.Deserialize<EntitiesBatchRequest>(bytes, SandboxJson.Options);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body?.IdNumbers is null)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST");
        }

        if (body.IdNumbers.Count > MaxBatchSize)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "TOO_MANY_IDS");
        }

        var today = SandboxClock.Today(time);
        var ids = SandboxIdentity.ReadAll(body.IdNumbers, today);
        if (ids is null)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, SandboxIdentity.InvalidIdNumber);
        }

        asked.Record(AgencyCode, ids);
        return SandboxJson.Ok(new EntitiesBatchBody(ids.Select(id => new EntitiesResultBody(id, Render(population.Describe(id, today)))).ToList()));
    }

    /// <summary>Null when the request carries the hub's app id, a timestamp the agency's clock accepts and a matching signature.</summary>
    private IResult? Unauthenticated(HttpContext context, byte[]? body)
    {
        var headers = context.Request.Headers;
        string? appId = headers["X-App-Id"];
        string? timestamp = headers["X-Timestamp"];
        string? signature = headers["X-Signature"];
        if (appId is null || timestamp is null || signature is null)
        {
            return SandboxJson.Error(StatusCodes.Status401Unauthorized, "MISSING_SIGNATURE");
        }

        var agencyNow = time.GetUtcNow() + faults.ClockSkew;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(agencyNow.ToUnixTimeSeconds() - seconds) > (long)TimestampTolerance.TotalSeconds)
        {
            return SandboxJson.Error(StatusCodes.Status401Unauthorized, "TIMESTAMP_OUT_OF_RANGE");
        }

        // The exact request target as sent, not the decoded path ASP.NET Core routes on.
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
        var signed = $"{appId}\n{timestamp}\n{target}";
        if (body is not null)
        {
            signed += "\n" + Convert.ToHexStringLower(SHA256.HashData(body));
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(signed)));
        var matches = string.Equals(appId, AppId, StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
        return matches && !faults.RejectSignatures
            ? null
            : SandboxJson.Error(StatusCodes.Status401Unauthorized, "INVALID_SIGNATURE");
    }

    private static bool TryParse(string? value, int absent, out int number)
    {
        if (value is null)
        {
            number = absent;
            return true;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    private static List<EntityBody> Render(SyntheticPerson person) =>
        person.Businesses.Select(b => new EntityBody(
            b.CreditCode,
            b.Name,
            b.Type,
            b.Role,
            b.RegisteredCapitalWan,
            b.Status,
            Day(b.Established),
            b.Deregistered is { } deregistered ? Day(deregistered) : null)).ToList();

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
