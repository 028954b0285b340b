using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Problems;

namespace Dibao.Verification.Host.PublicNotice;

public static class NoticeEndpoints
{
    public static IEndpointRouteBuilder MapNoticeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/notices", ListAsync)
            .WithTags("Public notice")
            .AddEndpointFilter<AuditFilter>()
            .RequireAuthorization(AccessPolicies.ReadCases)
            .WithMetadata(AuditedRead.Instance)
            .WithName("ListNotices")
            .WithSummary("The printable list of households now on public notice (公示) in a township (or the townships under a county or city code), names and identity numbers masked, each with its notice period.")
            .Produces<NoticeList>();

        app.MapPost("/api/v1/cases/{caseId:guid}/objections", ObjectAsync)
            .WithTags("Cases")
            .AddEndpointFilter<AuditFilter>()
            .RequireAuthorization(AccessPolicies.RecordForApplicants)
            .WithMetadata(BodyLimit.Default)
            .WithName("ObjectToCase")
            .WithSummary("The township records an objection raised during the public notice; the case goes back to the county with the objection in its history. 409 when the case is not on notice or its notice's last day is over.")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <param name="township">A township (9 digits), or a county (6) or city (4) for its townships; the caller's own by default.</param>
    private static async Task<IResult> ListAsync(string? township, Caller caller, JurisdictionGuard guard, PublicNotices notices, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(township) && (township.Length is not (4 or 6 or 9) || !township.All(char.IsAsciiDigit)))
        {
            return HubProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.InvalidRequest, "Bad request", "township 必须是乡镇（9位）代码，或县（6位）、市（4位）代码");
        }

        return guard.Scope(caller, township, "notice list") is { } scope
            ? TypedResults.Ok(await notices.ListAsync(scope, cancellationToken))
            : HubProblems.NotFound();
    }

    private static async Task<IResult> ObjectAsync(
        Guid caseId, ObjectionRequest request, Caller caller, JurisdictionGuard guard, PublicNotices notices, CaseQueries queries, CancellationToken cancellationToken) =>
        await guard.CaseAsync(caller, caseId, cancellationToken)
            ? await CaseEndpoints.Answer(caseId, await notices.ObjectAsync(caseId, request, caller, cancellationToken), caller, queries, cancellationToken)
            : HubProblems.NotFound();
}
