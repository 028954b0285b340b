namespace Dibao.Verification.Host.Confirmation;

/// <param name="Action"><c>verified</c>, <c>confirm</c>, <c>return</c>, <c>amend</c>, <c>correct</c>, <c>notice</c>, <c>notice-ended</c> or <c>objection</c>.</param>
/// <param name="Outcome">The case's outcome after the step.</param>
/// <param name="Round">The round of verification whose result the step signed or acted on.</param>
public sealed record CaseStepView(string Tier, string Action, string By, DateTimeOffset At, string? Reason, string Outcome, int Round);
