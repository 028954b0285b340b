using System.Text.Json;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Exports;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dibao.Verification.Host.Recomparison;

public static class RecomparisonEndpoints
{
    public static IEndpointRouteBuilder MapRecomparisonEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/recomparisons").WithTags("Re-comparison").AddEndpointFilter<AuditFilter>();

        group.MapPost("/", StartAsync)
            .RequireAuthorization(AccessPolicies.RunRecomparisons)
            .WithName("StartRecomparison")
            .WithSummary("Starts a re-comparison of the roll within a jurisdiction (the caller's by default) with the agencies' data as of a date (today by default): 202 with the run's id.")
            .Produces<RecomparisonAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{runId:guid}", GetAsync)
            .RequireAuthorization(AccessPolicies.RunRecomparisons)
            .WithName("GetRecomparison")
            .WithSummary("A run's status and counts: households, compared, unchanged, changed by kind, and per agency the persons asked, refused and unavailable.");

        group.MapPost("/{runId:guid}/cancel", CancelAsync)
            .RequireAuthorization(AccessPolicies.RunRecomparisons)
            .WithName("CancelRecomparison")
            .WithSummary("Cancels a running run: no further households are taken; those already asked about are still compared.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{runId:guid}/changes", ChangesAsync)
            .RequireAuthorization(AccessPolicies.ReadRecomparisonChanges)
            .WithMetadata(AuditedRead.Instance)
            .WithName("ListRecomparisonChanges")
            .WithSummary("The households whose new findings raised a case, with the proposal and income per head before and now; page and pageSize (at most 1,000); CSV with Accept: text/csv.")
            .Produces<RecomparisonChangePage>()
            .Produces(StatusCodes.Status200OK, contentType: CsvWriter.ContentType);

        return app;
    }

    private static async Task<IResult> StartAsync(
        HttpRequest http, Caller caller, JurisdictionGuard guard, BatchValidator validator, RecomparisonRuns runs, CancellationToken cancellationToken)
    {
        RecomparisonRequest request;
        try
        {
            request = http.ContentLength is 0 ? new RecomparisonRequest(null, null)
                : await JsonSerializer.DeserializeAsync<RecomparisonRequest>(http.Body, HubJson.Options, cancellationToken) ?? new RecomparisonRequest(null, null);
        }
        catch (JsonException)
        {
            return HubProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.InvalidRequest, "Invalid request", "请求体须为 { \"jurisdiction\", \"asOf\" }（均可省略）。");
        }

        var jurisdiction = string.IsNullOrWhiteSpace(request.Jurisdiction) ? caller.Jurisdiction : request.Jurisdiction.Trim();
        if (jurisdiction.Length is not (4 or 6 or 9) || !jurisdiction.All(char.IsAsciiDigit))
        {
            return HubProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.InvalidRequest, "Invalid jurisdiction", "jurisdiction 须为4、6或9位代码。");
        }

        if (!guard.Keeps(caller, jurisdiction, "recomparison"))
        {
            return HubProblems.Result(StatusCodes.Status403Forbidden, ProblemCodes.OutsideJurisdiction, "Outside jurisdiction", $"只能比对本辖区（{caller.Jurisdiction}）的低保名册");
        }

        if (request.AsOf is { } asOf && asOf > validator.Today)
        {
            return HubProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.InvalidRequest, "Invalid asOf", "比对基准日 asOf 不能晚于今天。");
        }

        var run = await runs.StartAsync(jurisdiction, request.AsOf, caller.User, cancellationToken);
        return TypedResults.Accepted($"/api/v1/recomparisons/{run.Id}", new RecomparisonAccepted(run.Id));
    }

    private static async Task<Results<Ok<RecomparisonRunView>, ProblemHttpResult>> GetAsync(
        Guid runId, Caller caller, JurisdictionGuard guard, RecomparisonRuns runs, CancellationToken cancellationToken) =>
        await AdmitsAsync(runId, caller, guard, runs, cancellationToken) && await runs.ViewAsync(runId, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : HubProblems.NotFound();

    private static async Task<IResult> CancelAsync(Guid runId, Caller caller, JurisdictionGuard guard, RecomparisonRuns runs, CancellationToken cancellationToken)
    {
        if (!await AdmitsAsync(runId, caller, guard, runs, cancellationToken))
        {
            return HubProblems.NotFound();
        }

        return await runs.CancelAsync(runId, caller.User, cancellationToken) && await runs.ViewAsync(runId, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : HubProblems.Result(StatusCodes.Status409Conflict, ProblemCodes.ActionNotAllowed, "Run not running", "该比对已结束，不能取消。");
    }

    private static async Task<IResult> ChangesAsync(
        Guid runId, int? page, int? pageSize, HttpRequest http, Caller caller, JurisdictionGuard guard, RecomparisonRuns runs, CancellationToken cancellationToken)
    {
        var number = page ?? 1;
        var size = pageSize ?? 100;
        if (number < 1 || size is < 1 or > RecomparisonRuns.MaxPageSize)
        {
            return HubProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.InvalidRequest, "Invalid page", $"page 从 1 起，pageSize 为 1 至 {RecomparisonRuns.MaxPageSize}");
        }

        // A county or township sees the changes of its own townships within a wider run.
        var jurisdiction = await runs.JurisdictionOfAsync(runId, cancellationToken);
        var scope = jurisdiction is null ? null
            : caller.Covers(jurisdiction) ? jurisdiction
            : jurisdiction.Length < caller.Jurisdiction.Length && caller.Jurisdiction.StartsWith(jurisdiction, StringComparison.Ordinal) ? caller.Jurisdiction
            : null;
        if (jurisdiction is null || !guard.Keeps(caller, scope ?? jurisdiction, "recomparison changes"))
        {
            return HubProblems.NotFound();
        }

        scope ??= jurisdiction;

        var changes = await runs.ChangesAsync(runId, scope, number, size, cancellationToken);
        if (!http.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Ok(changes);
        }

        return Results.Stream(
            async stream =>
            {
                await using var writer = new StreamWriter(stream, CsvWriter.Encoding);
                await RecomparisonChangesCsv.WriteAsync(changes, writer);
            },
            CsvWriter.ContentType,
            $"recomparison-{runId}-changes.csv");
    }

    private static async Task<bool> AdmitsAsync(Guid runId, Caller caller, JurisdictionGuard guard, RecomparisonRuns runs, CancellationToken cancellationToken) =>
        await runs.JurisdictionOfAsync(runId, cancellationToken) is { } jurisdiction && guard.Keeps(caller, jurisdiction, "recomparison");
}
