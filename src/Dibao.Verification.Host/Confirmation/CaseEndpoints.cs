using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dibao.Verification.Host.Confirmation;

public static class CaseEndpoints
{
    /// <summary>Who decides: recorded as given until the security issue authenticates reviewers.</summary>
    public const string ReviewerHeader = "X-Reviewer";

    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases").WithTags("Cases");

        group.MapGet("/", ListAsync)
            .WithName("ListCases")
            .WithSummary("A tier's work queue: cases filtered by tier, state and jurisdiction (a city or county code lists its townships' cases), with due day and overdue flag.");

        group.MapGet("/overdue", OverdueAsync)
            .WithName("ListOverdueCases")
            .WithSummary("Cases whose tier has not decided by the deadline in working days.");

        group.MapGet("/{caseId:guid}", GetAsync)
            .WithName("GetCase")
            .WithSummary("The case with its automated verification, the agencies' evidence and every step of its history.");

        group.MapGet("/{caseId:guid}/rounds/{number:int}", GetRoundAsync)
            .WithName("GetCaseRound")
            .WithSummary("One round of the household's verification exactly as it was: its members, every agency answer (late ones beside) and its stored result.");

        group.MapPost("/{caseId:guid}/decisions", DecideAsync)
            .WithName("DecideCase")
            .WithSummary("Confirm, return (with a reason) or amend to pass or fail (county and city, with a reason). 409 when the case is not at that tier, the action is not allowed there or the version is stale.")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{caseId:guid}/corrections", CorrectAsync)
            .WithName("CorrectCase")
            .WithSummary("The township corrects the members of a case returned to it, checked as at submission; changed members are verified again.")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static async Task<IResult> ListAsync(string? tier, string? state, string? jurisdiction, CaseQueries queries, CancellationToken cancellationToken) =>
        Filters(tier, state, jurisdiction, out var t, out var s) is { } problem
            ? problem
            : TypedResults.Ok(await queries.ListAsync(t, s, jurisdiction, overdueOnly: false, cancellationToken));

    private static async Task<IResult> OverdueAsync(string? tier, string? jurisdiction, CaseQueries queries, CancellationToken cancellationToken) =>
        Filters(tier, null, jurisdiction, out var t, out _) is { } problem
            ? problem
            : TypedResults.Ok(await queries.ListAsync(t, null, jurisdiction, overdueOnly: true, cancellationToken));

    private static async Task<Results<Ok<CaseView>, NotFound>> GetAsync(Guid caseId, CaseQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(caseId, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<RoundView>, NotFound>> GetRoundAsync(Guid caseId, int number, CaseQueries queries, CancellationToken cancellationToken) =>
        await queries.GetRoundAsync(caseId, number, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<IResult> DecideAsync(
        Guid caseId, DecisionRequest request, HttpRequest http, CaseCommands commands, CaseQueries queries, CancellationToken cancellationToken) =>
        await Answer(caseId, await commands.DecideAsync(caseId, request, http.Headers[ReviewerHeader], cancellationToken), queries, cancellationToken);

    private static async Task<IResult> CorrectAsync(
        Guid caseId, CorrectionRequest request, HttpRequest http, CaseCommands commands, CaseQueries queries, CancellationToken cancellationToken) =>
        await Answer(caseId, await commands.CorrectAsync(caseId, request, http.Headers[ReviewerHeader], cancellationToken), queries, cancellationToken);

    private static async Task<IResult> Answer(Guid caseId, CaseCommandResult result, CaseQueries queries, CancellationToken cancellationToken)
    {
        switch (result.Status)
        {
            case CaseCommandStatus.Done:
                return TypedResults.Ok(await queries.GetAsync(caseId, cancellationToken));
            case CaseCommandStatus.NotFound:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Case not found", detail: "没有这个案件");
            case CaseCommandStatus.Conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Decision refused", detail: result.Problem);
            default:
                var details = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Request refused", Detail = result.Problem };
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

    private static IResult Bad(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad filter", detail: detail);
}
