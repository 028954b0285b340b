using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Confirmation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.WebConsole;

/// <summary>A console page: the signed-in caller as the API knows them, and which of the API's policies admit them.</summary>
public abstract class ConsolePage : PageModel
{
    /// <summary>The caller; every page but the sign-in requires one, through the same policies as the API.</summary>
    public Caller Caller => Caller.From(User, HttpContext.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value)
        ?? throw new InvalidOperationException("A console page ran without a signed-in caller: its authorization policy is missing.");

    /// <summary>Whether the API's policy of that name admits the caller's role: for what a page offers, never for what it allows.</summary>
    public bool May(string policy) => AccessPolicies.Roles[policy].Contains(Caller.Role);

    public TimeSpan OfficeOffset => HttpContext.RequestServices.GetRequiredService<IOptions<ConfirmationOptions>>().Value.OfficeUtcOffset;
}
