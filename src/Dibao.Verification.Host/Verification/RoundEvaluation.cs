using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// The policy's result for one round, computed once when the round's last answer came in (or its deadline passed)
/// and stored as given, with the policy that gave it. Never recomputed: loading another policy changes no past result.
/// </summary>
public sealed class RoundEvaluation
{
    public Guid Id { get; init; }
    public Guid RoundId { get; init; }
    public Guid HouseholdId { get; init; }
    public Guid BatchId { get; init; }
    public int RoundNumber { get; init; }
    public Outcome Outcome { get; init; }
    public decimal? PerCapitaMonthlyIncome { get; init; }
    public decimal? PerCapitaFinancialAssets { get; init; }

    /// <summary>The reasons as evaluated, as JSON, so a result is explained later exactly as it was given.</summary>
    public required string ReasonsJson { get; init; }

    /// <summary>What was declared against what was found, as JSON, as evaluated; null when the household declared nothing.</summary>
    public string? DeclarationsJson { get; init; }

    public required string PolicyName { get; init; }

    /// <summary>SHA-256 of the policy file's content, in hex: which version of the named policy decided.</summary>
    public required string PolicyHash { get; init; }

    public DateTime EvaluatedAtUtc { get; init; }
}
