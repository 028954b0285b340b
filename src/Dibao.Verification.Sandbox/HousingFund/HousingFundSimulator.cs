using System.Globalization;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Population;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dibao.Verification.Sandbox.HousingFund;

/// <summary>The housing provident fund centre (住房公积金管理中心). It takes no asOf: it answers about today.</summary>
public sealed class HousingFundSimulator(SyntheticPopulation population, TimeProvider time, AskedPersons asked) : IAgencySimulator
{
    public const int MaxBatchSize = 500;

    public string AgencyCode => AgencyCodes.HousingFund;

    IEnumerable<KeyValuePair<string, string?>> IAgencySimulator.HubSettings(Uri baseUrl, string apiKey) =>
    [
        new("Agencies:HousingFund:BaseUrl", baseUrl.ToString()),
        new("Agencies:HousingFund:ApiKey", apiKey),
    ];

    void IAgencySimulator.Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/hf/api/accounts", GetAccounts);
        endpoints.MapPost("/hf/api/accounts:batch", BatchAccounts);
    }

    private IResult GetAccounts(string? idNumber)
    {
        var today = SandboxClock.Today(time);
        if (!SandboxIdentity.TryRead(idNumber, today, out var id))
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, SandboxIdentity.InvalidIdNumber);
        }

        asked.Record(AgencyCode, id);
        return SandboxJson.Ok(new AccountsBody(Render(population.Describe(id, today))));
    }

    private async Task<IResult> BatchAccounts(HttpRequest request)
    {
        var body = await SandboxJson.ReadAsync<AccountsBatchRequest>(request);
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
        return SandboxJson.Ok(new AccountsBatchBody(ids.Select(id => new AccountsResultBody(id, Render(population.Describe(id, today)))).ToList()));
    }

    private static List<AccountBody> Render(SyntheticPerson person) =>
        person.HousingFundAccounts.Select(a => new AccountBody(
            a.AccountNo,
            a.Status,
            a.EmployerName,
            Amount(a.DepositBase),
            Amount(a.MonthlyDeposit),
            Amount(a.Balance),
            a.LastDepositMonth?.ToString("yyyyMM", CultureInfo.InvariantCulture),
            a.OpenedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture))).ToList();

    private static string Amount(decimal yuan) => yuan.ToString("0.00", CultureInfo.InvariantCulture);
}
