namespace Dibao.Verification.Host.Batches;

/// <param name="Number">The line the record starts on, counting the header as line 1.</param>
internal sealed record CsvLine(int Number, IReadOnlyList<string> Fields);
