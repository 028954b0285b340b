namespace Dibao.Verification.Contracts.V1;

/// <summary>
/// The hub asks one agency about a set of persons. Sent to the agency's own queue
/// (<c>agency-{code}</c>); the adapter answers with <see cref="AgencyFindingsReported"/>.
/// </summary>
/// <param name="QueryId">Identifies this question; the answer carries it back.</param>
/// <param name="Agency">Agency code, e.g. <c>social-security</c>.</param>
/// <param name="AsOf">The date the facts are wanted for.</param>
/// <param name="FromMonth">First month (day 1) of the income window.</param>
/// <param name="ToMonth">Last month (day 1) of the income window.</param>
public sealed record QueryAgency(
    Guid QueryId,
    string Agency,
    DateOnly AsOf,
    DateOnly FromMonth,
    DateOnly ToMonth,
    IReadOnlyList<PersonToCheck> Persons);
