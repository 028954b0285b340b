namespace Dibao.Verification.Adapters.Tax.Wire;

/// <param name="Status">
/// <c>ok</c>, or <c>NAME_ID_MISMATCH</c> with no records: the two the interface shows, without saying there are no others.
/// </param>
internal sealed record BatchResultWire(string IdNumber, string Status, IReadOnlyList<IncomeRecordWire> Records);
