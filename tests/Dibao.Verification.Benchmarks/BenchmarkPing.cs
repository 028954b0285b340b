namespace Dibao.Verification.Benchmarks;

/// <summary>A message about as large as a small agency answer, for the bus throughput benchmark.</summary>
public sealed record BenchmarkPing(int Sequence, string Padding);
