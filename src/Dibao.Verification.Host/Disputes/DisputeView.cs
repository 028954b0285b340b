using Dibao.Verification.Host.Confirmation;

namespace Dibao.Verification.Host.Disputes;

/// <param name="State"><c>open</c> until the re-asked round settles, then <c>answered</c>.</param>
/// <param name="Due">The last working day for the answer; <paramref name="Overdue"/> once it has passed unanswered.</param>
/// <param name="Changed">Whether the re-check changed the outcome; null while open.</param>
/// <param name="Answers">The agency's answers in the re-asked round about the members disputed.</param>
public sealed record DisputeView(
    Guid DisputeId,
    string Agency,
    string? IdNumber,
    string Reason,
    string By,
    DateTimeOffset At,
    DateOnly Due,
    bool DueProvisional,
    bool Overdue,
    string State,
    int RoundBefore,
    string OutcomeBefore,
    int Round,
    string? OutcomeAfter,
    bool? Changed,
    DateTimeOffset? AnsweredAt,
    IReadOnlyList<AgencyEvidenceView> Answers);
