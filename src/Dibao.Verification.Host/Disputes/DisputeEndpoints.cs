using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Problems;

namespace Dibao.Verification.Host.Disputes;

public static class DisputeEndpoints
{
    public static IEndpointRouteBuilder MapDisputeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/cases/{caseId:guid}/disputes", RecordAsync)
            .WithTags("Cases")
            .AddEndpointFilter<AuditFilter>()
            .RequireAuthorization(AccessPolicies.RecordForApplicants)
            .WithMetadata(BodyLimit.Default)
            .WithName("DisputeCase")
            .WithSummary("The township records an applicant's dispute of one agency's finding (复查), about one member or the whole household: the agency is asked again and the household evaluated again, answered within Confirmation:DisputeWorkingDays working days.")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> RecordAsync(
        Guid caseId, DisputeRequest request, Caller caller, JurisdictionGuard guard, DisputeCommands commands, CaseQueries queries, CancellationToken cancellationToken) =>
        await guard.CaseAsync(caller, caseId, cancellationToken)
            ? await CaseEndpoints.Answer(caseId, await commands.RecordAsync(caseId, request, caller, cancellationToken), caller, queries, cancellationToken)
            : HubProblems.NotFound();
}
