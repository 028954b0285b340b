namespace Dibao.Verification.Sandbox.Population;

/// <param name="Period">The month the income was paid (first day of that month).</param>
/// <param name="Category">wages, labor-remuneration, business, interest-dividend or property-lease.</param>
/// <param name="GrossFen">Gross income in fen.</param>
/// <param name="TaxFen">Tax withheld in fen.</param>
public sealed record SyntheticTaxRecord(DateOnly Period, string Category, string Payer, long GrossFen, long TaxFen);
