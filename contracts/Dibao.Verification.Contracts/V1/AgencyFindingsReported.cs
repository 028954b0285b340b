namespace Dibao.Verification.Contracts.V1;

/// <summary>An adapter's answer to <see cref="QueryAgency"/>: one finding per person asked about.</summary>
/// <param name="Attempts">HTTP attempts the adapter needed, retries included.</param>
public sealed record AgencyFindingsReported(
    Guid QueryId,
    string Agency,
    DateTimeOffset AnsweredAt,
    int Attempts,
    IReadOnlyList<PersonFinding> Findings);
