namespace Dibao.Verification.Host.Batches;

/// <param name="BatchId">The batch accepted, or accepted before under the same submission key.</param>
/// <param name="Problems">Why the batch was refused; nothing of it was stored.</param>
/// <param name="Replayed">The batch was accepted before under the same key, with the same households: nothing new was stored or asked.</param>
/// <param name="KeyReused">The key names an earlier batch with other households: nothing was stored.</param>
public sealed record BatchSubmissionResult(Guid? BatchId, IReadOnlyList<SubmissionProblem> Problems, bool Replayed = false, bool KeyReused = false);
