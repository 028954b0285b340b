namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// How the hub reaches one agency, bound from <c>Agencies:&lt;Section&gt;</c> as named options keyed by the agency code.
/// </summary>
public sealed class AgencyOptions
{
    /// <summary>Absolute http(s) URL the agency's documented paths are appended to.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sent as <c>X-Api-Key</c>; without it the agency answers 401.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one HTTP attempt may take before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First back-off delay; later ones grow exponentially with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>HTTP requests in flight to this agency at once; further requests queue.</summary>
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>QueryAgency messages the adapter's endpoint works on at once.</summary>
    public int ConcurrentMessageLimit { get; set; } = 4;

    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long the hub waits for this agency's answer. Read by the hub; the adapter also uses it to bound
    /// one HTTP call with all its retries, since an answer after the hub gave up is of no use.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMinutes(2);
}
