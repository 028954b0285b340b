using System.Globalization;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Faults;
using Dibao.Verification.Sandbox.Population;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dibao.Verification.Sandbox.Vehicle;

/// <summary>
/// The public security traffic administration (公安交管): vehicles registered to a person, about today.
/// Its own busy answers (E2001, E9999 inside a 200) come at <see cref="AgencyFaults.AgencyErrorRate"/>,
/// drawn from a seeded sequence over the request's ordinal like the generic faults.
/// </summary>
public sealed class VehicleSimulator(SyntheticPopulation population, TimeProvider time, AgencyFaults faults, long seed, AskedPersons asked) : IAgencySimulator
{
    public const int MaxBatchSize = 200;

    public const string Success = "0";
    public const string MalformedIdNumber = "E1001";
    public const string Busy = "E2001";
    public const string InternalError = "E9999";

    private long _requests;

    public string AgencyCode => AgencyCodes.Vehicle;

    IEnumerable<KeyValuePair<string, string?>> IAgencySimulator.HubSettings(Uri baseUrl, string apiKey) =>
    [
        new("Agencies:Vehicle:BaseUrl", baseUrl.ToString()),
        new("Agencies:Vehicle:ApiKey", apiKey),
    ];

    void IAgencySimulator.Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/vehicle/v1/query", Query);
        endpoints.MapPost("/vehicle/v1/batch-query", BatchQuery);
    }

    private IResult Query(string? sfzmhm)
    {
        if (BusyAnswer() is { } busy)
        {
            return busy;
        }

        var today = SandboxClock.Today(time);
        if (!SandboxIdentity.TryRead(sfzmhm, today, out var id))
        {
            return Answer<List<VehicleBody>>(MalformedIdNumber, null);
        }

        asked.Record(AgencyCode, id);
        return Answer(Success, Render(population.Describe(id, today)));
    }

    /// <summary>
    /// A body that is not the documented request, or too long a list, is a client error the specification does not
    /// word; the sandbox answers it like a gateway would, with a 400, so no adapter takes it for an answer.
    /// </summary>
    private async Task<IResult> BatchQuery(HttpRequest request)
    {
        var body = await SandboxJson.ReadAsync<VehicleBatchRequest>(request);
        if (body?.SfzmhmList is null)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST");
        }

        if (body.SfzmhmList.Count > MaxBatchSize)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "TOO_MANY_IDS");
        }

        if (BusyAnswer() is { } busy)
        {
            return busy;
        }

        var today = SandboxClock.Today(time);
        var ids = SandboxIdentity.ReadAll(body.SfzmhmList, today);
        if (ids is null)
        {
            return Answer<List<VehicleResultBody>>(MalformedIdNumber, null);
        }

        asked.Record(AgencyCode, ids);
        return Answer(Success, ids.Select(id => new VehicleResultBody(id, Render(population.Describe(id, today)))).ToList());
    }

    private IResult? BusyAnswer()
    {
        var ordinal = Interlocked.Increment(ref _requests);
        var rate = faults.AgencyErrorRate;
        if (rate <= 0)
        {
            return null;
        }

        var draw = new DeterministicRandom(StableHash.Of(seed, AgencyCodes.Vehicle + "/busy", ordinal));
        return draw.Chance(rate) ? Answer<object>(draw.Chance(0.5) ? Busy : InternalError, null) : null;
    }

    private static IResult Answer<T>(string code, T? data)
        where T : class =>
        SandboxJson.Ok(new VehicleAnswer<T>(code, Message(code), data));

    private static string Message(string code) => code switch
    {
        Success => "ok",
        MalformedIdNumber => "身份证明号码格式错误",
        Busy => "系统繁忙",
        _ => "系统内部错误",
    };

    /// <summary>Every registration, transferred and deregistered ones included, as the administration keeps them.</summary>
    private static List<VehicleBody> Render(SyntheticPerson person) =>
        person.Vehicles.Select(v => new VehicleBody(
            v.Hphm, v.Hpzl, v.Cllx, v.Syxz, v.Zt, v.Ccdjrq.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), v.Clpp, v.Cjrzyc)).ToList();
}
