namespace Dibao.Verification.Contracts.V1;

/// <summary>A tier has not decided on a case by its deadline in working days; published once per case per stay at a tier.</summary>
/// <param name="Tier"><c>township</c>, <c>county</c> or <c>city</c>.</param>
/// <param name="Provisional">The deadline falls in a year without a published holiday arrangement.</param>
public sealed record CaseOverdue(
    Guid CaseId,
    Guid BatchId,
    string HouseholdRef,
    string Township,
    string Tier,
    DateOnly Due,
    bool Provisional,
    DateTimeOffset RemindedAt);
