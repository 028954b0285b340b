using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Verification;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dibao.Verification.Host.WebConsole.Pages.Batches;

/// <summary>
/// A batch's results, filtered by outcome, case state, reason or household, a page at a time. Unfiltered, only the page
/// shown is read, as a county's batch of a hundred thousand households is opened; a filter reads the whole batch, since
/// the reasons it matches are stored encrypted.
/// </summary>
[Authorize(Policy = AccessPolicies.ReadBatches)]
public sealed class ResultsModel(JurisdictionGuard guard, BatchQueries queries) : ConsolePage
{
    public const int PageSize = 50;

    public BatchView Batch { get; private set; } = null!;

    public IReadOnlyList<HouseholdView> Shown { get; private set; } = [];

    public int Matching { get; private set; }

    /// <summary>Every reason the hub gives, whether or not this batch has it.</summary>
    public IReadOnlyList<string> ReasonCodes { get; } = [.. ReasonNames.Chinese.Keys.Order(StringComparer.Ordinal)];

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Household { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int Pages => Math.Max(1, (Matching + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(Guid batchId, CancellationToken cancellationToken)
    {
        if (!await guard.BatchAsync(Caller, batchId, cancellationToken))
        {
            return NotFound();
        }

        var filtered = !string.IsNullOrEmpty(Outcome) || !string.IsNullOrEmpty(State) || !string.IsNullOrEmpty(Reason) || !string.IsNullOrWhiteSpace(Household);
        return filtered ? await FilteredAsync(batchId, cancellationToken) : await PageAsync(batchId, cancellationToken);
    }

    /// <summary>The page asked for, counted with it; a page past the end is read again as the last.</summary>
    private async Task<IActionResult> PageAsync(Guid batchId, CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, int.MaxValue / PageSize);
        var batch = await queries.GetAsync(batchId, new HouseholdPage(PageNumber, PageSize), cancellationToken);
        if (batch is not null && batch.Households.Count == 0 && PageNumber > 1)
        {
            PageNumber = Math.Max(1, (batch.Progress.Households + PageSize - 1) / PageSize);
            batch = await queries.GetAsync(batchId, new HouseholdPage(PageNumber, PageSize), cancellationToken);
        }

        if (batch is null)
        {
            return NotFound();
        }

        Batch = batch;
        Matching = batch.Progress.Households;
        Shown = batch.Households;
        return Page();
    }

    private async Task<IActionResult> FilteredAsync(Guid batchId, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(batchId, null, cancellationToken) is not { } batch)
        {
            return NotFound();
        }

        Batch = batch;
        var matching = batch.Households.Where(h =>
            (string.IsNullOrEmpty(Outcome) || h.Verification.Outcome == Outcome)
            && (string.IsNullOrEmpty(State) || h.State == State)
            && (string.IsNullOrEmpty(Reason) || h.Verification.Reasons.Any(r => r.Code == Reason))
            && (string.IsNullOrWhiteSpace(Household) || h.Ref.Contains(Household.Trim(), StringComparison.OrdinalIgnoreCase))).ToList();
        Matching = matching.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Shown = [.. matching.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        return Page();
    }

    /// <summary>This page's address with the same filters, on another page of results.</summary>
    public string PageUrl(int page) =>
        $"/batches/{Batch.BatchId}?outcome={Uri.EscapeDataString(Outcome ?? "")}&state={Uri.EscapeDataString(State ?? "")}&reason={Uri.EscapeDataString(Reason ?? "")}&household={Uri.EscapeDataString(Household ?? "")}&p={page}";
}
