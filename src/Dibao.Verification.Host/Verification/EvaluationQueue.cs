using System.Collections.Concurrent;
using System.Diagnostics;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Operations.Telemetry;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// Households whose stored answers changed and await the policy. A household asked of eleven sources
/// is queued up to eleven times in quick succession but evaluated once per pass, which is what keeps
/// a large batch from re-evaluating every household after every agency's answer.
/// </summary>
public sealed class EvaluationQueue : WakeSignal
{
    /// <summary>Each household with the span that queued it, for the pass to link.</summary>
    private readonly ConcurrentDictionary<Guid, ActivityContext> _pending = new();

    public int Count => _pending.Count;

    /// <summary>Call after the answers are committed: the worker reads them from the database.</summary>
    public void Enqueue(IEnumerable<Guid> householdIds)
    {
        var cause = HubTelemetry.CurrentContext();
        foreach (var id in householdIds)
        {
            _pending.TryAdd(id, cause);
        }

        Notify();
    }

    /// <param name="causes">Receives the spans that queued the households taken, when given.</param>
    public IReadOnlyList<Guid> Take(int max, ICollection<ActivityContext>? causes = null)
    {
        var taken = new List<Guid>(Math.Min(max, _pending.Count));
        foreach (var id in _pending.Keys)
        {
            if (taken.Count == max)
            {
                break;
            }

            if (_pending.TryRemove(id, out var cause))
            {
                taken.Add(id);
                causes?.Add(cause);
            }
        }

        return taken;
    }
}
