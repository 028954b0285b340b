namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// The three tiers' settings. The default limits follow the offices' usual practice: 5 working days for the
/// township's review, 5 for the county's initial check, 3 for the city's decision.
/// </summary>
public sealed class ConfirmationTiers
{
    public TierOptions Township { get; set; } = new() { WorkingDays = 5 };
    public TierOptions County { get; set; } = new() { WorkingDays = 5 };
    public TierOptions City { get; set; } = new() { WorkingDays = 3 };

    public TierOptions For(Tier tier) => tier switch
    {
        Tier.Township => Township,
        Tier.County => County,
        _ => City,
    };
}
