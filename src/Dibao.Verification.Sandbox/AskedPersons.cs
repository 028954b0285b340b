using System.Collections.Concurrent;

namespace Dibao.Verification.Sandbox;

/// <summary>
/// How often each agency, and each bank on its own, was asked about each person, counted where a request reaches the
/// agency's endpoint (after the simulated network and gateway faults). Tests read it to show that nobody is asked about
/// again beyond what retries allow, whatever was killed or restarted on the way.
/// </summary>
public sealed class AskedPersons
{
    private readonly ConcurrentDictionary<(string Source, string IdNumber), int> _counts = new();
    private readonly ConcurrentQueue<AskedRequest> _requests = new();

    /// <param name="source">An agency code, or <c>bank:CODE</c> for one bank.</param>
    public int TimesAsked(string source, string idNumber) => _counts.GetValueOrDefault((source, idNumber));

    /// <summary>The most times any one person was asked about at <paramref name="source"/>; 0 when nobody was.</summary>
    public int MostTimesAskedAboutOnePerson(string source) =>
        _counts.Where(c => string.Equals(c.Key.Source, source, StringComparison.Ordinal)).Select(c => c.Value).DefaultIfEmpty(0).Max();

    /// <summary>How many different persons <paramref name="source"/> was asked about.</summary>
    public int PersonsAsked(string source) => _counts.Keys.Count(k => string.Equals(k.Source, source, StringComparison.Ordinal));

    /// <summary>Each request that named persons at <paramref name="source"/>: when it arrived and how many it named, in arrival order.</summary>
    public IReadOnlyList<AskedRequest> Requests(string source) =>
        [.. _requests.Where(r => string.Equals(r.Source, source, StringComparison.Ordinal))];

    internal void Record(string source, IEnumerable<string> idNumbers)
    {
        var persons = 0;
        foreach (var id in idNumbers.Distinct(StringComparer.Ordinal))
        {
            _counts.AddOrUpdate((source, id), 1, (_, times) => times + 1);
            persons++;
        }

        _requests.Enqueue(new AskedRequest(source, DateTimeOffset.UtcNow, persons));
    }

    internal void Record(string source, string idNumber) => Record(source, [idNumber]);
}
