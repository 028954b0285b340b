using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Domain.Policy.Rules;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Roll;

namespace Dibao.Verification.Host.Tests.Recomparison;

public sealed class ChangeDetectionTests
{
    private const decimal Threshold = 0.10m;

    private static readonly Reason Business = new(ReasonCodes.IndividualBusinessReview, ReasonSeverity.Review, "220105196104020011", "business-registry", "92220105MA0000001X", "个体工商户，需人工核实经营收入");
    private static readonly Reason Vehicle = new(ReasonCodes.VehicleOwned, ReasonSeverity.Fail, "220105196104020011", "vehicle", "吉A12345", "名下有机动车");
    private static readonly Reason Missing = new(ReasonCodes.AgencyUnavailable, ReasonSeverity.Incomplete, null, "tax", "", "税务部门未答复");

    [Fact]
    public void A_fail_now_proposes_exit_even_when_another_agency_did_not_answer() =>
        ChangeDetection.Detect(new ConfirmedFindings(300m, []), Now(Outcome.Fail, 300m, Vehicle, Missing), Threshold).ShouldBe(ChangeKind.Exit);

    [Theory]
    [InlineData(300, 331, ChangeKind.Reduce)]
    [InlineData(300, 269, ChangeKind.Increase)]
    [InlineData(300, 330, ChangeKind.Unchanged)]
    [InlineData(300, 270, ChangeKind.Unchanged)]
    [InlineData(300, 300, ChangeKind.Unchanged)]
    [InlineData(0, 1, ChangeKind.Reduce)]
    [InlineData(0, 0, ChangeKind.Unchanged)]
    public void Income_per_head_counts_only_beyond_the_threshold_either_way(int before, int after, ChangeKind expected) =>
        ChangeDetection.Detect(new ConfirmedFindings(before, []), Now(Outcome.Pass, after), Threshold).ShouldBe(expected);

    [Fact]
    public void A_reason_for_a_human_look_is_a_change_only_when_the_confirmed_evidence_did_not_have_it()
    {
        ChangeDetection.Detect(new ConfirmedFindings(300m, []), Now(Outcome.Review, 300m, Business), Threshold).ShouldBe(ChangeKind.Review);
        ChangeDetection.Detect(new ConfirmedFindings(300m, [Business]), Now(Outcome.Review, 300m, Business with { Message = "另一种说法" }), Threshold).ShouldBe(ChangeKind.Unchanged);
        ChangeDetection.Detect(new ConfirmedFindings(300m, [Business]), Now(Outcome.Review, 300m, Business with { Evidence = "92220105MA0000002X" }), Threshold).ShouldBe(ChangeKind.Review);
    }

    [Fact]
    public void An_unanswered_agency_leaves_the_household_unavailable_rather_than_changed() =>
        ChangeDetection.Detect(new ConfirmedFindings(300m, []), Now(Outcome.Incomplete, 900m, Missing), Threshold).ShouldBe(ChangeKind.Unavailable);

    [Fact]
    public void An_imported_household_without_evidence_changes_only_by_failing_or_needing_a_look()
    {
        ChangeDetection.Detect(ConfirmedFindings.None, Now(Outcome.Pass, 500m), Threshold).ShouldBe(ChangeKind.Unchanged);
        ChangeDetection.Detect(ConfirmedFindings.None, Now(Outcome.Review, 500m, Business), Threshold).ShouldBe(ChangeKind.Review);
        ChangeDetection.Detect(ConfirmedFindings.None, Now(Outcome.Fail, 500m, Vehicle), Threshold).ShouldBe(ChangeKind.Exit);
    }

    [Fact]
    public void An_imported_household_with_a_baseline_is_compared_on_income_as_a_confirmed_one_is()
    {
        var run = Guid.CreateVersion7();
        var imported = new RollHousehold { Township = "220105001", Ref = "H-1", ConsentRef = "C-1", Source = RollSources.Import, JoinedBy = "township-01" };
        var baselined = new RollHousehold
        {
            Township = "220105001", Ref = "H-1", ConsentRef = "C-1", Source = RollSources.Import, JoinedBy = "township-01", BaselinePerCapitaMonthlyIncome = 300m, BaselineRunId = run,
        };

        ConfirmedFindings.Of(imported, new Dictionary<Guid, ConfirmedFindings>()).ShouldBeSameAs(ConfirmedFindings.None);
        var baseline = ConfirmedFindings.Of(baselined, new Dictionary<Guid, ConfirmedFindings>());
        (baseline.PerCapitaMonthlyIncome, baseline.BaselineRunId).ShouldBe((300m, run));
        ChangeDetection.Detect(baseline, Now(Outcome.Pass, 331m), Threshold).ShouldBe(ChangeKind.Reduce);
        ChangeDetection.Detect(baseline, Now(Outcome.Pass, 269m), Threshold).ShouldBe(ChangeKind.Increase);
        ChangeDetection.Detect(baseline, Now(Outcome.Review, 300m, Business), Threshold).ShouldBe(ChangeKind.Review);
    }

    [Fact]
    public void A_fail_the_tiers_kept_the_household_over_is_not_raised_again_but_a_new_one_is()
    {
        var secondCar = Vehicle with { Evidence = "吉B54321" };

        ChangeDetection.Detect(new ConfirmedFindings(300m, [Vehicle]), Now(Outcome.Fail, 300m, Vehicle), Threshold).ShouldBe(ChangeKind.Unchanged);
        ChangeDetection.Detect(new ConfirmedFindings(300m, [Vehicle]), Now(Outcome.Fail, 300m, Vehicle, secondCar), Threshold).ShouldBe(ChangeKind.Exit);
    }

    [Fact]
    public void Figures_moving_in_the_evidence_of_a_known_reason_are_not_a_new_reason()
    {
        var foreign = new Reason(ReasonCodes.ForeignCurrencyAssetsReview, ReasonSeverity.Review, "220105196104020011", "bank", "[220105********0011] BOC 6217****7246 活期 1000.00 USD", "");
        var grown = foreign with { Evidence = "[220105********0011] BOC 6217****7246 活期 1,000.35 USD" };
        var another = foreign with { Evidence = "[220105********0011] BOC 6217****9999 活期 1000.00 USD" };
        var income = new Reason(ReasonCodes.IncomeAboveStandard, ReasonSeverity.Fail, null, null, "家庭月收入2000.00元÷2人", "");

        ChangeDetection.Detect(new ConfirmedFindings(300m, [foreign]), Now(Outcome.Review, 300m, grown), Threshold).ShouldBe(ChangeKind.Unchanged);
        ChangeDetection.Detect(new ConfirmedFindings(300m, [foreign]), Now(Outcome.Review, 300m, another), Threshold).ShouldBe(ChangeKind.Review);
        ChangeDetection.Detect(new ConfirmedFindings(1000m, [income]), Now(Outcome.Fail, 1050m, income with { Evidence = "家庭月收入2100.00元÷2人" }), Threshold).ShouldBe(ChangeKind.Unchanged);
        ChangeDetection.Detect(new ConfirmedFindings(1000m, [income]), Now(Outcome.Fail, 1200m, income with { Evidence = "家庭月收入2400.00元÷2人" }), Threshold).ShouldBe(ChangeKind.Reduce);
    }

    [Fact]
    public void A_fail_the_tiers_kept_with_an_agency_missing_is_unavailable_not_a_move_of_income()
    {
        // The income found without the tax bureau is a sum with a part left out: no proposal to pay more rests on it.
        ChangeDetection.Detect(new ConfirmedFindings(1000m, [Vehicle]), Now(Outcome.Fail, 850m, Vehicle, Missing), Threshold).ShouldBe(ChangeKind.Unavailable);
        ChangeDetection.Detect(new ConfirmedFindings(300m, [Vehicle]), Now(Outcome.Fail, 300m, Vehicle, Missing), Threshold).ShouldBe(ChangeKind.Unavailable);
    }

    [Fact]
    public void A_kept_vehicle_or_entity_is_the_same_record_whatever_its_status_or_capital_tonight()
    {
        var car = VehicleReason("吉A12345", VehicleRegistrationStatus.Normal);
        var company = BusinessReason("92220105MA17XXXX2Q", BusinessType.Company, 50m);

        ChangeDetection.Detect(new ConfirmedFindings(300m, [car]), Now(Outcome.Fail, 300m, VehicleReason("吉A12345", VehicleRegistrationStatus.UnresolvedViolations)), Threshold)
            .ShouldBe(ChangeKind.Unchanged);
        ChangeDetection.Detect(new ConfirmedFindings(300m, [company]), Now(Outcome.Fail, 300m, BusinessReason("92220105MA17XXXX2Q", BusinessType.Company, 100m)), Threshold)
            .ShouldBe(ChangeKind.Unchanged);
        ChangeDetection.Detect(new ConfirmedFindings(300m, [car]), Now(Outcome.Fail, 300m, car, VehicleReason("吉B54321", VehicleRegistrationStatus.Normal)), Threshold)
            .ShouldBe(ChangeKind.Exit);
        ChangeDetection.Detect(new ConfirmedFindings(300m, [company]), Now(Outcome.Fail, 300m, company, BusinessReason("92220105MA17YYYY3R", BusinessType.Company, 50m)), Threshold)
            .ShouldBe(ChangeKind.Exit);
    }

    [Fact]
    public void A_reason_stored_before_reasons_named_their_record_is_matched_by_the_record_in_its_evidence()
    {
        var car = VehicleReason("吉A12345", VehicleRegistrationStatus.Normal);
        var company = BusinessReason("92220105MA17XXXX2Q", BusinessType.Company, 50m);

        ChangeDetection.Detect(new ConfirmedFindings(300m, [car with { Record = null }]), Now(Outcome.Fail, 300m, VehicleReason("吉A12345", VehicleRegistrationStatus.UnresolvedViolations)), Threshold)
            .ShouldBe(ChangeKind.Unchanged);
        ChangeDetection.Detect(new ConfirmedFindings(300m, [company with { Record = null }]), Now(Outcome.Fail, 300m, BusinessReason("92220105MA17XXXX2Q", BusinessType.Company, 100m)), Threshold)
            .ShouldBe(ChangeKind.Unchanged);
        ChangeDetection.Detect(new ConfirmedFindings(300m, [car with { Record = null }]), Now(Outcome.Fail, 300m, VehicleReason("吉B54321", VehicleRegistrationStatus.Normal)), Threshold)
            .ShouldBe(ChangeKind.Exit);
    }

    private static Reason VehicleReason(string plate, VehicleRegistrationStatus status) =>
        VehicleRule.Assess(Says(AgencyCodes.Vehicle, new PersonFacts
        {
            Vehicles = [new VehicleFact(plate, VehicleCategory.PassengerCar, "K33", "A", status, new DateOnly(2019, 6, 1), "大众", false)],
        })).ShouldHaveSingleItem();

    private static Reason BusinessReason(string creditCode, BusinessType type, decimal capitalWan) =>
        BusinessRule.Assess(
            Says(AgencyCodes.BusinessRegistry, new PersonFacts
            {
                Businesses = [new BusinessFact(creditCode, "长春某某商贸有限公司", type, BusinessRole.Shareholder, capitalWan, BusinessStatus.Active, new DateOnly(2021, 4, 12), null)],
            }),
            new PolicyParameters(800m, 12, 24, 10m, 6, false)).ShouldHaveSingleItem();

    private static MemberEvidence Says(string agency, PersonFacts facts) =>
        new("220105196104020011", "张三", [AgencyAnswer.Answered(agency, new PersonFinding("220105196104020011", FindingKind.RecordsFound, null, facts))]);

    private static HouseholdEvaluation Now(Outcome outcome, decimal income, params Reason[] reasons) => new(outcome, income, 0m, reasons, Settled: true);
}
