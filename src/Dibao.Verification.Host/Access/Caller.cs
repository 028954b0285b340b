using System.Security.Claims;
using Dibao.Verification.Host.Confirmation;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Access;

/// <summary>Who is calling, as the token says: the user recorded in history, one role, and the jurisdiction it covers.</summary>
public sealed record Caller(string User, string Role, string Jurisdiction)
{
    /// <summary>What history keeps of a name; longer ones are refused rather than cut, so two users cannot collide.</summary>
    public const int MaxUserLength = 128;

    public Tier? Tier => HubRoles.TierOf(Role);

    /// <summary>Whether the township lies within the caller's jurisdiction (a city's or county's code is its townships' prefix).</summary>
    public bool Covers(string township) => township.StartsWith(Jurisdiction, StringComparison.Ordinal);

    /// <summary>
    /// The jurisdiction a list is read in: the caller's own, or a filter inside it; a filter around it narrows to it.
    /// Null when the filter lies outside.
    /// </summary>
    public string? Narrow(string? filter)
    {
        if (string.IsNullOrEmpty(filter) || Jurisdiction.StartsWith(filter, StringComparison.Ordinal))
        {
            return Jurisdiction;
        }

        return Covers(filter) ? filter : null;
    }

    /// <summary>
    /// The caller a signed-in principal names, or null when its claims do not make one: no user, no single hub role, or a
    /// jurisdiction code that does not fit the role. The hub's own steps are signed <c>system</c>, so no user may be called so.
    /// </summary>
    public static Caller? From(ClaimsPrincipal principal, AuthOptions options)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var user = principal.FindFirst(options.UserClaim)?.Value.Trim();
        var roles = principal.FindAll(options.RoleClaim).Select(c => c.Value).Where(HubRoles.All.Contains).Distinct().ToList();
        var jurisdiction = principal.FindFirst(options.JurisdictionClaim)?.Value.Trim();
        if (string.IsNullOrEmpty(user) || user.Length > MaxUserLength || user == CaseActions.System || roles.Count != 1 || jurisdiction is null
            || !HubRoles.FitsJurisdiction(roles[0], jurisdiction))
        {
            return null;
        }

        return new Caller(user, roles[0], jurisdiction);
    }

    /// <summary>Binds an endpoint's <see cref="Caller"/> parameter; the authorization policies have already required a valid one.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(From(context.User, context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value));
}
