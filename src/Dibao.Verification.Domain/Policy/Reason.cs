namespace Dibao.Verification.Domain.Policy;

/// <summary>One finding of the policy, with the record it rests on and the figures compared.</summary>
/// <param name="IdNumber">The member concerned; null for household-wide reasons.</param>
/// <param name="Agency">The agency whose record this rests on; null for household-wide sums.</param>
/// <param name="Evidence">The record: plate, credit code, account, period, and the parts of a sum.</param>
/// <param name="Message">A sentence a caseworker can read, in Chinese.</param>
/// <param name="Actual">The figure found, when figures were compared.</param>
/// <param name="Limit">The figure it was compared against.</param>
/// <param name="Record">
/// The identity of the one record this rests on, when it has one (a vehicle's plate, an entity's credit code): the same
/// record whatever else its evidence says tonight (a status, a capital).
/// </param>
public sealed record Reason(
    string Code,
    ReasonSeverity Severity,
    string? IdNumber,
    string? Agency,
    string Evidence,
    string Message,
    decimal? Actual = null,
    decimal? Limit = null,
    string? Record = null);
