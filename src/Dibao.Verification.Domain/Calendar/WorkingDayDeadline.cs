namespace Dibao.Verification.Domain.Calendar;

/// <param name="Provisional">Some day counted falls in a year with no published arrangement: only weekends were skipped,
/// so a holiday may still move the date.</param>
public sealed record WorkingDayDeadline(DateOnly Date, bool Provisional);
