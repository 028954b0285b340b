using System.Text.RegularExpressions;
using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// Decides, free of I/O, whether a recipient's new evaluation is a change worth a case. Only four things are: a reason to
/// fail that the confirmed evidence did not have, a reason needing a human look that it did not have, and income per head
/// moving beyond the threshold either way. Everything else is noise and produces nothing but a count.
/// </summary>
public static partial class ChangeDetection
{
    /// <param name="threshold">The relative move of income per head that counts (0.10 for 10 %).</param>
    public static ChangeKind Detect(ConfirmedFindings confirmed, HouseholdEvaluation now, decimal threshold)
    {
        // A fail rests on records found, which stay true whatever another agency failed to answer. One the tiers kept the
        // household on the roll over (a car the registry still lists after it was scrapped) is theirs already: raising it
        // again would open the same exit case every night.
        if (now.Outcome == Outcome.Fail && IsNew(now, confirmed, ReasonSeverity.Fail))
        {
            return ChangeKind.Exit;
        }

        // With an agency missing, nothing else can be judged: a fail the tiers kept still makes the outcome fail, and an
        // income above the standard would be a sum with a part left out.
        if (now.Outcome is Outcome.Incomplete or Outcome.Pending || now.Reasons.Any(r => r.Severity == ReasonSeverity.Incomplete))
        {
            return ChangeKind.Unavailable;
        }

        if (IsNew(now, confirmed, ReasonSeverity.Review))
        {
            return ChangeKind.Review;
        }

        if (confirmed.PerCapitaMonthlyIncome is not { } before || now.PerCapitaMonthlyIncome is not { } after || after == before)
        {
            return ChangeKind.Unchanged;
        }

        // From nothing, any income is a move beyond any threshold: there is no base to take a share of.
        var beyond = before == 0 || Math.Abs(after - before) > threshold * before;
        return !beyond ? ChangeKind.Unchanged : after > before ? ChangeKind.Reduce : ChangeKind.Increase;
    }

    private static bool IsNew(HouseholdEvaluation now, ConfirmedFindings confirmed, ReasonSeverity severity)
    {
        var known = confirmed.Reasons.Where(r => r.Severity == severity).ToList();
        return now.Reasons.Any(r => r.Severity == severity && !known.Any(k => Same(k, r)));
    }

    /// <summary>
    /// The same record about the same person, whatever the wording or the figures: a balance, a found income, a per-head
    /// figure, a vehicle's status or an entity's capital in the evidence moves from night to night. A record with an
    /// identity (a plate, a credit code) is that identity; any other is its evidence without the figures. Income above
    /// the standard is one finding about the household, whose figures the threshold judges.
    /// </summary>
    private static bool Same(Reason confirmed, Reason now) =>
        (confirmed.Code, confirmed.IdNumber, confirmed.Agency) == (now.Code, now.IdNumber, now.Agency)
        && (RecordOf(confirmed) is { } record && RecordOf(now) is { } again ? record == again : EvidenceKey(confirmed) == EvidenceKey(now));

    /// <summary>
    /// Reasons stored before they named their record carry it in their evidence only, as the rules wrote it then
    /// (<c>号牌吉A12345，</c>, <c>（统一社会信用代码…）</c>): a recipient kept on the roll is compared with those for years.
    /// </summary>
    private static string? RecordOf(Reason reason) =>
        reason.Record ?? reason.Code switch
        {
            ReasonCodes.VehicleOwned when Plate().Match(reason.Evidence) is { Success: true } plate => plate.Groups[1].Value,
            ReasonCodes.BusinessOwned or ReasonCodes.IndividualBusinessReview or ReasonCodes.CooperativeReview
                when CreditCode().Match(reason.Evidence) is { Success: true } code => code.Groups[1].Value,
            _ => null,
        };

    private static string EvidenceKey(Reason reason) => reason.Code == ReasonCodes.IncomeAboveStandard ? "" : Figures().Replace(reason.Evidence, "#");

    [GeneratedRegex(@"-?\d[\d,]*\.\d+")]
    private static partial Regex Figures();

    [GeneratedRegex(@"^号牌([^，]+)，")]
    private static partial Regex Plate();

    [GeneratedRegex(@"（统一社会信用代码([0-9A-Z]+)）")]
    private static partial Regex CreditCode();
}
