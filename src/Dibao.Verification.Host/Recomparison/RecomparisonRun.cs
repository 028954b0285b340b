namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// One re-comparison of the roll within a jurisdiction with the agencies' data. The roll is taken a chunk at a time in
/// (township, ref) order; the cursor is the last household taken, written in the same transaction as the chunk's
/// questions, so a run that stops continues after it and never takes a household twice.
/// </summary>
public sealed class RecomparisonRun
{
    public Guid Id { get; init; }

    /// <summary>A city, county or township code: the roll households whose township starts with it.</summary>
    public required string Jurisdiction { get; init; }

    public DateOnly AsOf { get; init; }

    public required string RequestedBy { get; init; }

    /// <summary>One of <see cref="RecomparisonStatus"/>.</summary>
    public string Status { get; private set; } = RecomparisonStatus.Running;

    /// <summary>The roll households within the jurisdiction when the run started.</summary>
    public int Households { get; init; }

    public DateTime StartedAtUtc { get; init; }

    public DateTime? FinishedAtUtc { get; private set; }

    public string? CursorTownship { get; private set; }

    public string? CursorRef { get; private set; }

    /// <summary>Every household of the roll has been taken; the run completes when the last comparison is made.</summary>
    public bool Exhausted { get; private set; }

    public string? Failure { get; private set; }

    /// <summary>Checked on saving, so two hub instances cannot take the same chunk.</summary>
    public int Version { get; private set; }

    public void Took(string township, string reference)
    {
        CursorTownship = township;
        CursorRef = reference;
        Version++;
    }

    public void RanOut()
    {
        Exhausted = true;
        Version++;
    }

    public bool Complete(DateTime now) => Finish(RecomparisonStatus.Completed, now);

    public bool Cancel(DateTime now) => Finish(RecomparisonStatus.Cancelled, now);

    public bool Fail(string failure, DateTime now)
    {
        Failure = failure;
        return Finish(RecomparisonStatus.Failed, now);
    }

    private bool Finish(string status, DateTime now)
    {
        if (Status != RecomparisonStatus.Running)
        {
            return false;
        }

        Status = status;
        FinishedAtUtc = now;
        Version++;
        return true;
    }
}
