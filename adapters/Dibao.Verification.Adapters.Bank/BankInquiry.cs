namespace Dibao.Verification.Adapters.Bank;

/// <summary>One inquiry submitted to a bank (at most 100 persons) and the ticket to collect it by.</summary>
/// <param name="Completed">The bank said it was done at an earlier poll; its results are read again when all are done.</param>
public sealed record BankInquiry(string InquiryNo, string Ticket, IReadOnlyList<string> IdNumbers, bool Completed = false);
