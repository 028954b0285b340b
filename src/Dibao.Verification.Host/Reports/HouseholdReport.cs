using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Confirmation;

namespace Dibao.Verification.Host.Reports;

/// <summary>Everything a 核对报告 shows, already masked for the reader as the case view is.</summary>
/// <param name="Case">The case as <c>GET /api/v1/cases/{caseId}</c> shows it to the reader.</param>
/// <param name="Round">The household's current round: its members with their relations, as the reader may see them.</param>
/// <param name="AsOf">The date the agencies were asked about (查询基准日).</param>
/// <param name="Parameters">The policy figures the result was computed with; null when the policy loaded now is not the one that decided (its hash differs), since the hub keeps the hash, not the figures.</param>
/// <param name="Signatures">Who signed each tier since the result was last verified, and when.</param>
/// <param name="OfficeOffset">The offices' clock (<c>Confirmation:OfficeUtcOffset</c>), in which times are printed.</param>
public sealed record HouseholdReport(
    CaseView Case,
    RoundView Round,
    DateOnly AsOf,
    string Purpose,
    PolicyParameters? Parameters,
    TierSignaturesView Signatures,
    string Reader,
    DateTimeOffset PrintedAt,
    TimeSpan OfficeOffset);
