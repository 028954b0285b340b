using System.Security.Claims;
using Dibao.Verification.Host.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.WebConsole.Pages;

/// <summary>
/// Sign-in: on the embedded default, a choice of <see cref="DemoUsers"/>, signed in with the claims the hub's local tokens
/// carry; with <c>Auth:Authority</c>, straight to the provider. With only <c>Auth:SigningKeys</c> the console cannot sign
/// anyone in, and says so.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(IOptions<AuthOptions> options) : PageModel
{
    public AuthOptions Auth => options.Value;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Failed { get; set; }

    /// <summary>Back from signing out at the provider: the page says so rather than signing in again at once.</summary>
    [BindProperty(SupportsGet = true)]
    public bool SignedOut { get; set; }

    public IActionResult OnGet()
    {
        if (Auth.Authority.Length > 0 && !Failed && !SignedOut)
        {
            return Challenge(new AuthenticationProperties { RedirectUri = LocalReturnUrl() }, ConsoleSchemes.OpenIdConnect);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? user)
    {
        if (!Auth.UsesLocalKey || DemoUsers.Find(user) is not { } demo)
        {
            return BadRequest();
        }

        var identity = new ClaimsIdentity(
            [new Claim(Auth.UserClaim, demo.User), new Claim(Auth.RoleClaim, demo.Role), new Claim(Auth.JurisdictionClaim, demo.Jurisdiction)],
            ConsoleSchemes.Cookie,
            Auth.UserClaim,
            Auth.RoleClaim);
        await HttpContext.SignInAsync(ConsoleSchemes.Cookie, new ClaimsPrincipal(identity));
        return LocalRedirect(LocalReturnUrl());
    }

    /// <summary>
    /// Ends the console's session and, with a provider, the provider's too: a session left open there would sign the next
    /// person at this office's browser straight back in.
    /// </summary>
    public async Task<IActionResult> OnPostSignOutAsync()
    {
        if (Auth.Authority.Length > 0)
        {
            return SignOut(new AuthenticationProperties { RedirectUri = "/sign-in?signedOut=true" }, ConsoleSchemes.Cookie, ConsoleSchemes.OpenIdConnect);
        }

        await HttpContext.SignOutAsync(ConsoleSchemes.Cookie);
        return RedirectToPage();
    }

    /// <summary>Only a path of this hub: a return address elsewhere would send a signed-in user to another site.</summary>
    private string LocalReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
