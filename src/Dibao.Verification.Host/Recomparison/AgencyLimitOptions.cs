namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// What one agency allows the nightly re-comparison: <c>Recomparison:Agencies:&lt;code&gt;:MaxPersonsPerSecond</c> and
/// <c>:Window</c>. Applications' questions are never held by them: the agencies answer the offices by day.
/// </summary>
public sealed class AgencyLimitOptions
{
    /// <summary>Persons a run may ask the agency about per second, on average; null for no limit (0 is refused at start-up). Each bank has its own.</summary>
    public double? MaxPersonsPerSecond { get; set; }

    /// <summary>The hours a run may ask, in the offices' time, as <c>22:00-06:00</c> (across midnight allowed); empty for any hour.</summary>
    public string? Window { get; set; }
}
