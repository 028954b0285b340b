using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>What the test hub sets for every test, and that a test's own settings still win.</summary>
public sealed class RunningHubTests
{
    [Fact]
    public async Task Every_agency_and_bank_gets_a_minute_per_attempt_unless_the_test_sets_its_own()
    {
        await using var hub = await RunningHub.StartAsync("Agencies:Tax:AttemptTimeout=00:00:07");
        var options = hub.Services.GetRequiredService<IOptionsMonitor<AgencyOptions>>();
        var banks = hub.Services.GetRequiredService<IOptions<VerificationOptions>>().Value.Banks;
        banks.ShouldNotBeEmpty();

        string[] others = [AgencyCodes.SocialSecurity, AgencyCodes.HousingFund, AgencyCodes.BusinessRegistry, AgencyCodes.Vehicle, .. banks.Select(b => $"{AgencyCodes.Bank}:{b}")];
        foreach (var source in others)
        {
            options.Get(source).AttemptTimeout.ShouldBe(TimeSpan.FromMinutes(1), source);
        }

        options.Get(AgencyCodes.Tax).AttemptTimeout.ShouldBe(TimeSpan.FromSeconds(7), "the test's own setting comes after the default");
    }
}
