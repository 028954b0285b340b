using System.Text.Json;
using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Disputes;
using Shouldly;
using Xunit;

namespace Dibao.Verification.Host.Tests.Confirmation;

public sealed class CaseViewMaskingTests
{
    private const string Number = "220105198703150024";

    private static readonly Caller CountyReviewer = new("county-01", HubRoles.CountyReviewer, "220105");

    [Fact]
    public void A_reader_outside_the_case_tier_finds_no_whole_number_anywhere_in_the_view()
    {
        var masked = CaseViewMasking.For(CountyReviewer, View());

        var json = JsonSerializer.Serialize(masked);
        json.ShouldNotContain(Number);
        json.ShouldContain(IdentityNumber.Mask(Number));
        masked.Disputes!.Single().Answers.Single().Name.ShouldBe("王芳", "names stay for a reviewer to follow the decision");
    }

    [Fact]
    public void The_tier_deciding_the_case_reads_every_number_whole()
    {
        var view = View();

        CaseViewMasking.For(new Caller("wang-01", HubRoles.TownshipCaseworker, "220105001"), view).ShouldBeSameAs(view);
    }

    [Fact]
    public void A_batch_is_whole_for_the_township_that_submitted_it_and_masked_for_an_auditor()
    {
        var reasons = new[] { new ReasonView("VEHICLE_OWNED", "fail", Number, "vehicle", "吉A12345", "名下有机动车", null, null) };
        var declared = new Dibao.Verification.Domain.Policy.DeclarationComparison(
            [new(Number, new(0m, 900m, null, null))], new(0m, 900m, null, null), new(0m, 900m, null, null));
        var verification = new VerificationView("fail", 900m, 0m, reasons, DateTimeOffset.UnixEpoch, Declarations: declared);
        var household = new HouseholdView("H-1", "SQ-1", 1, verification, Guid.NewGuid(), "city", "confirmed",
            new FinalView("fail", reasons, null, new TierSignaturesView(null, null, null)));
        var batch = new BatchView(Guid.NewGuid(), "completed", "220105001", "new-application", new DateOnly(2026, 11, 15), DateTimeOffset.UnixEpoch,
            new BatchProgress(1, 1), [household]);

        CaseViewMasking.For(new Caller("wang-01", HubRoles.TownshipCaseworker, "220105001"), batch).ShouldBeSameAs(batch);
        var json = JsonSerializer.Serialize(CaseViewMasking.For(new Caller("sun-audit", HubRoles.Auditor, "2201"), batch));
        json.ShouldNotContain(Number);
        json.ShouldContain(IdentityNumber.Mask(Number));
    }

    private static CaseView View()
    {
        var evidence = new AgencyEvidenceView(Number, "王芳", "vehicle", "answered", "records-found", null, null, DateTimeOffset.UnixEpoch);
        var verification = new VerificationView("fail", 900m, 0m,
            [new ReasonView("VEHICLE_OWNED", "fail", Number, "vehicle", "吉A12345", "名下有机动车", null, null)], DateTimeOffset.UnixEpoch);
        var dispute = new DisputeView(Guid.NewGuid(), "vehicle", Number, "申请人称车辆已过户", "wang-01", DateTimeOffset.UnixEpoch,
            new DateOnly(2026, 12, 10), false, false, "answered", 1, "fail", 2, "fail", false, DateTimeOffset.UnixEpoch, [evidence]);
        return new CaseView(Guid.NewGuid(), Guid.NewGuid(), "H-1", "220105001", "township", "awaiting-review", 1, "fail", null,
            null, false, false, verification, [evidence], [], 2, false, [],
            Disputes: [dispute], Kind: CaseKinds.Recomparison, Confirmed: new ConfirmedEvidenceView(verification, [evidence]));
    }
}
