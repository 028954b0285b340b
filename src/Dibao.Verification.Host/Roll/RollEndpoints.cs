using System.Globalization;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Roll;

public static class RollEndpoints
{
    public static IEndpointRouteBuilder MapRollEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/roll").WithTags("Roll").AddEndpointFilter<AuditFilter>();

        group.MapGet("/", ListAsync)
            .RequireAuthorization(AccessPolicies.ReadRoll)
            .WithMetadata(AuditedRead.Instance)
            .WithName("ListRoll")
            .WithSummary("The households on the recipient roll within the caller's jurisdiction (jurisdiction narrows it), page and pageSize (at most 1,000), with consentExpiresBefore (yyyy-MM-dd) only those whose authorization is no longer valid on that day; identity numbers masked.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        // No Accepts metadata: routing would answer other media types 415 before the role is checked; the handler refuses them.
        group.MapPost("/imports", ImportAsync)
            .RequireAuthorization(AccessPolicies.KeepRoll)
            .WithMetadata(BodyLimit.OwnLimit)
            .WithName("ImportRoll")
            .WithSummary("Imports a township's existing recipients from CSV: the batch columns plus since (yyyy-MM-dd), the township as the jurisdiction query parameter (the caller's by default); all or, naming every bad line and field, none.")
            .Produces<RollImported>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapPost("/{rollId:guid}/authorization", RenewAsync)
            .RequireAuthorization(AccessPolicies.KeepRoll)
            .WithName("RenewRollAuthorization")
            .WithSummary("Records the authorization a household on the township's roll signed anew (consentRef, consentSignedOn: today when not given), another one signed no earlier than the one held: a new entry (its own rollId) takes the old one's place, which is kept; the nightly re-comparison asks on it from then on. Audited.")
            .Produces<RollHouseholdView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static async Task<Results<Ok<RollPage>, ProblemHttpResult>> ListAsync(
        string? jurisdiction, int? page, int? pageSize, string? consentExpiresBefore, Caller caller, JurisdictionGuard guard, RollQueries queries, CancellationToken cancellationToken)
    {
        var number = page ?? 1;
        var size = pageSize ?? 100;
        if (number < 1 || size is < 1 or > RollQueries.MaxPageSize)
        {
            return HubProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.InvalidRequest, "Invalid page", $"page 从 1 起，pageSize 为 1 至 {RollQueries.MaxPageSize}");
        }

        DateOnly? expiresBefore = null;
        if (consentExpiresBefore is not null)
        {
            if (!DateOnly.TryParseExact(consentExpiresBefore, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return HubProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.InvalidRequest, "Invalid consentExpiresBefore", "consentExpiresBefore 必须是 yyyy-MM-dd 格式的日期");
            }

            expiresBefore = day;
        }

        return guard.Scope(caller, jurisdiction, "roll") is { } scope
            ? TypedResults.Ok(await queries.ListAsync(scope, number, size, expiresBefore, cancellationToken))
            : HubProblems.NotFound();
    }

    private static async Task<Results<Ok<RollHouseholdView>, ProblemHttpResult>> RenewAsync(
        Guid rollId, AuthorizationRenewalRequest? request, Caller caller, JurisdictionGuard guard, HubDbContext db, AuthorizationRenewal renewal, RollQueries queries, CancellationToken cancellationToken)
    {
        var entry = await db.RollHouseholds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == rollId, cancellationToken);
        if (entry is null || !guard.Keeps(caller, entry.Township, "roll household"))
        {
            return HubProblems.NotFound();
        }

        if (entry.LeftAtUtc is not null)
        {
            return HubProblems.Result(StatusCodes.Status409Conflict, ProblemCodes.RollEntryChanged, "Not on the roll", "该户的这条名册记录已不在册（已退出或已被新的确认取代），不能续签授权书");
        }

        var (result, renewed) = await renewal.RenewAsync(entry, request ?? new AuthorizationRenewalRequest(), caller, cancellationToken);
        return result.Status switch
        {
            CaseCommandStatus.Done => TypedResults.Ok((await queries.FindAsync(renewed, cancellationToken))!),
            CaseCommandStatus.Invalid => HubProblems.Result(StatusCodes.Status400BadRequest, result.Code!, "Invalid authorization", result.Problem!),
            _ => HubProblems.Result(StatusCodes.Status409Conflict, result.Code!, "Roll entry changed", result.Problem!),
        };
    }

    private static async Task<IResult> ImportAsync(
        HttpRequest http, Caller caller, JurisdictionGuard guard, RollRegister roll, IOptions<BatchLimits> limits, CancellationToken cancellationToken)
    {
        var township = http.Query["jurisdiction"] is [{ Length: > 0 } named] ? named.Trim() : caller.Jurisdiction;
        if (!guard.SubmitsFor(caller, township))
        {
            return HubProblems.Result(StatusCodes.Status403Forbidden, ProblemCodes.OutsideJurisdiction, "Outside jurisdiction", $"只能为本乡镇（{caller.Jurisdiction}）导入低保名册");
        }

        if (!string.Equals(http.ContentType?.Split(';')[0].Trim(), "text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return HubProblems.Result(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Unsupported media type", "请以 text/csv 导入低保名册。");
        }

        var body = await RequestBody.ReadAsync(http, limits.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return HubProblems.Result(
                StatusCodes.Status413PayloadTooLarge, ProblemCodes.BodyTooLarge, "Request body too large", $"请求体超过上限 {limits.Value.MaxBodyBytes} 字节（Batches:MaxBodyBytes），请拆分后导入。");
        }

        var csv = CsvBatchReader.Read(body, township, RollRegister.ImportPurpose, null);
        if (csv.Request is null)
        {
            return Refused(csv.Problems);
        }

        var result = await roll.ImportAsync(csv.Request, caller.User, cancellationToken);
        return result.Imported is { } imported ? TypedResults.Ok(imported) : Refused(result.Problems);
    }

    private static ProblemHttpResult Refused(IReadOnlyList<SubmissionProblem> problems)
    {
        var details = HubProblems.Details(
            StatusCodes.Status400BadRequest,
            ProblemCodes.BatchRefused,
            "Roll import refused",
            $"低保名册导入未被接受：发现{problems.Count}处问题，整个文件均未保存。请改正后重新导入。");
        details.Extensions["errors"] = problems;
        return TypedResults.Problem(details);
    }
}
