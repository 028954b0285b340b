using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Microsoft.AspNetCore.Mvc;

namespace Dibao.Verification.Host.WebConsole;

/// <summary>
/// A page that acts on a case through the API's command services, under the page's policy and the case's jurisdiction check:
/// back to the case once done, else the refusal in plain words. A GET (a link followed, a reload) only leads to the case.
/// </summary>
public abstract class CaseActionPage(JurisdictionGuard guard) : ConsolePage
{
    public Guid CaseId { get; private set; }

    /// <summary>The refusal, said so the caller knows what to do next.</summary>
    public string? Refusal { get; private set; }

    public IReadOnlyList<SubmissionProblem> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid caseId, CancellationToken cancellationToken) =>
        await guard.CaseAsync(Caller, caseId, cancellationToken) ? Redirect($"/cases/{caseId}") : NotFound();

    /// <param name="act">The command, run only once the case is known to lie in the caller's jurisdiction.</param>
    /// <param name="done">What the case page says back once done.</param>
    protected async Task<IActionResult> ActAsync(Guid caseId, Func<Task<CaseCommandResult>> act, string done, CancellationToken cancellationToken)
    {
        if (!await guard.CaseAsync(Caller, caseId, cancellationToken))
        {
            return NotFound();
        }

        CaseId = caseId;
        var result = await act();
        if (result.Status == CaseCommandStatus.Done)
        {
            return Redirect($"/cases/{caseId}?done={done}");
        }

        if (result.Status == CaseCommandStatus.NotFound)
        {
            return NotFound();
        }

        Refusal = ConsoleText.Refusal(result.Code, result.Problem);
        Problems = result.Problems ?? [];
        Response.StatusCode = result.Status switch
        {
            CaseCommandStatus.Conflict => StatusCodes.Status409Conflict,
            CaseCommandStatus.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        };
        return Page();
    }
}
