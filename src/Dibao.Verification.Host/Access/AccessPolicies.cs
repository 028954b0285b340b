using Microsoft.AspNetCore.Authorization;

namespace Dibao.Verification.Host.Access;

/// <summary>
/// Which roles may call which endpoint. Every policy, the fallback included, first requires a token that makes a valid
/// <see cref="Caller"/>; an endpoint mapped without a policy of its own gets the fallback, so nothing is open by omission.
/// Jurisdiction is checked by the endpoints against the data they touch (<see cref="JurisdictionGuard"/>).
/// </summary>
public static class AccessPolicies
{
    public const string SubmitBatches = "submit-batches";
    public const string ReadBatches = "read-batches";
    public const string ReadCases = "read-cases";
    public const string DecideCases = "decide-cases";
    public const string CorrectCases = "correct-cases";

    /// <summary>What the township records on an applicant's or a neighbour's behalf: objections and disputes.</summary>
    public const string RecordForApplicants = "record-for-applicants";
    public const string KeepStaffRelatives = "keep-staff-relatives";
    public const string ReadAudit = "read-audit";
    /// <summary>What the township keeps of its roll: imports of its recipients, their renewed authorizations.</summary>
    public const string KeepRoll = "keep-roll";
    public const string ReadRoll = "read-roll";
    public const string RunRecomparisons = "run-recomparisons";
    public const string ReadRecomparisonChanges = "read-recomparison-changes";

    /// <summary>The roles each policy admits; the fallback admits every role.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [SubmitBatches] = [HubRoles.TownshipCaseworker],
        [ReadBatches] = [HubRoles.TownshipCaseworker, HubRoles.Auditor],
        [ReadCases] = [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Auditor],
        [DecideCases] = [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer],
        [CorrectCases] = [HubRoles.TownshipCaseworker],
        [RecordForApplicants] = [HubRoles.TownshipCaseworker],
        [KeepStaffRelatives] = [HubRoles.Admin],
        [ReadAudit] = [HubRoles.Auditor],
        [KeepRoll] = [HubRoles.TownshipCaseworker],
        [ReadRoll] = [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Auditor],
        [RunRecomparisons] = [HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Admin],
        [ReadRecomparisonChanges] = [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Auditor],
    };

    internal static void Add(AuthorizationOptions options, AuthOptions auth)
    {
        options.FallbackPolicy = Admitting(auth, HubRoles.All);
        foreach (var (name, roles) in Roles)
        {
            options.AddPolicy(name, Admitting(auth, roles));
        }
    }

    private static AuthorizationPolicy Admitting(AuthOptions auth, IReadOnlyList<string> roles) =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(context => Caller.From(context.User, auth) is { } caller && roles.Contains(caller.Role))
            .Build();
}
