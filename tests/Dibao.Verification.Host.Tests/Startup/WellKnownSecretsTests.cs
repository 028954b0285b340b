using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox;
using Microsoft.Extensions.Configuration;

namespace Dibao.Verification.Host.Tests.Startup;

/// <summary>Every secret the sandbox hands out by default is known for what it is, so Production refuses whichever agency carries it.</summary>
public sealed class WellKnownSecretsTests
{
    public static TheoryData<string> Agencies =>
        [AgencyCodes.SocialSecurity, AgencyCodes.HousingFund, AgencyCodes.Tax, AgencyCodes.BusinessRegistry, AgencyCodes.Vehicle, AgencyCodes.Bank];

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task The_sandboxs_default_settings_for_each_agency_carry_a_well_known_secret(string agency)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());

        var found = WellKnownSecrets.Find(new ConfigurationBuilder().AddInMemoryCollection(sandbox.HubSettings(agency)).Build());

        found.ShouldNotBeNull();
        found.Value.Key.ShouldStartWith("Agencies:");
        SandboxOptions.DefaultApiKey.ShouldBe(WellKnownSecrets.SandboxApiKey);
    }

    [Fact]
    public async Task Keys_of_the_deployments_own_are_not_taken_for_well_known_ones()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { ApiKey = "k-" + Guid.NewGuid().ToString("N") });
        var settings = sandbox.HubSettings().Concat([
            new("Bus:Transport", "RabbitMq"),
            new KeyValuePair<string, string?>("Bus:RabbitMq:Password", Guid.NewGuid().ToString("N")),
        ]);

        WellKnownSecrets.Find(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).ShouldBeNull();
    }

    [Fact]
    public void The_guest_password_is_well_known_only_where_the_bus_is_RabbitMQ()
    {
        var inMemory = new ConfigurationBuilder().AddInMemoryCollection([new("Bus:RabbitMq:Password", "guest")]).Build();
        var rabbit = new ConfigurationBuilder().AddInMemoryCollection([new("Bus:Transport", "RabbitMq"), new("Bus:RabbitMq:Password", "guest")]).Build();

        WellKnownSecrets.Find(inMemory).ShouldBeNull();
        WellKnownSecrets.Find(rabbit)!.Value.Key.ShouldBe("Bus:RabbitMq:Password");
    }
}
