namespace Dibao.Verification.Contracts.V1;

/// <param name="RefusalCode">Set when <see cref="Kind"/> is <see cref="FindingKind.Refused"/>, e.g. <c>NAME_ID_MISMATCH</c>.</param>
/// <param name="Facts">The records found; empty lists when the agency holds none.</param>
public sealed record PersonFinding(
    string IdNumber,
    FindingKind Kind,
    string? RefusalCode,
    PersonFacts Facts);
