using Dibao.Verification.Host.Batches;

namespace Dibao.Verification.Host.Roll;

/// <param name="Imported">The households and members stored, when the file had no problem; null otherwise.</param>
public sealed record RollImportResult(RollImported? Imported, IReadOnlyList<SubmissionProblem> Problems);
