using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dibao.Verification.Host.WebConsole.Pages.Batches;

/// <summary>A batch's progress while the agencies answer; the page's script polls the API's progress, as cheap as it is.</summary>
[Authorize(Policy = AccessPolicies.ReadBatches)]
public sealed class ProgressModel(JurisdictionGuard guard, BatchQueries queries) : ConsolePage
{
    public Guid BatchId { get; private set; }

    public BatchProgress Progress { get; private set; } = new(0, 0);

    public async Task<IActionResult> OnGetAsync(Guid batchId, CancellationToken cancellationToken)
    {
        if (!await guard.BatchAsync(Caller, batchId, cancellationToken) || await queries.GetProgressAsync(batchId, cancellationToken) is not { } progress)
        {
            return NotFound();
        }

        BatchId = batchId;
        Progress = progress;
        return Page();
    }
}
