namespace Dibao.Verification.Host.Confirmation;

/// <param name="Cause"><c>submission</c>, <c>correction</c> or <c>reverification</c>.</param>
/// <param name="Outcome">The round's stored result, or <c>pending</c> while it awaits answers.</param>
public sealed record RoundSummaryView(int Number, string Cause, DateTimeOffset StartedAt, string Outcome, DateTimeOffset? EvaluatedAt);
