namespace Dibao.Verification.Host.Batches;

public sealed record MemberRequest
{
    public string? IdNumber { get; init; }
    public string? Name { get; init; }
    public string? Relation { get; init; }

    /// <summary>The member's monthly income as the household declared it (申报), yuan; optional.</summary>
    public decimal? DeclaredMonthlyIncome { get; init; }

    /// <summary>The member's deposits and other financial assets as declared, yuan; optional.</summary>
    public decimal? DeclaredFinancialAssets { get; init; }
}
