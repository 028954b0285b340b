namespace Dibao.Verification.Host.Confirmation;

/// <summary>One tier's rules: <c>Confirmation:Tiers:&lt;Tier&gt;:AutoConfirm</c> and <c>:WorkingDays</c>.</summary>
public sealed class TierOptions
{
    public AutoConfirmMode AutoConfirm { get; set; } = AutoConfirmMode.Clean;

    /// <summary>Working days the tier has to decide, counted from the day after the case reaches it.</summary>
    public int WorkingDays { get; set; }
}
