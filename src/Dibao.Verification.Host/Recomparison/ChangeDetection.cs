using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// Decides, free of I/O, whether a recipient's new evaluation is a change worth a case. Only four things are: the outcome
/// would now be fail, a reason needing a human look that the confirmed evidence did not have, and income per head moving
/// beyond the threshold either way. Everything else is noise and produces nothing but a count.
/// </summary>
public static class ChangeDetection
{
    /// <param name="threshold">The relative move of income per head that counts (0.10 for 10 %).</param>
    public static ChangeKind Detect(ConfirmedFindings confirmed, HouseholdEvaluation now, decimal threshold)
    {
        // A fail rests on records found, which stay true whatever another agency failed to answer.
        if (now.Outcome == Outcome.Fail)
        {
            return ChangeKind.Exit;
        }

        if (now.Outcome is Outcome.Incomplete or Outcome.Pending)
        {
            return ChangeKind.Unavailable;
        }

        var known = confirmed.Reasons.Where(r => r.Severity == ReasonSeverity.Review).Select(Key).ToHashSet();
        if (now.Reasons.Any(r => r.Severity == ReasonSeverity.Review && !known.Contains(Key(r))))
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

    /// <summary>The same record about the same person gives the same key, whatever the wording or the figures.</summary>
    private static (string Code, string? IdNumber, string? Agency, string Evidence) Key(Reason reason) =>
        (reason.Code, reason.IdNumber, reason.Agency, reason.Evidence);
}
