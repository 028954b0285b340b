using System.Collections.Concurrent;

namespace Dibao.Verification.Adapters.Bank;

/// <summary>
/// The inquiries a question's consumer has submitted and not yet handed to the scheduler, by query. When scheduling the
/// first look fails (the broker is away), the message retry runs the consumer again; when the broker going away cancelled
/// the delivery, the broker delivers the question again once it is back. Either takes these up instead of submitting them
/// to the bank a second time. Process memory, as the inbox is: after a restart, or delivered to another process, a
/// redelivered question is submitted again, under the same inquiry numbers, which the bank answers with the same tickets.
/// </summary>
internal sealed class SubmittedInquiries
{
    private readonly ConcurrentDictionary<Guid, (IReadOnlyList<BankInquiry> Inquiries, double? EstimatedSeconds)> _unscheduled = new();

    public bool TryGet(Guid queryId, out (IReadOnlyList<BankInquiry> Inquiries, double? EstimatedSeconds) submitted) =>
        _unscheduled.TryGetValue(queryId, out submitted);

    public void Keep(Guid queryId, (IReadOnlyList<BankInquiry> Inquiries, double? EstimatedSeconds) submitted) => _unscheduled[queryId] = submitted;

    /// <summary>Its first look is scheduled, or its answer sent: nothing is left to take up.</summary>
    public void Done(Guid queryId) => _unscheduled.TryRemove(queryId, out _);
}
