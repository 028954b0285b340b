using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>What a recipient was last confirmed on: the income per head and the reasons of that evaluation.</summary>
/// <param name="PerCapitaMonthlyIncome">Null for a household imported without evidence, or one whose income was not known.</param>
public sealed record ConfirmedFindings(decimal? PerCapitaMonthlyIncome, IReadOnlyList<Reason> Reasons)
{
    /// <summary>An imported recipient, confirmed on paper before the hub: its first run sets what later ones compare with.</summary>
    public static ConfirmedFindings None { get; } = new(null, []);
}
