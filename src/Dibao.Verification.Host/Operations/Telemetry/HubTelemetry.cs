using System.Diagnostics;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Messaging.Telemetry;

namespace Dibao.Verification.Host.Operations.Telemetry;

/// <summary>
/// The hub's own spans. A batch's trace starts at its API request and goes on through the outbox: each stored message
/// keeps the W3C <c>traceparent</c> of the span that stored it, and its send restores it as parent, so the trace survives
/// the commit, a restart and another hub instance sending it. MassTransit carries it on over the bus to the adapters
/// and back; the recording of an answer is a span of that trace, and each evaluation pass links the answers that made
/// its households ready (a pass settles households of many traces at once).
/// </summary>
public static class HubTelemetry
{
    /// <summary>At most this many links on one evaluation pass: enough to find the batches it settled.</summary>
    public const int MaxPassLinks = 128;

    private static readonly ActivitySource Source = new(TelemetryNames.Hub);

    /// <summary>The current span's W3C traceparent, to store beside a message; null outside any recorded span.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Recorded: true } current ? current.Id : null;

    /// <summary>The current span's context, for a later span to link; default when there is none.</summary>
    public static ActivityContext CurrentContext() => Activity.Current?.Context ?? default;

    public static Activity? StartOutboxSend(OutboxMessage message)
    {
        var parent = message.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, null, isRemote: true, out var stored)
            ? stored
            : default;
        var activity = Source.StartActivity("outbox send", ActivityKind.Internal, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.message.id", message.Id.ToString());
            activity.SetTag("messaging.destination.name", message.Destination ?? "publish");
            activity.SetTag("dibao.message.type", message.MessageType);
            activity.SetTag("dibao.outbox.attempt", message.Attempts + 1);
        }

        return activity;
    }

    public static Activity? StartAnswerRecording(Guid queryId, string agency)
    {
        var activity = Source.StartActivity("record agency answer");
        activity?.SetTag("dibao.agency", agency);
        activity?.SetTag("dibao.query.id", queryId.ToString());
        return activity;
    }

    /// <param name="causes">The spans that queued the pass's households (their answers' recordings), linked.</param>
    public static Activity? StartEvaluationPass(int households, IEnumerable<ActivityContext> causes)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var links = causes.Where(c => c != default).Distinct().Take(MaxPassLinks).Select(c => new ActivityLink(c)).ToList();

        // A root of its own: the pass belongs to every trace it links, not to whichever ran before it.
        var activity = Source.StartActivity("evaluation pass", ActivityKind.Internal, parentContext: default, links: links);
        activity?.SetTag("dibao.households", households);
        return activity;
    }
}
