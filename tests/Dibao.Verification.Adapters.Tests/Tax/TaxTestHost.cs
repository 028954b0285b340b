using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.Tax;
using Dibao.Verification.Contracts.V1;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Dibao.Verification.Adapters.Tests.Tax;

public abstract class TaxTestHost : AgencyTestHost
{
    protected const string TokenPath = "/oauth/token";
    protected const string SinglePath = "/tax/v2/income-records";
    protected const string BatchPath = "/tax/v2/income-records:batch";
    protected const string ClientId = "hub-client";
    protected const string ClientSecret = "hub-secret";
    protected const string Token = "token-1";
    protected const string Name = "王建国";

    /// <summary>The six months <see cref="Question(string[])"/> asks about, as the bureau writes them.</summary>
    protected const string From = "2026-05";
    protected const string To = "2026-10";

    protected const string RecordJson = """{ "period": "202609", "category": "wages", "payer": "长春某某商贸有限公司", "grossFen": 520000, "taxFen": 1200 }""";

    protected TaxTestHost()
        : base(TaxAdapter.Code, TaxAdapter.ConfigurationSection, (bus, configuration) => bus.AddTaxAdapter(configuration))
    {
        Configure("ApiKey", null);
        Configure("ClientId", ClientId);
        Configure("ClientSecret", ClientSecret);
    }

    protected static QueryAgency Question(params string[] idNumbers) => Question(new DateOnly(2026, 5, 1), new DateOnly(2026, 10, 1), idNumbers);

    protected static QueryAgency Question(DateOnly fromMonth, DateOnly toMonth, params string[] idNumbers) =>
        new(Guid.NewGuid(), TaxAdapter.Code, AsOf, fromMonth, toMonth, idNumbers.Select(id => new PersonToCheck(id, Name)).ToList());

    /// <summary>Calls the query bound to <paramref name="question"/> directly, counting attempts as the consumer does.</summary>
    protected async Task<(IReadOnlyList<PersonFinding> Findings, int Attempts)> FindAsync(QueryAgency question)
    {
        var query = Services.GetRequiredService<TaxQueryFactory>().For(question);
        using var attempts = AttemptCounter.Start();
        var findings = await query.FindAsync(question.Persons, question.AsOf, CancellationToken.None);
        return (findings, attempts.Count);
    }

    protected Task<(IReadOnlyList<PersonFinding> Findings, int Attempts)> FindAsync(params string[] idNumbers) => FindAsync(Question(idNumbers));

    protected void GivenToken(string token = Token, int expiresIn = 600) =>
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":{{expiresIn}}}"""));

    protected static string RecordsJson(params string[] records) => $$"""{ "records": [ {{string.Join(", ", records)}} ] }""";

    protected int Requests(string path) => Server.LogEntries.Count(e => e.RequestMessage.Path == path);
}
