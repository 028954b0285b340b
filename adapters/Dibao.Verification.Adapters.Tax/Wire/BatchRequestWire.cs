namespace Dibao.Verification.Adapters.Tax.Wire;

/// <param name="FromMonth">yyyy-MM.</param>
/// <param name="ToMonth">yyyy-MM.</param>
/// <param name="Persons">At most 500.</param>
internal sealed record BatchRequestWire(string FromMonth, string ToMonth, IReadOnlyList<BatchPersonWire> Persons);
