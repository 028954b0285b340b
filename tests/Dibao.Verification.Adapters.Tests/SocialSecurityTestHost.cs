using Dibao.Verification.Adapters.SocialSecurity;
using MassTransit;

namespace Dibao.Verification.Adapters.Tests;

public abstract class SocialSecurityTestHost : AgencyTestHost
{
    protected const string SinglePath = "/api/v1/insured-persons/";
    protected const string BatchPath = "/api/v1/insured-persons:batch-query";

    protected SocialSecurityTestHost()
        : base(SocialSecurityAdapter.Code, SocialSecurityAdapter.ConfigurationSection, (bus, configuration) => bus.AddSocialSecurityAdapter(configuration))
    {
    }

    /// <param name="configureBus">More for the in-memory bus, such as a filter in its consume pipe.</param>
    protected SocialSecurityTestHost(Action<IInMemoryBusFactoryConfigurator> configureBus)
        : base(SocialSecurityAdapter.Code, SocialSecurityAdapter.ConfigurationSection, (bus, configuration) =>
        {
            bus.AddSocialSecurityAdapter(configuration);
            bus.UsingInMemory((context, cfg) =>
            {
                configureBus(cfg);
                cfg.ConfigureEndpoints(context);
            });
        })
    {
    }

    protected static string PersonJson(string idNumber) => $$"""
        { "idNumber": "{{idNumber}}", "name": "王建国",
          "pensions": [ { "scheme": "enterprise-employee", "monthlyAmount": 2350.50, "since": "2024-03-01", "status": "paying" } ],
          "employment": [ { "employerName": "长春某某机械有限公司", "employerCreditCode": "91220101MA14XXXX1K", "contributionBase": 4200.00, "from": "2023-01", "to": null } ],
          "unemploymentBenefit": { "monthlyAmount": 1500.00, "from": "2026-06", "to": "2026-12" } }
        """;

    protected Task<(IReadOnlyList<Contracts.V1.PersonFinding> Findings, int Attempts)> FindAsync(params string[] idNumbers) =>
        FindAsync<SocialSecurityQuery>(idNumbers);
}
