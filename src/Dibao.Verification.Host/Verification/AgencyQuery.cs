using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// One question to one agency about a set of members; the agency's answer carries its id back. It is planned with its
/// round and held until its agency has room (<see cref="QueryRelease"/>): only then is it sent, and only from then does
/// its deadline run.
/// </summary>
public sealed class AgencyQuery
{
    public Guid Id { get; init; }
    public Guid BatchId { get; init; }
    public required string Agency { get; init; }
    public DateTime PlannedAtUtc { get; init; }

    /// <summary>Its place in the plan that made it: an agency is asked about the first members of a batch first.</summary>
    public int Ordinal { get; init; }

    /// <summary>
    /// Shared by the questions planned together about the same members, one per source: a household of theirs is ready
    /// only once every one of them has been answered or has run out of time. Null on questions planned before it was kept.
    /// </summary>
    public Guid? Chunk { get; init; }

    /// <summary>The persons it asks about: what an agency's limit on persons per second counts.</summary>
    public int Persons { get; init; }

    /// <summary>When it was released to be sent; null while it is held.</summary>
    public DateTime? SentAtUtc { get; init; }

    /// <summary>Counted from <see cref="SentAtUtc"/>; null while it is held.</summary>
    public DateTime? DeadlineUtc { get; init; }

    /// <summary>
    /// Its deadline while some of its answers are still awaited, for the deadline sweep (<see cref="DeadlineSweeper"/>) to
    /// find; null while it is held, once none is awaited, and on a re-comparison chunk's questions, which keep no answer
    /// per person. The answers do not carry the deadline themselves: a batch's questions are released by the dozen, each
    /// about hundreds of persons, and writing it on every answer was a write of every answer more.
    /// </summary>
    public DateTime? SweepAtUtc { get; init; }

    /// <summary>The user whose action caused it: the batch's submitter, or the reviewer who corrected or returned the case.</summary>
    public string RequestedBy { get; init; } = Confirmation.CaseActions.System;

    /// <summary>Why it is asked: the batch's purpose, or <see cref="RoundCauses.Correction"/>, <see cref="RoundCauses.Reverification"/>.</summary>
    public string Purpose { get; init; } = "";

    /// <summary>
    /// The first and last months of the income window it asked for (the policy's <c>incomeLookbackMonths</c> when it was
    /// planned): the tax bureau's records cover only those months, whatever policy is loaded when they are evaluated. The
    /// hub's own record, not anything an adapter says back. Null on questions planned before it was kept (see
    /// <see cref="AskedWindow"/>).
    /// </summary>
    public DateOnly? IncomeFromMonth { get; init; }

    /// <inheritdoc cref="IncomeFromMonth"/>
    public DateOnly? IncomeToMonth { get; init; }

    /// <summary>
    /// The income window asked. Null on questions planned before it was kept: their answers are read as asked under the
    /// window of the policy they are evaluated under, as they were before (<see cref="AgencyAnswer.AskedWindow"/>).
    /// </summary>
    public IncomeWindow? AskedWindow => WindowOf(IncomeFromMonth, IncomeToMonth);

    public DateTime? AnsweredAtUtc { get; set; }
    public int? Attempts { get; set; }

    /// <inheritdoc cref="AskedWindow"/>
    public static IncomeWindow? WindowOf(DateOnly? fromMonth, DateOnly? toMonth) =>
        fromMonth is { } from && toMonth is { } to ? IncomeWindow.Of(from, to) : null;
}
