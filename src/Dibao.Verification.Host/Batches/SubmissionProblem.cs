namespace Dibao.Verification.Host.Batches;

/// <summary>One reason a batch was refused, naming where: a CSV line or a JSON path, and the field.</summary>
/// <param name="Row">CSV line number (header is line 1); null for JSON or batch-wide problems.</param>
/// <param name="Path">JSON path of the offending value, e.g. <c>households[2].members[0].idNumber</c>.</param>
public sealed record SubmissionProblem(int? Row, string? Path, string Field, string? HouseholdRef, string Message);
