namespace Dibao.Verification.Adapters.Bank.Wire;

internal sealed record InquiryPersonWire(string IdNumber, string Name);
