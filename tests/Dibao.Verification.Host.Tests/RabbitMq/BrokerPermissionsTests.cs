using System.Text.RegularExpressions;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Cli;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Tests.Deployment;
using Dibao.Verification.Sandbox;

namespace Dibao.Verification.Host.Tests.RabbitMq;

/// <summary>The agency users' permission patterns: what they let through, and the same wherever an operator reads them.</summary>
public sealed partial class BrokerPermissionsTests
{
    private static readonly string[] Agencies =
        [AgencyCodes.SocialSecurity, AgencyCodes.HousingFund, AgencyCodes.Tax, AgencyCodes.BusinessRegistry, AgencyCodes.Vehicle, AgencyCodes.Bank];

    [Theory]
    [InlineData("agency-tax", true)]
    [InlineData("agency-tax_error", true)]
    [InlineData("agency-tax_skipped", true)]
    [InlineData("agency-tax_wait_2000", true)]
    [InlineData("agency-tax_answers", true)]
    [InlineData("agency-taxi", false)]
    [InlineData("agency-vehicle", false)]
    [InlineData("agency-vehicle_answers", false)]
    [InlineData("x-agency-tax", false)]
    [InlineData("hub-agency-findings", false)]
    [InlineData("amq.default", false)]
    [InlineData("Dibao.Verification.Contracts.V1:QueryAgency", false)]
    [InlineData("MassTransit:Fault", false)]
    public void An_agency_user_is_permitted_its_agencys_names_only(string name, bool permitted) =>
        Regex.IsMatch(name, AgencyQueue.PermissionPattern([AgencyCodes.Tax])).ShouldBe(permitted);

    [Fact]
    public void A_host_answering_for_several_agencies_is_permitted_the_names_of_each()
    {
        var pattern = AgencyQueue.PermissionPattern([AgencyCodes.Vehicle, AgencyCodes.Tax]);

        pattern.ShouldBe("^agency-(tax|vehicle)(_.*)?$");
        Regex.IsMatch("agency-vehicle_error", pattern).ShouldBeTrue();
        Regex.IsMatch("agency-bank", pattern).ShouldBeFalse();
    }

    [Fact]
    public void The_command_prints_a_user_per_agency_with_its_pattern_on_the_configured_virtual_host()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        BrokerPermissionsCommand.Run(["--Bus:RabbitMq:VirtualHost=dibao"], output, error).ShouldBe(0, error.ToString());

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldContain("rabbitmqctl add_user 'agency-tax' \"$RABBITMQ_TAX_PASSWORD\"");
        lines.ShouldContain("rabbitmqctl set_permissions -p 'dibao' 'agency-tax' '^agency-tax(_.*)?$' '^agency-tax(_.*)?$' '^agency-tax(_.*)?$'");
        lines.ShouldContain("rabbitmqctl set_permissions -p 'dibao' 'hub' '.*' '.*' '.*'");
        lines.Count(l => l.StartsWith("rabbitmqctl set_permissions", StringComparison.Ordinal)).ShouldBe(1 + Agencies.Length);
    }

    [Fact]
    public void Docker_compose_gives_every_user_the_password_variable_and_pattern_the_command_prints()
    {
        var script = File.ReadAllText(Path.Combine(DockerCompose.RepositoryRoot, "deploy", "rabbitmq", "add-users.sh"));
        var added = AddLine().Matches(script).Select(m => new BrokerUser(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[3].Value, m.Groups[3].Value));

        added.OrderBy(u => u.Name, StringComparer.Ordinal).ShouldBe(BrokerUsers.For(Agencies).OrderBy(u => u.Name, StringComparer.Ordinal));
    }

    [GeneratedRegex("""^add (\S+) "\$(\w+)" '([^']*)'$""", RegexOptions.Multiline)]
    private static partial Regex AddLine();
}
