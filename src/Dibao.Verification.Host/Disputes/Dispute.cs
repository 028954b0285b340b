using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Disputes;

/// <summary>
/// An applicant's dispute of a finding (复查), recorded by the township: one agency asked again about one member or the
/// whole household, in a new round, and answered within a number of working days. Kept for ever with what it changed.
/// </summary>
public sealed class Dispute
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public Guid HouseholdId { get; init; }
    public required string Township { get; init; }
    public required string HouseholdRef { get; init; }

    /// <summary>The agency asked again, by code (<c>tax</c>, <c>bank</c>: every bank).</summary>
    public required string Agency { get; init; }

    /// <summary>The member whose finding is disputed; null for every member of the household.</summary>
    public string? IdNumber { get; init; }

    public required string Reason { get; init; }
    public required string RecordedBy { get; init; }
    public DateTime RecordedAtUtc { get; init; }

    /// <summary>The last working day for the answer, counted with the calendar from the office day it was recorded.</summary>
    public DateOnly DueOn { get; init; }

    /// <summary>The due day falls in a year without a published holiday arrangement.</summary>
    public bool DueProvisional { get; init; }

    /// <summary>The round the applicant disputed, and its automated outcome (not a tier's amendment of it).</summary>
    public int RoundBefore { get; init; }

    public Outcome OutcomeBefore { get; init; }

    /// <summary>The round that asked again; its evaluation answers the dispute.</summary>
    public int Round { get; init; }

    public DateTime? AnsweredAtUtc { get; private set; }
    public Outcome? OutcomeAfter { get; private set; }

    /// <summary>When the reminder that the dispute is late went out; once per dispute.</summary>
    public DateTime? RemindedAtUtc { get; private set; }

    public bool IsAnswered => AnsweredAtUtc is not null;

    /// <summary>Whether asking again changed the household's outcome; null until answered.</summary>
    public bool? Changed => OutcomeAfter is { } after ? after != OutcomeBefore : null;

    /// <summary>The re-asked round settled with <paramref name="outcome"/>.</summary>
    public void Answered(Outcome outcome, DateTime now)
    {
        AnsweredAtUtc = now;
        OutcomeAfter = outcome;
    }

    public void Reminded(DateTime now) => RemindedAtUtc = now;
}
