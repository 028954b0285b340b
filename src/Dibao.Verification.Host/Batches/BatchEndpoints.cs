using System.Globalization;
using System.Text.Json;
using Dibao.Verification.Host.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Batches;

public static class BatchEndpoints
{
    public static IEndpointRouteBuilder MapBatchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/batches").WithTags("Batches");

        group.MapPost("/", SubmitAsync)
            .WithName("SubmitBatch")
            .WithSummary("Submit a batch of applicant households (JSON, or text/csv with township, purpose and asOf as query parameters).")
            .Accepts<BatchRequest>("application/json", "text/csv")
            .Produces<BatchAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapGet("/{batchId:guid}", GetAsync)
            .WithName("GetBatch")
            .WithSummary("The batch with every household's verification outcome and reasons; page and pageSize (at most 5,000) for one page of them.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{batchId:guid}/progress", GetProgressAsync)
            .WithName("GetBatchProgress")
            .WithSummary("How many households the batch has and how many are settled: cheap enough to poll.");

        return app;
    }

    private static async Task<Results<Ok<BatchView>, NotFound, ProblemHttpResult>> GetAsync(
        Guid batchId, int? page, int? pageSize, BatchQueries queries, CancellationToken cancellationToken)
    {
        HouseholdPage? shown = null;
        if (page is not null || pageSize is not null)
        {
            if (page is not { } number || number < 1 || pageSize is not { } size || size < 1 || size > HouseholdPage.MaxSize)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Invalid page",
                    detail: $"page 从 1 起，pageSize 为 1 至 {HouseholdPage.MaxSize}，二者须同时给出。");
            }

            shown = new HouseholdPage(number, size);
        }

        return await queries.GetAsync(batchId, shown, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<BatchProgress>, NotFound>> GetProgressAsync(Guid batchId, BatchQueries queries, CancellationToken cancellationToken) =>
        await queries.GetProgressAsync(batchId, cancellationToken) is { } progress ? TypedResults.Ok(progress) : TypedResults.NotFound();

    private static async Task<IResult> SubmitAsync(
        HttpRequest http,
        BatchSubmissionService submissions,
        IOptions<BatchLimits> limits,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(http, limits.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"请求体超过上限 {limits.Value.MaxBodyBytes} 字节（Batches:MaxBodyBytes），请拆分批次后提交。");
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

                var csv = CsvBatchReader.Read(body, query["township"], query["purpose"], asOf);
                if (csv.Problems.Count > 0 || csv.Request is null)
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

                break;
            default:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "Unsupported media type",
                    detail: "请以 application/json 或 text/csv 提交批次。");
        }

        var result = await submissions.SubmitAsync(request, cancellationToken);
        if (result.BatchId is not { } batchId)
        {
            return Refused(result.Problems);
        }

        return TypedResults.Accepted($"/api/v1/batches/{batchId}", new BatchAccepted(batchId));
    }

    private static ProblemHttpResult Refused(IReadOnlyList<SubmissionProblem> problems)
    {
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Batch refused",
            Detail = $"批次未被接受：发现{problems.Count}处问题，整批未保存，也未向任何部门查询。请改正后重新提交。",
        };
        details.Extensions["errors"] = problems;
        return TypedResults.Problem(details);
    }
}
