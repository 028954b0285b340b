namespace Dibao.Verification.Adapters.Bank;

/// <summary>
/// <c>Agencies:Bank</c>: the banks to ask and how patiently to poll them. The section's other settings
/// (<c>Deadline</c>, <c>RetryBaseDelay</c>, …) are the agency options every bank shares.
/// </summary>
public sealed class BankOptions
{
    public List<ConfiguredBank> Banks { get; set; } = [];

    /// <summary>
    /// The shortest wait before looking at a ticket again, and the first one when the bank gives no estimate: a bank that
    /// is done at once is collected at once, and one that works on is looked at less and less often.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Waits between polls double up to this, so a bank taking hours is asked a few times an hour, not thousands.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The first wait: the bank's estimate, kept within the poll bounds; none at all when the bank estimates none, as it
    /// then has the results ready at once and a wait would only delay every household asked of it. Without an estimate,
    /// <see cref="PollInterval"/>.
    /// </summary>
    public TimeSpan FirstPoll(double? estimatedSeconds) => estimatedSeconds switch
    {
        0 => TimeSpan.Zero,
        > 0 and < 86_400 => Clamp(TimeSpan.FromSeconds(estimatedSeconds.Value)),
        _ => Clamp(PollInterval),
    };

    public TimeSpan NextPoll(TimeSpan previous) => Clamp(previous * 2);

    private TimeSpan Clamp(TimeSpan wait) => wait < PollInterval ? PollInterval : wait > MaxPollInterval ? MaxPollInterval : wait;
}
