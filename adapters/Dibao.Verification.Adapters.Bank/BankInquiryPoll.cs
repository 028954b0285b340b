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
/// <param name="QuestionMessageId">The bus message id of the question, under which its answer is kept for duplicates.</param>
/// <param name="AnswerTo">
/// Where the question asked to be answered. Null in polls scheduled before answers were sent rather than published,
/// which are answered at the hub's queue.
/// </param>
public sealed record BankInquiryPoll(
    Guid QueryId,
    string Source,
    IReadOnlyList<string> IdNumbers,
    IReadOnlyList<BankInquiry> Inquiries,
    int Attempts,
    DateTimeOffset SubmittedAt,
    TimeSpan Wait,
    Guid? QuestionMessageId,
    Uri? AnswerTo);
