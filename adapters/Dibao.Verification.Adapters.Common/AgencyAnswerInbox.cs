using System.Diagnostics.CodeAnalysis;
using Dibao.Verification.Contracts.V1;
using MassTransit;
using Microsoft.Extensions.Options;
using Dibao.Verification.Messaging;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// The answers the adapters of this process have sent, by the message id of the question they answer, so that a
/// question the hub re-sends or the broker redelivers is answered again without asking the agency again. It is
/// memory, not a database: a restart forgets, and what was lost with it is settled by the hub's deadline. Entries are
/// forgotten oldest first beyond <see cref="AgencyInboxOptions.Capacity"/> and after <see cref="AgencyInboxOptions.MaxAge"/>.
/// </summary>
public sealed class AgencyAnswerInbox(IOptions<AgencyInboxOptions> options, IQueueSendEndpoints endpoints, BrokerSendTimeout sendTimeout, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Key, LinkedListNode<Entry>> _entries = [];

    /// <summary>Oldest first, by when each question was taken or last answered.</summary>
    private readonly LinkedList<Entry> _order = new();

    /// <summary>The questions a delivery in this process is handling now, completed when it is done, answered or not.</summary>
    private readonly Dictionary<Key, TaskCompletionSource> _handling = [];

    /// <summary>Sends the findings along <paramref name="route"/> and keeps them for the question's duplicates.</summary>
    public Task SendAsync(ConsumeContext context, AnswerRoute route, AgencyFindingsReported answer) => SendAndKeepAsync(context, route, answer);

    /// <summary>Sends the refusal along <paramref name="route"/> and keeps it for the question's duplicates.</summary>
    public Task SendAsync(ConsumeContext context, AnswerRoute route, AgencyQueryRefused answer) => SendAndKeepAsync(context, route, answer);

    /// <summary>
    /// The question will not be answered under this delivery after all: a duplicate may ask again. Unless the agency has
    /// answered it already, and only sending the answer failed: then a duplicate gets that answer without asking again.
    /// </summary>
    public void Forget(AnswerRoute route)
    {
        if (route.QuestionMessageId is not { } messageId)
        {
            return;
        }

        lock (_lock)
        {
            var key = new Key(messageId, route.Agency);
            if (_entries.TryGetValue(key, out var node) && node.Value.Answer is null)
            {
                _entries.Remove(key);
                _order.Remove(node);
            }
        }
    }

    /// <summary>
    /// Takes the question if it is new, until <see cref="Handled"/>; otherwise says whether it is still being asked or gives
    /// its answer.
    /// </summary>
    /// <param name="handling">
    /// For a question still being asked, the end of the delivery handling it in this process, if one is: then whether
    /// it was answered is known only once that delivery is done.
    /// </param>
    internal InboxVerdict Admit(Guid messageId, string agency, out object? answer, out Task? handling)
    {
        var key = new Key(messageId, agency);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Prune(now);
            if (_entries.TryGetValue(key, out var node))
            {
                answer = node.Value.Answer;
                handling = answer is null ? _handling.GetValueOrDefault(key)?.Task : null;
                return answer is null ? InboxVerdict.InFlight : InboxVerdict.Answered;
            }

            Keep(key, null, now);
            Prune(now);
            _handling[key] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            answer = null;
            handling = null;
            return InboxVerdict.New;
        }
    }

    /// <summary>The delivery that <see cref="Admit"/> let through is done with the question, whether it answered or failed.</summary>
    internal void Handled(Guid messageId, string agency)
    {
        TaskCompletionSource? done;
        lock (_lock)
        {
            _handling.Remove(new Key(messageId, agency), out done);
        }

        done?.TrySetResult();
    }

    /// <summary>
    /// The answer this delivery of the question already has, kept before a send that failed: a retry sends it rather than
    /// asking the agency again.
    /// </summary>
    public bool TryKept(AnswerRoute route, [NotNullWhen(true)] out object? answer)
    {
        answer = null;
        if (route.QuestionMessageId is not { } messageId)
        {
            return false;
        }

        lock (_lock)
        {
            answer = _entries.TryGetValue(new Key(messageId, route.Agency), out var node) ? node.Value.Answer : null;
            return answer is not null;
        }
    }

    /// <summary>Sends an answer kept by an earlier try of this delivery (<see cref="TryKept"/>).</summary>
    public Task SendKeptAsync(ConsumeContext context, AnswerRoute route, object answer) => SendAndKeepAsync(context, route, answer);

    /// <summary>Kept before it is sent, so that a send that fails (the broker away) leaves the answer for the retry.</summary>
    private async Task SendAndKeepAsync(ConsumeContext context, AnswerRoute route, object answer)
    {
        if (route.QuestionMessageId is { } messageId)
        {
            lock (_lock)
            {
                var key = new Key(messageId, route.Agency);
                if (_entries.Remove(key, out var node))
                {
                    _order.Remove(node);
                }

                var now = time.GetUtcNow();
                Keep(key, answer, now);
                Prune(now);
            }
        }

        // Not under the delivery's token: a delivery the broker going away cancelled while its agency was answering still
        // sends the answer, rather than leave it to the delivery of the question again once the broker is back.
        var endpoint = await AgencyAnswers.EndpointAsync(endpoints, context, route.Destination, route.Agency);
        using var send = sendTimeout.Start();
        await endpoint.Send(answer, send.Token);
    }

    private void Keep(Key key, object? answer, DateTimeOffset now) => _entries[key] = _order.AddLast(new Entry(key, answer, now));

    private void Prune(DateTimeOffset now)
    {
        var (capacity, maxAge) = (options.Value.Capacity, options.Value.MaxAge);
        while (_order.First is { } oldest && (_order.Count > capacity || now - oldest.Value.Since >= maxAge))
        {
            _order.RemoveFirst();
            _entries.Remove(oldest.Value.Key);
        }
    }

    /// <summary>Keyed by the source as well, so one message delivered to two adapters could not answer for both.</summary>
    private readonly record struct Key(Guid MessageId, string Agency);

    /// <param name="Answer">Null while the question is being asked.</param>
    private sealed record Entry(Key Key, object? Answer, DateTimeOffset Since);
}
