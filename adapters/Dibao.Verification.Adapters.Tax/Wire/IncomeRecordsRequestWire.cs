namespace Dibao.Verification.Adapters.Tax.Wire;

/// <param name="Name">The bureau compares it with the name it holds and answers 409 NAME_ID_MISMATCH when they differ.</param>
/// <param name="FromMonth">yyyy-MM.</param>
/// <param name="ToMonth">yyyy-MM, at most 12 months after <paramref name="FromMonth"/> counting both.</param>
internal sealed record IncomeRecordsRequestWire(string IdNumber, string Name, string FromMonth, string ToMonth);
