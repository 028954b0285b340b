namespace Dibao.Verification.Adapters.Tax.Wire;

/// <param name="Period">yyyyMM.</param>
/// <param name="Category"><c>wages</c>, <c>labor-remuneration</c>, <c>business</c>, <c>interest-dividend</c> or <c>property-lease</c>.</param>
/// <param name="GrossFen">Fen (1 yuan = 100 fen).</param>
/// <param name="TaxFen">Fen.</param>
/// <param name="Payer">Descriptive only, and not there for every category: business income has no payer.</param>
internal sealed record IncomeRecordWire(string Period, string Category, long GrossFen, long TaxFen, string? Payer = null);
