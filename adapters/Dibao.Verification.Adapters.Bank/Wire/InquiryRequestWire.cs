namespace Dibao.Verification.Adapters.Bank.Wire;

/// <param name="InquiryNo">Chosen by the hub; the bank answers a repeated one with the same ticket.</param>
internal sealed record InquiryRequestWire(string InquiryNo, IReadOnlyList<InquiryPersonWire> Persons);
