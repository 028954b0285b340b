using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Audit;

/// <summary>
/// What a round's audit entry says of one answer asked for it: whose person, which source, how it settled and when, and
/// who caused the question and why (<see cref="AgencyQueryAudit.Settled"/>).
/// </summary>
public sealed record SettledAnswer(
    Guid RoundId,
    Guid HouseholdId,
    string IdHash,
    string Source,
    AnswerState State,
    FindingKind? Kind,
    string? RefusalCode,
    DateTime? AnsweredAtUtc,
    DateTime? DeadlineUtc,
    string RequestedBy,
    string Purpose,
    string Township);
