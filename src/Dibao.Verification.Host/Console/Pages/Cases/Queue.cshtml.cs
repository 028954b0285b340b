using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Confirmation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dibao.Verification.Host.WebConsole.Pages.Cases;

/// <summary>
/// The work queue: by default the cases awaiting the caller's tier within their jurisdiction, overdue ones first, then by
/// deadline; filtered by tier, state, township and overdue as the API's list is.
/// </summary>
[Authorize(Policy = AccessPolicies.ReadCases)]
public sealed class QueueModel(JurisdictionGuard guard, CaseQueries queries) : ConsolePage
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Tier { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Jurisdiction { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CaseListItem> Shown { get; private set; } = [];

    public int Matching { get; private set; }

    public int Pages => Math.Max(1, (Matching + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // The first visit shows the caller's own tier's waiting cases; a filter left empty on purpose means all.
        if (!Request.Query.ContainsKey("tier") && Caller.Tier is { } own)
        {
            Tier = CaseNames.Of(own);
        }

        if (!Request.Query.ContainsKey("state") && !Overdue)
        {
            State = "awaiting-review";
        }

        Tier? tier = CaseNames.TryParseTier(Tier, out var t) ? t : null;
        CaseState? state = CaseNames.TryParseState(State, out var s) ? s : null;
        if (!string.IsNullOrEmpty(Jurisdiction) && (Jurisdiction.Length is not (4 or 6 or 9) || !Jurisdiction.All(char.IsAsciiDigit)))
        {
            Jurisdiction = null;
        }

        if (guard.Scope(Caller, Jurisdiction, Overdue ? "overdue case list" : "case list") is not { } scope)
        {
            return NotFound();
        }

        var list = await queries.ListAsync(tier, state, scope, Overdue, cancellationToken);
        var ordered = list.Items.OrderByDescending(i => i.Overdue).ThenBy(i => i.Due ?? DateOnly.MaxValue).ToList();
        Matching = ordered.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Shown = [.. ordered.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        return Page();
    }

    public string PageUrl(int page) =>
        $"/cases?tier={Uri.EscapeDataString(Tier ?? "")}&state={Uri.EscapeDataString(State ?? "")}&jurisdiction={Uri.EscapeDataString(Jurisdiction ?? "")}&overdue={(Overdue ? "true" : "false")}&p={page}";
}
