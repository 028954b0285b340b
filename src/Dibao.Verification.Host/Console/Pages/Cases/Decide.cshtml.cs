using System.Globalization;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Confirmation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dibao.Verification.Host.WebConsole.Pages.Cases;

/// <summary>Confirm, return or amend at the caller's tier, as <c>POST /api/v1/cases/{caseId}/decisions</c>.</summary>
[Authorize(Policy = AccessPolicies.DecideCases)]
public sealed class DecideModel(JurisdictionGuard guard, CaseCommands commands) : CaseActionPage(guard)
{
    [BindProperty]
    public string? Action { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    [BindProperty]
    public string? ConsentRef { get; set; }

    [BindProperty]
    public string? ConsentSignedOn { get; set; }

    public Task<IActionResult> OnPostAsync(Guid caseId, CancellationToken cancellationToken) =>
        ActAsync(caseId, () => commands.DecideAsync(caseId, Decision(), Caller.Tier!.Value, Caller, cancellationToken), "decision", cancellationToken);

    private DecisionRequest Decision() => new()
    {
        Action = Action,
        Outcome = string.IsNullOrEmpty(Outcome) ? null : Outcome,
        Reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim(),
        Version = Version,
        ConsentRef = string.IsNullOrWhiteSpace(ConsentRef) ? null : ConsentRef.Trim(),
        ConsentSignedOn = DateOnly.TryParseExact(ConsentSignedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null,
    };
}
