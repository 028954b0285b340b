using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dibao.Verification.Messaging.Telemetry;

namespace Dibao.Verification.Benchmarks;

/// <summary>
/// The hub's own spans of recording an agency's answer and of an evaluation pass, as they end: when in a round the hub
/// stored the answers and settled the households, and how long each took, beside the times its records keep.
/// </summary>
internal sealed class HubSpans : IDisposable
{
    private const string Recording = "record agency answer";
    private const string Pass = "evaluation pass";

    private readonly ConcurrentQueue<(string Name, DateTime StartUtc, TimeSpan Duration, int Households, string? Agency)> _ended = new();
    private readonly ActivityListener _listener;

    public HubSpans()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TelemetryNames.Hub,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.OperationName is Recording or Pass)
                {
                    _ended.Enqueue((activity.OperationName, activity.StartTimeUtc, activity.Duration, activity.GetTagItem("dibao.households") as int? ?? 0, activity.GetTagItem("dibao.agency") as string));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>
    /// The spans that began after <paramref name="submitted"/>: when the recordings and the passes ran and how long they
    /// took (waiting for SQLite's write lock included), and the recordings' time by source.
    /// </summary>
    public IEnumerable<string> Since(DateTime submitted)
    {
        var spans = _ended.Where(s => s.StartUtc >= submitted).ToList();
        foreach (var (name, label) in new[] { (Recording, "recorded answers"), (Pass, "evaluation passes") })
        {
            var some = spans.Where(s => s.Name == name).ToList();
            if (some.Count == 0)
            {
                continue;
            }

            var first = some.Min(s => s.StartUtc);
            var last = some.Max(s => s.StartUtc + s.Duration);
            var households = name == Pass ? $", {some.Sum(s => s.Households)} households" : "";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"      {label,-22} {some.Count}{households}, from +{(first - submitted).TotalMilliseconds:0} to +{(last - submitted).TotalMilliseconds:0} ms, " +
                $"each {some.Min(s => s.Duration.TotalMilliseconds):0} to {some.Max(s => s.Duration.TotalMilliseconds):0} ms, {some.Sum(s => s.Duration.TotalMilliseconds):0} ms in all");
            if (name == Recording)
            {
                yield return "        " + string.Join(", ", some.GroupBy(s => s.Agency).OrderByDescending(g => g.Sum(s => s.Duration.TotalMilliseconds))
                    .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Sum(s => s.Duration.TotalMilliseconds):0} ms")));
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
