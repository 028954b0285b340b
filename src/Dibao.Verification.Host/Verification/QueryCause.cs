namespace Dibao.Verification.Host.Verification;

/// <summary>Who caused agency queries and why, as the audit trail records them.</summary>
/// <param name="RequestedBy">The signed-in user whose action asks.</param>
/// <param name="Purpose">The batch's purpose, or the round's cause when it is not the submission.</param>
public sealed record QueryCause(string RequestedBy, string Purpose);
