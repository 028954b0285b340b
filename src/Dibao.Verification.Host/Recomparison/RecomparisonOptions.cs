namespace Dibao.Verification.Host.Recomparison;

public sealed class RecomparisonOptions
{
    public const string Section = "Recomparison";

    /// <summary>The nightly run, a Quartz cron expression in the offices' time zone (<c>Confirmation:OfficeUtcOffset</c>).</summary>
    public string Schedule { get; set; } = "0 0 2 * * ?";

    /// <summary>The relative move of income per head that raises a reduce or increase proposal.</summary>
    public decimal IncomeChangeThreshold { get; set; } = 0.10m;

    /// <summary>Roll households taken at once: one batch of questions, in one transaction with the run's checkpoint.</summary>
    public int HouseholdsPerChunk { get; set; } = 500;

    /// <summary>Chunks out at once per run: bounds what a run holds in the queues and the outbox, whatever the roll's size.</summary>
    public int ChunksInFlight { get; set; } = 4;

    /// <summary>How often each hub instance looks for work of the running runs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Each agency's limits on runs, by agency code (<c>Recomparison:Agencies:tax:MaxPersonsPerSecond</c>).</summary>
    public Dictionary<string, AgencyLimitOptions> Agencies { get; set; } = [];
}
