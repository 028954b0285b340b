namespace Dibao.Verification.Host.Batches;

public sealed record BatchProgress(int Households, int Settled);
