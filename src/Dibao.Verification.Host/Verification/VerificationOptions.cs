namespace Dibao.Verification.Host.Verification;

public sealed class VerificationOptions
{
    public const string Section = "Verification";

    /// <summary>The agencies every member is checked with, by code. Each needs its adapter registered, here or in an agency host.</summary>
    public List<string> Agencies { get; set; } = [];

    /// <summary>
    /// Whether the hub hosts the agencies' adapters itself (the embedded default), or agency hosts answer over the
    /// bus and the hub hosts none.
    /// </summary>
    public bool AdaptersInProcess { get; set; } = true;

    /// <summary>The bank codes asked when <see cref="Agencies"/> includes <c>bank</c>, each a source of its own (<c>bank:ICBC</c>).</summary>
    public List<string> Banks { get; set; } = [];

    /// <summary>How long the hub waits for each agency's answer, by agency code (<c>Verification:Deadlines:bank</c>); see <see cref="AgencyDeadlines"/>.</summary>
    public Dictionary<string, TimeSpan> Deadlines { get; set; } = [];

    /// <summary>Persons per question on the bus; adapters split further to their agency's bulk limit.</summary>
    public int PersonsPerQuery { get; set; } = 500;

    /// <summary>
    /// Questions each source may have out at once, answered or not yet; the rest wait in the outbox. It bounds what a
    /// batch of any size holds in the queues and in memory, and what an agency is asked to work on at once.
    /// </summary>
    public int MaxQueriesInFlight { get; set; } = 8;

    public TimeSpan DeadlineSweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the evaluation looks for households that await no answer yet were never handed to it, as when the
    /// hub instance that stored their last answer stopped first. Each look reads the households not yet settled.
    /// </summary>
    public TimeSpan ReadyRecheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Tries at evaluating one household, alone after the first, before it is parked with outcome <c>error</c>.</summary>
    public int EvaluationAttempts { get; set; } = 5;
}
