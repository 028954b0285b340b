namespace Dibao.Verification.Adapters.Bank.Wire;

/// <param name="Status"><c>processing</c> or <c>completed</c>.</param>
/// <param name="Results">Present once completed: every person of the inquiry, with <c>accounts: []</c> when they hold none.</param>
internal sealed record InquiryStatusWire(string Status, IReadOnlyList<InquiryResultWire>? Results = null);
