namespace Dibao.Verification.Host.Batches;

public sealed record BatchAccepted(Guid BatchId);
