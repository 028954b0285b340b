using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Reports;

namespace Dibao.Verification.Host.Tests.Reports;

/// <summary>Which tiers' signatures the printed report shows: those that still stand.</summary>
public sealed class ReportSignaturesTests
{
    private static CaseStepView Step(string tier, string action, string by) =>
        new(tier, action, by, DateTimeOffset.UnixEpoch, null, "pass", 1);

    [Fact]
    public void An_objection_during_the_notice_withdraws_the_county_s_signature_and_keeps_the_township_s()
    {
        var signatures = HouseholdReports.Signatures(
        [
            Step("township", CaseActions.Verified, "system"),
            Step("township", CaseActions.Confirm, "township-01"),
            Step("county", CaseActions.Confirm, "county-01"),
            Step("county", CaseActions.Notice, "system"),
            Step("township", CaseActions.Objection, "township-01"),
        ]);

        signatures.Township!.By.ShouldBe("township-01");
        signatures.County.ShouldBeNull("the county decides again after the objection");
    }

    [Fact]
    public void A_return_withdraws_the_signature_of_the_tier_it_goes_back_to_and_a_new_one_stands()
    {
        var history = new List<CaseStepView>
        {
            Step("township", CaseActions.Verified, "system"),
            Step("township", CaseActions.Confirm, "township-01"),
            Step("county", CaseActions.Confirm, "county-01"),
            Step("city", CaseActions.Return, "city-01"),
        };

        var returned = HouseholdReports.Signatures(history);
        (returned.Township!.By, returned.County, returned.City).ShouldBe(("township-01", null, null));

        history.Add(Step("county", CaseActions.Amend, "county-02"));
        history.Add(Step("county", CaseActions.Return, "county-02"));
        var backAtTownship = HouseholdReports.Signatures(history);
        (backAtTownship.Township, backAtTownship.County).ShouldBe((null, null));

        history.Add(Step("township", CaseActions.Confirm, "township-02"));
        history.Add(Step("county", CaseActions.Confirm, "county-03"));
        history.Add(Step("city", CaseActions.Confirm, "city-01"));
        var signed = HouseholdReports.Signatures(history);
        (signed.Township!.By, signed.County!.By, signed.City!.By).ShouldBe(("township-02", "county-03", "city-01"));
    }
}
