using Dibao.Verification.Adapters.HousingFund;
using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Adapters.Tests;

public abstract class HousingFundTestHost() : AgencyTestHost(
    HousingFundAdapter.Code,
    HousingFundAdapter.ConfigurationSection,
    (bus, configuration) => bus.AddHousingFundAdapter(configuration))
{
    protected const string SinglePath = "/hf/api/accounts";
    protected const string BatchPath = "/hf/api/accounts:batch";

    protected const string AccountJson = """
        { "accountNo": "2201001234567", "status": "normal", "employerName": "长春某某物业服务有限公司", "depositBase": "4200.00", "monthlyDeposit": "840.00", "balance": "35120.55", "lastDepositMonth": "202610", "openedOn": "20150301" }
        """;

    protected static string AccountsJson(params string[] accounts) => $$"""{ "accounts": [ {{string.Join(", ", accounts)}} ] }""";

    protected Task<(IReadOnlyList<PersonFinding> Findings, int Attempts)> FindAsync(params string[] idNumbers) =>
        FindAsync<HousingFundQuery>(idNumbers);
}
