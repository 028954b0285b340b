using System.Globalization;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dibao.Verification.Host.WebConsole.Pages.Cases;

/// <summary>
/// The township corrects the members of a case returned to it, as <c>POST /api/v1/cases/{caseId}/corrections</c>: the
/// form starts from the current round's members, and a refused correction is shown beside the lines it concerns.
/// </summary>
[Authorize(Policy = AccessPolicies.CorrectCases)]
public sealed class CorrectModel(JurisdictionGuard guard, CaseQueries queries, CaseCommands commands) : ConsolePage
{
    /// <summary>Blank lines offered for members to add.</summary>
    private const int SpareLines = 2;

    public CaseView Case { get; private set; } = null!;

    [BindProperty]
    public List<MemberInput> Members { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? ConsentRef { get; set; }

    [BindProperty]
    public string? ConsentSignedOn { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    public string? Refusal { get; private set; }

    /// <summary>The problems of a refused correction by the form's line (its <c>members[i]</c>), and those of no line.</summary>
    public ILookup<int?, string> Problems { get; private set; } = Array.Empty<int?>().ToLookup(i => i, _ => "");

    public async Task<IActionResult> OnGetAsync(Guid caseId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(caseId, cancellationToken))
        {
            return NotFound();
        }

        var round = await queries.GetRoundAsync(caseId, Case.Round, cancellationToken);
        var tier = CaseNames.TryParseTier(Case.Tier, out var t) ? t : Tier.Township;
        var members = round is null ? [] : CaseViewMasking.For(Caller, tier, round).Members;
        Members = [.. members.Select(m => new MemberInput { IdNumber = m.IdNumber, Name = m.Name, Relation = m.Relation }), .. Enumerable.Range(0, SpareLines).Select(_ => new MemberInput { Relation = "other" })];
        Version = Case.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid caseId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(caseId, cancellationToken))
        {
            return NotFound();
        }

        var request = new CorrectionRequest
        {
            Members = [.. Members.Where(m => !m.IsBlank).Select(m => new MemberRequest { IdNumber = m.IdNumber?.Trim(), Name = m.Name?.Trim(), Relation = m.Relation })],
            Reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim(),
            ConsentRef = string.IsNullOrWhiteSpace(ConsentRef) ? null : ConsentRef.Trim(),
            ConsentSignedOn = DateOnly.TryParseExact(ConsentSignedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null,
            Version = Version,
        };
        var result = await commands.CorrectAsync(caseId, request, Caller, cancellationToken);
        if (result.Status == CaseCommandStatus.Done)
        {
            return Redirect($"/cases/{caseId}?done=correction");
        }

        // The checks number the members sent, which skip the blank lines: put each problem back on its line of the form.
        var lines = Members.Select((m, i) => (m, i)).Where(x => !x.m.IsBlank).Select(x => x.i).ToList();
        Refusal = ConsoleText.Refusal(result.Code, result.Problem);
        Problems = (result.Problems ?? []).ToLookup(p => LineOf(p.Path) is { } sent && sent < lines.Count ? lines[sent] : (int?)null, p => p.Message);
        Response.StatusCode = result.Status == CaseCommandStatus.Conflict ? StatusCodes.Status409Conflict
            : result.Status == CaseCommandStatus.Forbidden ? StatusCodes.Status403Forbidden
            : StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid caseId, CancellationToken cancellationToken)
    {
        if (!await guard.CaseAsync(Caller, caseId, cancellationToken) || await queries.GetAsync(caseId, cancellationToken) is not { } view)
        {
            return false;
        }

        Case = CaseViewMasking.For(Caller, view);
        return true;
    }

    /// <summary>The member a problem's path names: 2 for <c>members[2].idNumber</c>.</summary>
    private static int? LineOf(string? path)
    {
        const string Prefix = "members[";
        var start = path?.IndexOf(Prefix, StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return null;
        }

        var end = path!.IndexOf(']', start);
        return end > start && int.TryParse(path.AsSpan(start + Prefix.Length, end - start - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }
}
