namespace Dibao.Verification.Adapters.Bank;

/// <summary>
/// Scheduled by the adapter to itself on <c>agency-bank</c>: look at the tickets of a query again. The whole
/// state of the wait travels in the message, so nothing waits in memory and any instance can take it.
/// </summary>
/// <param name="Source"><c>bank:&lt;CODE&gt;</c>, as the query was asked.</param>
/// <param name="IdNumbers">Everyone the query asked about, in order: the answer has one finding for each. Names are not kept.</param>
/// <param name="Attempts">HTTP attempts so far, submission included.</param>
/// <param name="SubmittedAt">When the inquiries were submitted; polling stops once the deadline has passed since.</param>
/// <param name="Wait">The wait before this poll; the next one is longer.</param>
public sealed record BankInquiryPoll(
    Guid QueryId,
    string Source,
    IReadOnlyList<string> IdNumbers,
    IReadOnlyList<BankInquiry> Inquiries,
    int Attempts,
    DateTimeOffset SubmittedAt,
    TimeSpan Wait);
