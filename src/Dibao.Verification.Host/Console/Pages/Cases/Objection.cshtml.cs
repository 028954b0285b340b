using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.PublicNotice;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dibao.Verification.Host.WebConsole.Pages.Cases;

/// <summary>An objection raised during the public notice, as <c>POST /api/v1/cases/{caseId}/objections</c>.</summary>
[Authorize(Policy = AccessPolicies.RecordForApplicants)]
public sealed class ObjectionModel(JurisdictionGuard guard, PublicNotices notices) : CaseActionPage(guard)
{
    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    public Task<IActionResult> OnPostAsync(Guid caseId, CancellationToken cancellationToken) =>
        ActAsync(caseId, () => notices.ObjectAsync(caseId, new ObjectionRequest(Reason?.Trim(), Version), Caller, cancellationToken), "objection", cancellationToken);
}
