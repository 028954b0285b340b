using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Confirmation;

public static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases").WithTags("Cases").AddEndpointFilter<AuditFilter>();

        group.MapGet("/", ListAsync)
            .RequireAuthorization(AccessPolicies.ReadCases)
            .WithMetadata(AuditedRead.Instance)
            .WithName("ListCases")
            .WithSummary("A tier's work queue: cases filtered by tier, state and jurisdiction (a city or county code lists its townships' cases; never beyond the caller's own), with due day and overdue flag.");

        group.MapGet("/overdue", OverdueAsync)
            .RequireAuthorization(AccessPolicies.ReadCases)
            .WithMetadata(AuditedRead.Instance)
            .WithName("ListOverdueCases")
            .WithSummary("Cases whose tier has not decided by the deadline in working days.");

        group.MapGet("/{caseId:guid}", GetAsync)
            .RequireAuthorization(AccessPolicies.ReadCases)
            .WithMetadata(AuditedRead.Instance)
            .WithName("GetCase")
            .WithSummary("The case with its automated verification, the agencies' evidence and every step of its history.");

        group.MapGet("/{caseId:guid}/rounds/{number:int}", GetRoundAsync)
            .RequireAuthorization(AccessPolicies.ReadCases)
            .WithMetadata(AuditedRead.Instance)
            .WithName("GetCaseRound")
            .WithSummary("One round of the household's verification exactly as it was: its members, every agency answer (late ones beside) and its stored result.");

        group.MapPost("/{caseId:guid}/decisions", DecideAsync)
            .RequireAuthorization(AccessPolicies.DecideCases)
            .WithMetadata(BodyLimit.Default)
            .WithName("DecideCase")
            .WithSummary("Confirm, return (with a reason) or amend to pass or fail (county and city, with a reason), at the tier of the caller's role. 409 when the case is not at that tier, the action is not allowed there or the version is stale; 403 when the caller signed another tier of the case.")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{caseId:guid}/corrections", CorrectAsync)
            .RequireAuthorization(AccessPolicies.CorrectCases)
            .WithMetadata(BodyLimit.Default)
            .WithName("CorrectCase")
            .WithSummary("The township corrects the members of a case returned to it, checked as at submission; changed members are verified again.")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static async Task<IResult> ListAsync(
        string? tier, string? state, string? jurisdiction, Caller caller, JurisdictionGuard guard, CaseQueries queries, CancellationToken cancellationToken) =>
        Filters(tier, state, jurisdiction, out var t, out var s) is { } problem
            ? problem
            : guard.Scope(caller, jurisdiction, "case list") is { } scope
                ? TypedResults.Ok(await queries.ListAsync(t, s, scope, overdueOnly: false, cancellationToken))
                : HubProblems.NotFound();

    private static async Task<IResult> OverdueAsync(
        string? tier, string? jurisdiction, Caller caller, JurisdictionGuard guard, CaseQueries queries, CancellationToken cancellationToken) =>
        Filters(tier, null, jurisdiction, out var t, out _) is { } problem
            ? problem
            : guard.Scope(caller, jurisdiction, "overdue case list") is { } scope
                ? TypedResults.Ok(await queries.ListAsync(t, null, scope, overdueOnly: true, cancellationToken))
                : HubProblems.NotFound();

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetAsync(
        Guid caseId, Caller caller, JurisdictionGuard guard, CaseQueries queries, CancellationToken cancellationToken) =>
        await guard.CaseAsync(caller, caseId, cancellationToken) && await queries.GetAsync(caseId, cancellationToken) is { } view
            ? TypedResults.Ok(CaseViewMasking.For(caller, view))
            : HubProblems.NotFound();

    private static async Task<Results<Ok<RoundView>, ProblemHttpResult>> GetRoundAsync(
        Guid caseId, int number, Caller caller, JurisdictionGuard guard, CaseQueries queries, HubDbContext db, CancellationToken cancellationToken) =>
        await guard.CaseAsync(caller, caseId, cancellationToken) && await queries.GetRoundAsync(caseId, number, cancellationToken) is { } view
            ? TypedResults.Ok(CaseViewMasking.For(caller, await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Tier).SingleAsync(cancellationToken), view))
            : HubProblems.NotFound();

    /// <summary>The tier is the caller's role's; a <c>tier</c> in the body may only repeat it.</summary>
    private static async Task<IResult> DecideAsync(
        Guid caseId, DecisionRequest request, Caller caller, JurisdictionGuard guard, CaseCommands commands, CaseQueries queries, CancellationToken cancellationToken)
    {
        if (!await guard.CaseAsync(caller, caseId, cancellationToken))
        {
            return HubProblems.NotFound();
        }

        var tier = caller.Tier!.Value;
        if (!string.IsNullOrWhiteSpace(request.Tier))
        {
            if (!CaseNames.TryParseTier(request.Tier, out var asked))
            {
                return Bad("tier 必须是 township、county 或 city");
            }

            if (asked != tier)
            {
                return HubProblems.Result(StatusCodes.Status403Forbidden, ProblemCodes.TierMismatch, "Tier not yours",
                    $"角色 {caller.Role} 只能在{CaseNames.Chinese(tier)}（{CaseNames.Of(tier)}）审核，不能以 {CaseNames.Of(asked)} 签署");
            }
        }

        return await Answer(caseId, await commands.DecideAsync(caseId, request, tier, caller, cancellationToken), caller, queries, cancellationToken);
    }

    private static async Task<IResult> CorrectAsync(
        Guid caseId, CorrectionRequest request, Caller caller, JurisdictionGuard guard, CaseCommands commands, CaseQueries queries, CancellationToken cancellationToken) =>
        await guard.CaseAsync(caller, caseId, cancellationToken)
            ? await Answer(caseId, await commands.CorrectAsync(caseId, request, caller, cancellationToken), caller, queries, cancellationToken)
            : HubProblems.NotFound();

    /// <summary>A command's result as the API answers it: the case on success, else the refusal's problem.</summary>
    internal static async Task<IResult> Answer(Guid caseId, CaseCommandResult result, Caller caller, CaseQueries queries, CancellationToken cancellationToken)
    {
        switch (result.Status)
        {
            case CaseCommandStatus.Done:
                return await queries.GetAsync(caseId, cancellationToken) is { } view ? TypedResults.Ok(CaseViewMasking.For(caller, view)) : HubProblems.NotFound();
            case CaseCommandStatus.NotFound:
                return HubProblems.NotFound();
            case CaseCommandStatus.Conflict:
                return HubProblems.Result(StatusCodes.Status409Conflict, result.Code!, "Decision refused", result.Problem);
            case CaseCommandStatus.Forbidden:
                return HubProblems.Result(StatusCodes.Status403Forbidden, result.Code!, "Decision refused", result.Problem);
            default:
                var details = HubProblems.Details(StatusCodes.Status400BadRequest, ProblemCodes.InvalidRequest, "Request refused", result.Problem);
                if (result.Problems is { } problems)
                {
                    details.Extensions["errors"] = problems;
                }

                return TypedResults.Problem(details);
        }
    }

    private static IResult? Filters(string? tier, string? state, string? jurisdiction, out Tier? parsedTier, out CaseState? parsedState)
    {
        parsedTier = null;
        parsedState = null;
        if (!string.IsNullOrEmpty(tier))
        {
            if (!CaseNames.TryParseTier(tier, out var t))
            {
                return Bad("tier 必须是 township、county 或 city");
            }

            parsedTier = t;
        }

        if (!string.IsNullOrEmpty(state))
        {
            if (!CaseNames.TryParseState(state, out var s))
            {
                return Bad("state 必须是 verifying、awaiting-review、returned 或 confirmed");
            }

            parsedState = s;
        }

        if (!string.IsNullOrEmpty(jurisdiction) && (jurisdiction.Length is not (4 or 6 or 9) || !jurisdiction.All(char.IsAsciiDigit)))
        {
            return Bad("jurisdiction 必须是市（4位）、县（6位）或乡镇（9位）代码");
        }

        return null;
    }

    private static ProblemHttpResult Bad(string detail) =>
        HubProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.InvalidRequest, "Bad request", detail);
}
