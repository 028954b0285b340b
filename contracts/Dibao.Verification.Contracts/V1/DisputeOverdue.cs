namespace Dibao.Verification.Contracts.V1;

/// <summary>An applicant's dispute (复查) has not been answered by its deadline in working days; published once per dispute.</summary>
/// <param name="Agency">The agency asked again, by code.</param>
/// <param name="Provisional">The deadline falls in a year without a published holiday arrangement.</param>
public sealed record DisputeOverdue(
    Guid DisputeId,
    Guid CaseId,
    string HouseholdRef,
    string Township,
    string Agency,
    DateOnly Due,
    bool Provisional,
    DateTimeOffset RemindedAt);
