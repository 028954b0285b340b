using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Cli;
using Shouldly;
using Xunit;

namespace Dibao.Verification.Host.Tests.Cli;

public sealed class ConsoleReportTests
{
    [Fact]
    public void A_household_that_declared_shows_its_declared_figures_beside_the_found_ones_per_head()
    {
        var declared = new DeclarationComparison(
            [new MemberDeclaration("220102196406090154", new DeclaredAgainstFound(800m, 2350m, 1000m, 1000m))],
            new DeclaredAgainstFound(800m, 2350m, 1000m, 1000m),
            new DeclaredAgainstFound(400m, 1175.5m, 500m, null));
        var output = Write(Household("H-1", declared), Household("H-2", declarations: null));

        output.ShouldContain("申报/核实 人均月收入 400.00 / 1,175.50  人均金融资产 500.00 / -");
        output.Split('\n').Count(line => line.Contains("申报/核实", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public void Each_reason_is_printed_with_the_record_it_rests_on()
    {
        var household = Household("H-1", declarations: null) with
        {
            Verification = Verification(null) with
            {
                Outcome = "fail",
                Reasons = [new ReasonView("VEHICLE_OWNED", "fail", null, "vehicle", "吉A12345 2024-03-01", "名下有机动车", null, null)],
            },
        };

        var output = Write(household);

        output.ShouldContain("[fail] VEHICLE_OWNED 名下有机动车");
        output.ShouldContain("依据（vehicle）：吉A12345 2024-03-01");
        output.ShouldContain("共 1 户：不通过 fail 1");
    }

    private static string Write(params HouseholdView[] households)
    {
        var batch = new BatchView(Guid.NewGuid(), "completed", "220105001", "new-application", new DateOnly(2026, 11, 15), DateTimeOffset.UnixEpoch,
            new BatchProgress(households.Length, households.Length), households);
        using var output = new StringWriter();
        ConsoleReport.WriteBatch(batch, output);
        return output.ToString();
    }

    private static HouseholdView Household(string reference, DeclarationComparison? declarations) =>
        new(reference, "SQ-" + reference, 2, Verification(declarations));

    private static VerificationView Verification(DeclarationComparison? declarations) =>
        new("pass", 1175.5m, 500m, [], DateTimeOffset.UnixEpoch, Declarations: declarations);
}
