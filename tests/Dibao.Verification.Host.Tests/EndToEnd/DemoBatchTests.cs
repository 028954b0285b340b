using System.Net;
using System.Net.Http.Headers;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>The README's sample must keep showing what the hub does: every outcome, every reason kind, exactly as the policy says.</summary>
public sealed class DemoBatchTests
{
    [Fact]
    public async Task The_demo_batch_verifies_to_the_policy_and_shows_every_outcome_and_reason_kind()
    {
        await using var hub = await RunningHub.StartAsync(RunningHub.SandboxOnAsOfDay);
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(DemoBatchPath()));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var asOf = new DateOnly(2026, 11, 15);

        var response = await hub.Client.PostAsync("/api/v1/batches?township=220105001&purpose=new-application&asOf=2026-11-15", content);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var view = await hub.WaitForCompletionAsync(response.Headers.Location!);
        var households = view.Households.Select(h => hub.Sandbox.Population.Household(int.Parse(h.Ref[2..], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        foreach (var (household, actual) in households.Zip(view.Households))
        {
            var expected = hub.Oracle.Expect(household, asOf).Outcome;
            if (actual.Verification.Declarations is null)
            {
                actual.Verification.Outcome.ShouldBe(expected, household.HouseholdRef);
                continue;
            }

            // The household that declared: passing on the agencies' findings, sent for review only because it declared
            // less income than they found.
            expected.ShouldBe("pass", household.HouseholdRef);
            actual.Verification.Outcome.ShouldBe("review", household.HouseholdRef);
            var mismatch = actual.Verification.Reasons.ShouldHaveSingleItem();
            mismatch.Code.ShouldBe("DECLARATION_MISMATCH");
            mismatch.Actual.ShouldBe(actual.Verification.PerCapitaMonthlyIncome);
            mismatch.Limit.ShouldBe(166.67m);
            var declared = actual.Verification.Declarations;
            declared.Members.Count.ShouldBe(actual.Members);
            (declared.Total.DeclaredMonthlyIncome, declared.Total.DeclaredFinancialAssets).ShouldBe((500m, 45000m));
            declared.PerCapita.FoundFinancialAssets.ShouldBe(actual.Verification.PerCapitaFinancialAssets);
        }

        view.Households.Count(h => h.Verification.Declarations is not null).ShouldBe(1, "the sample shows one household with declarations");

        view.Households.Select(h => h.Verification.Outcome).Distinct().Order().ShouldBe(["fail", "pass", "review"]);
        view.Households.SelectMany(h => h.Verification.Reasons).Select(r => r.Code).Distinct().Order().ShouldBe(
        [
            "BUSINESS_OWNED", "COOPERATIVE_REVIEW", "DECLARATION_MISMATCH", "FINANCIAL_ASSETS_ABOVE_LIMIT", "INCOME_ABOVE_STANDARD",
            "INDIVIDUAL_BUSINESS_REVIEW", "NAME_ID_MISMATCH", "VEHICLE_OWNED",
        ]);
    }

    private static string DemoBatchPath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "samples", "demo-batch.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/demo-batch.csv not found above the test binaries.");
    }
}
