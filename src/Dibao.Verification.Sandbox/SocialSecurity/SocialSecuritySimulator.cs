using System.Globalization;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Population;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dibao.Verification.Sandbox.SocialSecurity;

/// <summary>The social security bureau (社会保险事业管理局): insured persons, one at a time or in batches.</summary>
public sealed class SocialSecuritySimulator(SyntheticPopulation population, TimeProvider time, AskedPersons asked) : IAgencySimulator
{
    public const int MaxBatchSize = 1000;

    public string AgencyCode => AgencyCodes.SocialSecurity;

    IEnumerable<KeyValuePair<string, string?>> IAgencySimulator.HubSettings(Uri baseUrl, string apiKey) =>
    [
        new("Agencies:SocialSecurity:BaseUrl", baseUrl.ToString()),
        new("Agencies:SocialSecurity:ApiKey", apiKey),
    ];

    void IAgencySimulator.Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/insured-persons/{idNumber}", GetInsuredPerson);
        endpoints.MapPost("/api/v1/insured-persons:batch-query", BatchQuery);
    }

    private IResult GetInsuredPerson(string idNumber, string? asOf)
    {
        var today = SandboxClock.Today(time);
        if (!SandboxIdentity.TryRead(idNumber, today, out var id))
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, SandboxIdentity.InvalidIdNumber);
        }

        if (!TryParseAsOf(asOf, today, out var date))
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "INVALID_AS_OF");
        }

        asked.Record(AgencyCode, id);
        var person = population.Describe(id, date);
        return person.HasSocialInsuranceRecords
            ? SandboxJson.Ok(Render(person))
            : SandboxJson.Error(StatusCodes.Status404NotFound, "PERSON_NOT_FOUND");
    }

    private async Task<IResult> BatchQuery(HttpRequest request)
    {
        var body = await SandboxJson.ReadAsync<BatchQueryRequest>(request);
        if (body?.IdNumbers is null)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST");
        }

        if (body.IdNumbers.Count > MaxBatchSize)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "TOO_MANY_IDS");
        }

        var today = SandboxClock.Today(time);
        if (!TryParseAsOf(body.AsOf, today, out var date))
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "INVALID_AS_OF");
        }

        var ids = SandboxIdentity.ReadAll(body.IdNumbers, today);
        if (ids is null)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, SandboxIdentity.InvalidIdNumber);
        }

        asked.Record(AgencyCode, ids);
        var persons = ids.Select(id => population.Describe(id, date)).Where(p => p.HasSocialInsuranceRecords).Select(Render).ToList();
        return SandboxJson.Ok(new BatchQueryBody(persons));
    }

    /// <summary>Without asOf the bureau answers about today.</summary>
    private static bool TryParseAsOf(string? value, DateOnly today, out DateOnly asOf)
    {
        if (string.IsNullOrEmpty(value))
        {
            asOf = today;
            return true;
        }

        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf);
    }

    private static InsuredPersonBody Render(SyntheticPerson person) => new(
        person.IdNumber,
        person.Name,
        person.Pensions.Select(p => new PensionBody(p.Scheme, p.MonthlyAmount, Day(p.Since), p.Status)).ToList(),
        person.Employments.Select(e => new EmploymentBody(e.EmployerName, e.EmployerCreditCode, e.ContributionBase, Month(e.From), e.To is { } to ? Month(to) : null)).ToList(),
        person.UnemploymentBenefit is { } benefit ? new UnemploymentBenefitBody(benefit.MonthlyAmount, Month(benefit.From), Month(benefit.To)) : null);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
