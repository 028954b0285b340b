using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Disputes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dibao.Verification.Host.WebConsole.Pages.Cases;

/// <summary>
/// An applicant's dispute of one agency's finding, as <c>POST /api/v1/cases/{caseId}/disputes</c>. The member is chosen by
/// position, and their number looked up here: a caseworker whose view of the case is masked can still name them. The
/// position is of the page's view of the case, so the form carries that view's version: a correction since then refuses
/// it rather than naming whoever now stands there.
/// </summary>
[Authorize(Policy = AccessPolicies.RecordForApplicants)]
public sealed class DisputeModel(JurisdictionGuard guard, DisputeCommands disputes, CaseQueries queries) : CaseActionPage(guard)
{
    [BindProperty]
    public string? Agency { get; set; }

    [BindProperty]
    public int? Member { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    public Task<IActionResult> OnPostAsync(Guid caseId, CancellationToken cancellationToken) =>
        ActAsync(
            caseId,
            async () =>
            {
                string? idNumber = null;
                if (Member is { } index && await queries.GetAsync(caseId, cancellationToken) is { } view)
                {
                    var members = new EvidenceGrid(view.Evidence).Members;
                    if (index < 0 || index >= members.Count)
                    {
                        return CaseCommandResult.Invalid("所选成员不是本户当前成员；请刷新后重试");
                    }

                    idNumber = members[index].IdNumber;
                }

                return await disputes.RecordAsync(caseId, new DisputeRequest(Agency, idNumber, Reason?.Trim(), Version), Caller, cancellationToken);
            },
            "dispute",
            cancellationToken);
}
