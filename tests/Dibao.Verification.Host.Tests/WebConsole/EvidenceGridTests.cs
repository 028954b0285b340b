using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.WebConsole;

namespace Dibao.Verification.Host.Tests.WebConsole;

public sealed class EvidenceGridTests
{
    [Fact]
    public void Two_members_whose_masked_numbers_read_alike_keep_their_own_answers()
    {
        // Same district, same last four: masked for a tier that does not decide, the two numbers are one string.
        const string Masked = "220105********0018";
        var grid = new EvidenceGrid(
        [
            Answer(Masked, "王建国", "tax", "answered"),
            Answer(Masked, "王建业", "tax", "unavailable"),
        ]);

        grid.Members.ShouldBe([(Masked, "王建国"), (Masked, "王建业")]);
        grid.At((Masked, "王建国"), "tax")!.State.ShouldBe("answered");
        grid.At((Masked, "王建业"), "tax")!.State.ShouldBe("unavailable");
    }

    private static AgencyEvidenceView Answer(string idNumber, string name, string agency, string state) =>
        new(idNumber, name, agency, state, null, null, null, null);
}
