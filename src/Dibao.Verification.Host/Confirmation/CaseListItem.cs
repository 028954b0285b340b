namespace Dibao.Verification.Host.Confirmation;

/// <param name="Due">The last working day for the current tier's decision; null when no tier has to decide.</param>
/// <param name="DueProvisional">The due day falls in a year without a published holiday arrangement.</param>
public sealed record CaseListItem(
    Guid CaseId,
    Guid BatchId,
    string HouseholdRef,
    string Township,
    string Tier,
    string State,
    string Outcome,
    DateOnly? Due,
    bool DueProvisional,
    bool Overdue,
    int Version,
    string Kind = CaseKinds.Application);
