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

        if (now.Outcome is Outcome.Incomplete or Outcome.Pending)
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
        var known = confirmed.Reasons.Where(r => r.Severity == severity).Select(Key).ToHashSet();
        return now.Reasons.Any(r => r.Severity == severity && !known.Contains(Key(r)));
    }

    /// <summary>
    /// The same record about the same person gives the same key, whatever the wording or the figures: a balance, a found
    /// income or a per-head figure in the evidence moves every night. Income above the standard is one finding about the
    /// household, whose figures the threshold judges.
    /// </summary>
    private static (string Code, string? IdNumber, string? Agency, string Record) Key(Reason reason) =>
        (reason.Code, reason.IdNumber, reason.Agency, reason.Code == ReasonCodes.IncomeAboveStandard ? "" : Figures().Replace(reason.Evidence, "#"));

    [GeneratedRegex(@"-?\d[\d,]*\.\d+")]
    private static partial Regex Figures();
}
