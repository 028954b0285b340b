using System.Globalization;
using System.Text.Json;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Exports;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Dibao.Verification.Host.Batches;

public static class BatchEndpoints
{
    public static IEndpointRouteBuilder MapBatchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/batches").WithTags("Batches").AddEndpointFilter<AuditFilter>();

        group.MapPost("/", SubmitAsync)
            .RequireAuthorization(AccessPolicies.SubmitBatches)
            .WithMetadata(BodyLimit.OwnLimit)
            .WithName("SubmitBatch")
            .WithSummary("Submit a batch of applicant households (JSON, or text/csv with township, purpose and asOf as query parameters).")
            .Accepts<BatchRequest>("application/json", "text/csv")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = SubmissionKeys.Header,
                    In = ParameterLocation.Header,
                    Description = "The client's key for this submission: sent again with the same households, the first batch is returned (Idempotent-Replayed: true) and nothing is stored or asked again; with others, 422.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = SubmissionKeys.MaxLength },
                });
                return Task.CompletedTask;
            })
            .Produces<BatchAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapGet("/{batchId:guid}", GetAsync)
            .RequireAuthorization(AccessPolicies.ReadBatches)
            .WithMetadata(AuditedRead.Instance)
            .WithName("GetBatch")
            .WithSummary("The batch with every household's verification outcome and reasons; page and pageSize (at most 5,000) for one page of them.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{batchId:guid}/results.csv", ExportAsync)
            .RequireAuthorization(AccessPolicies.ReadBatches)
            .WithMetadata(AuditedRead.Instance)
            .WithName("ExportBatchResults")
            .WithSummary("Every household's outcome, per-capita figures and reason codes as CSV (UTF-8 with BOM) for Excel or WPS, safe against formula injection.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        group.MapGet("/{batchId:guid}/progress", GetProgressAsync)
            .RequireAuthorization(AccessPolicies.ReadBatches)
            .WithName("GetBatchProgress")
            .WithSummary("How many households the batch has and how many are settled: cheap enough to poll.");

        return app;
    }

    private static async Task<Results<Ok<BatchView>, ProblemHttpResult>> GetAsync(
        Guid batchId, int? page, int? pageSize, Caller caller, JurisdictionGuard guard, BatchQueries queries, CancellationToken cancellationToken)
    {
        HouseholdPage? shown = null;
        if (page is not null || pageSize is not null)
        {
            if (page is not { } number || number < 1 || pageSize is not { } size || size < 1 || size > HouseholdPage.MaxSize)
            {
                return HubProblems.Result(
                    StatusCodes.Status400BadRequest, ProblemCodes.InvalidRequest, "Invalid page", $"page 从 1 起，pageSize 为 1 至 {HouseholdPage.MaxSize}，二者须同时给出。");
            }

            shown = new HouseholdPage(number, size);
        }

        return await guard.BatchAsync(caller, batchId, cancellationToken) && await queries.GetAsync(batchId, shown, cancellationToken) is { } view
            ? TypedResults.Ok(CaseViewMasking.For(caller, view))
            : HubProblems.NotFound();
    }

    private static async Task<IResult> ExportAsync(
        Guid batchId, Caller caller, JurisdictionGuard guard, BatchQueries queries, CancellationToken cancellationToken)
    {
        if (!await guard.BatchAsync(caller, batchId, cancellationToken) || await queries.GetAsync(batchId, null, cancellationToken) is not { } view)
        {
            return HubProblems.NotFound();
        }

        return Results.Stream(
            async stream =>
            {
                await using var writer = new StreamWriter(stream, CsvWriter.Encoding);
                await BatchResultsCsv.WriteAsync(view, writer);
            },
            CsvWriter.ContentType,
            $"batch-{batchId}.csv");
    }

    private static async Task<Results<Ok<BatchProgress>, ProblemHttpResult>> GetProgressAsync(
        Guid batchId, Caller caller, JurisdictionGuard guard, BatchQueries queries, CancellationToken cancellationToken) =>
        await guard.BatchAsync(caller, batchId, cancellationToken) && await queries.GetProgressAsync(batchId, cancellationToken) is { } progress
            ? TypedResults.Ok(progress)
            : HubProblems.NotFound();

    /// <summary>A caseworker submits for their own township, which is also the township of a batch that names none.</summary>
    private static async Task<IResult> SubmitAsync(
        HttpRequest http,
        Caller caller,
        JurisdictionGuard guard,
        BatchSubmissionService submissions,
        IOptions<BatchLimits> limits,
        CancellationToken cancellationToken)
    {
        if (http.Query["township"] is [{ Length: > 0 } named] && !guard.SubmitsFor(caller, named))
        {
            return OutsideJurisdiction(caller);
        }

        string? submissionKey = null;
        if (http.Headers.TryGetValue(SubmissionKeys.Header, out var keys))
        {
            submissionKey = keys.Count == 1 ? SubmissionKeys.Parse(keys[0]) : null;
            if (submissionKey is null)
            {
                return Refused([new SubmissionProblem(null, SubmissionKeys.Header, SubmissionKeys.Header, null,
                    $"{SubmissionKeys.Header} 须为一个 1 至 {SubmissionKeys.MaxLength} 个可见 ASCII 字符的键（可加双引号），不含引号和反斜杠")]);
            }
        }

        var body = await RequestBody.ReadAsync(http, limits.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return HubProblems.Result(
                StatusCodes.Status413PayloadTooLarge,
                ProblemCodes.BodyTooLarge,
                "Request body too large",
                $"请求体超过上限 {limits.Value.MaxBodyBytes} 字节（Batches:MaxBodyBytes），请拆分批次后提交。");
        }

        BatchRequest request;
        var mediaType = http.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        switch (mediaType)
        {
            case "text/csv":
                var query = http.Query;
                DateOnly? asOf = null;
                if (query.TryGetValue("asOf", out var asOfText) && !string.IsNullOrWhiteSpace(asOfText))
                {
                    if (!DateOnly.TryParseExact(asOfText.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    {
                        return Refused([new SubmissionProblem(null, "asOf", "asOf", null, "核对基准日 asOf 必须是 yyyy-MM-dd 格式的日期")]);
                    }

                    asOf = parsed;
                }

                var csv = CsvBatchReader.Read(body, string.IsNullOrEmpty(query["township"]) ? caller.Jurisdiction : query["township"], query["purpose"], asOf);
                if (csv.Request is null)
                {
                    return Refused(csv.Problems);
                }

                request = csv.Request;
                break;
            case "application/json" or null:
                try
                {
                    request = JsonSerializer.Deserialize<BatchRequest>(body, HubJson.Options)
                        ?? throw new JsonException("empty body");
                }
                catch (JsonException ex)
                {
                    return Refused([new SubmissionProblem(null, ex.Path ?? "$", "body", null, "请求体不是有效的批次 JSON" + (ex.Path is null ? "" : $"（位置 {ex.Path}）"))]);
                }

                if (string.IsNullOrEmpty(request.Township))
                {
                    request = request with { Township = caller.Jurisdiction };
                }
                else if (!guard.SubmitsFor(caller, request.Township))
                {
                    return OutsideJurisdiction(caller);
                }

                break;
            default:
                return HubProblems.Result(
                    StatusCodes.Status415UnsupportedMediaType,
                    ProblemCodes.UnsupportedMediaType,
                    "Unsupported media type",
                    "请以 application/json 或 text/csv 提交批次。");
        }

        var result = await submissions.SubmitAsync(request, caller.User, submissionKey, cancellationToken);
        if (result.KeyReused)
        {
            return HubProblems.Result(
                StatusCodes.Status422UnprocessableEntity,
                ProblemCodes.SubmissionKeyReused,
                "Idempotency-Key reused",
                $"这个 {SubmissionKeys.Header} 已用于本乡镇另一批次（户不同）：本批次未保存。新批次请用新的键。");
        }

        if (result.BatchId is not { } batchId)
        {
            return Refused(result.Problems);
        }

        if (result.Replayed)
        {
            http.HttpContext.Response.Headers[SubmissionKeys.ReplayedHeader] = "true";
        }

        return TypedResults.Accepted($"/api/v1/batches/{batchId}", new BatchAccepted(batchId));
    }

    private static ProblemHttpResult OutsideJurisdiction(Caller caller) =>
        HubProblems.Result(StatusCodes.Status403Forbidden, ProblemCodes.OutsideJurisdiction, "Outside jurisdiction", $"只能为本乡镇（{caller.Jurisdiction}）提交批次");

    private static ProblemHttpResult Refused(IReadOnlyList<SubmissionProblem> problems)
    {
        var details = HubProblems.Details(
            StatusCodes.Status400BadRequest,
            ProblemCodes.BatchRefused,
            "Batch refused",
            $"批次未被接受：发现{problems.Count}处问题，整批未保存，也未向任何部门查询。请改正后重新提交。");
        details.Extensions["errors"] = problems;
        return TypedResults.Problem(details);
    }
}
