using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Batches;

/// <summary>An applicant household and the latest automated verification result.</summary>
public sealed class Household
{
    public Guid Id { get; init; }
    public Guid BatchId { get; init; }
    public int Ordinal { get; init; }
    public required string Ref { get; init; }
    public required string ConsentRef { get; init; }
    public List<Member> Members { get; init; } = [];

    public Outcome Outcome { get; set; } = Outcome.Pending;
    public decimal? PerCapitaMonthlyIncome { get; set; }
    public decimal? PerCapitaFinancialAssets { get; set; }

    /// <summary>The reasons as evaluated, kept as JSON so a result can be explained later exactly as it was given.</summary>
    public string ReasonsJson { get; set; } = "[]";

    public DateTime? EvaluatedAtUtc { get; set; }

    /// <summary>When no answer was awaited any more; null while verifying.</summary>
    public DateTime? SettledAtUtc { get; set; }

    /// <summary>Bumped on every change so that two concurrent evaluations cannot both win.</summary>
    public int Version { get; set; }
}
