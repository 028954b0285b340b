using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Confirmation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dibao.Verification.Host.WebConsole.Pages.Cases;

/// <summary>
/// The case page: the automated result and its reasons, every member's answers per agency side by side, the declared
/// figures, the rounds and the history, and the forms of what the caller's tier may do. Identity numbers are masked as
/// the API masks them: full only for the tier the case is at.
/// </summary>
[Authorize(Policy = AccessPolicies.ReadCases)]
public sealed class DetailModel(JurisdictionGuard guard, CaseQueries queries) : ConsolePage
{
    /// <summary>Records of one answer shown at once (a tax answer lists every month); the rest unfold on demand.</summary>
    public const int FactsShown = 4;

    public CaseView Case { get; private set; } = null!;

    public EvidenceGrid Grid { get; private set; } = null!;

    /// <summary>What the caller just did, said back after the redirect.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>Whether the case waits for the caller's tier: only then are the decision forms offered.</summary>
    public bool AtCallersTier => Caller.Tier is { } tier && Case.Tier == CaseNames.Of(tier) && Case.State is "awaiting-review" or "returned";

    public async Task<IActionResult> OnGetAsync(Guid caseId, CancellationToken cancellationToken)
    {
        if (!await guard.CaseAsync(Caller, caseId, cancellationToken) || await queries.GetAsync(caseId, cancellationToken) is not { } view)
        {
            return NotFound();
        }

        Case = CaseViewMasking.For(Caller, view);
        Grid = new EvidenceGrid(Case.Evidence);
        return Page();
    }

    public string? DoneMessage => Done switch
    {
        "decision" => "已签署，案件已按您的决定流转。",
        "correction" => "更正已保存，改动的成员正在重新核对。",
        "objection" => "异议已记录。",
        "dispute" => "复查申请已记录，已向该部门重新查询。",
        _ => null,
    };
}
