namespace Dibao.Verification.Adapters.Tax.Wire;

/// <summary>Empty <see cref="Records"/> means no income in the window.</summary>
internal sealed record IncomeRecordsResponseWire(IReadOnlyList<IncomeRecordWire> Records);
