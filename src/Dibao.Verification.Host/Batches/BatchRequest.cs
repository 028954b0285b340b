namespace Dibao.Verification.Host.Batches;

/// <summary>The body of <c>POST /api/v1/batches</c>, as JSON or built from the CSV rows.</summary>
public sealed record BatchRequest
{
    public string? Township { get; init; }
    public string? Purpose { get; init; }
    public DateOnly? AsOf { get; init; }
    public List<HouseholdRequest>? Households { get; init; }

    /// <summary>
    /// What reading a CSV file found (a date or an amount that is none, rows of one household that disagree), named with
    /// the checks' own problems so that a file's every problem is told at once.
    /// </summary>
    internal IReadOnlyList<SubmissionProblem>? ReadingProblems { get; init; }
}
