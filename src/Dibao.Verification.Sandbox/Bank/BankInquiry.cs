namespace Dibao.Verification.Sandbox.Bank;

/// <summary>An inquiry one bank accepted: the persons it asked about, the day to answer about, and when it came in.</summary>
internal sealed record BankInquiry(SimulatedBank Bank, string Ticket, IReadOnlyList<string> IdNumbers, DateOnly AsOf, DateTimeOffset SubmittedAt);
