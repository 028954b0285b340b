namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>What the reference policy says about one household: its outcome, income per head (null when not known) and every reason code, sorted.</summary>
public sealed record Expectation(string Outcome, decimal? PerCapitaMonthlyIncome, IReadOnlyList<string> ReasonCodes);
