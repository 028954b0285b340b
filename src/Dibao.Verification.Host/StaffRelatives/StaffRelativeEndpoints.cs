using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dibao.Verification.Host.StaffRelatives;

public static class StaffRelativeEndpoints
{
    /// <summary>A register of a few tens of thousands of lines; far more than any office keeps.</summary>
    private static readonly BodyLimit ImportLimit = new(4 * 1024 * 1024);

    public static IEndpointRouteBuilder MapStaffRelativeEndpoints(this IEndpointRouteBuilder app)
    {
        // The filter writes the jurisdiction checks' refusals to the audit trail, as on every other group.
        var group = app.MapGroup("/api/v1/staff-relatives").WithTags("Staff relatives").RequireAuthorization(AccessPolicies.KeepStaffRelatives)
            .AddEndpointFilter<AuditFilter>();

        group.MapGet("/", ListAsync)
            .WithName("ListStaffRelatives")
            .WithSummary("The register of staff members' close relatives (近亲属备案) within the caller's jurisdiction, by staffUser or idNumber; numbers masked.");

        group.MapPost("/", AddAsync)
            .WithName("AddStaffRelative")
            .WithSummary("Registers one close relative of a staff member: 201 with the entry, 200 when already registered, 400 naming every bad field.")
            .Produces<StaffRelativeView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        // No Accepts metadata: routing would answer other media types 415 before the role is checked; the handler refuses them.
        group.MapPost("/imports", ImportAsync)
            .WithMetadata(ImportLimit)
            .WithName("ImportStaffRelatives")
            .WithSummary("Registers the relatives of a CSV file (staff_user,id_number,relation[,jurisdiction]; jurisdiction as query parameter for rows without one), all or, naming every bad line and field, none.")
            .Produces<StaffRelativeImported>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapDelete("/{entryId:guid}", RemoveAsync)
            .WithName("RemoveStaffRelative")
            .WithSummary("Takes an entry off the register; it is kept, marked removed with who and when.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> ListAsync(
        string? jurisdiction, string? staffUser, string? idNumber, Caller caller, JurisdictionGuard guard, StaffRelativeRegister register, CancellationToken cancellationToken) =>
        guard.Scope(caller, jurisdiction, "staff relatives list") is { } scope
            ? TypedResults.Ok(await register.ListAsync(scope, staffUser, idNumber, cancellationToken))
            : HubProblems.NotFound();

    private static async Task<IResult> AddAsync(
        StaffRelativeRequest request, Caller caller, JurisdictionGuard guard, StaffRelativeRegister register, CancellationToken cancellationToken)
    {
        var jurisdiction = string.IsNullOrWhiteSpace(request.Jurisdiction) ? caller.Jurisdiction : request.Jurisdiction.Trim();
        if (IsCode(jurisdiction) && !guard.Keeps(caller, jurisdiction, "staff relative"))
        {
            return OutsideJurisdiction(caller);
        }

        var (accepted, problems) = register.Validate([new StaffRelativeRow(null, null, request)], caller, jurisdiction);
        if (problems.Count > 0)
        {
            return Refused(problems);
        }

        var (entries, counts) = await register.AddAsync(accepted, caller.User, cancellationToken);
        var view = StaffRelativeView.Of(entries.Single());
        return counts.Added == 1 ? TypedResults.Created((string?)null, view) : TypedResults.Ok(view);
    }

    private static async Task<IResult> ImportAsync(
        HttpRequest http, string? jurisdiction, Caller caller, JurisdictionGuard guard, StaffRelativeRegister register, CancellationToken cancellationToken)
    {
        var scope = string.IsNullOrWhiteSpace(jurisdiction) ? caller.Jurisdiction : jurisdiction.Trim();
        if (IsCode(scope) && !guard.Keeps(caller, scope, "staff relatives import"))
        {
            return OutsideJurisdiction(caller);
        }

        if (!string.Equals(http.ContentType?.Split(';')[0].Trim(), "text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return HubProblems.Result(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Unsupported media type", "请以 text/csv 导入近亲属备案。");
        }

        var body = await RequestBody.ReadAsync(http, ImportLimit.Bytes!.Value, cancellationToken);
        if (body is null)
        {
            return HubProblems.Result(StatusCodes.Status413PayloadTooLarge, ProblemCodes.BodyTooLarge, "Request body too large", $"请求体超过上限 {ImportLimit.Bytes} 字节，请拆分后导入。");
        }

        var (rows, headerProblems) = StaffRelativeCsvReader.Read(body);
        if (headerProblems.Count > 0)
        {
            return Refused(headerProblems);
        }

        var (accepted, problems) = register.Validate(rows, caller, scope);
        if (problems.Count > 0)
        {
            return Refused(problems);
        }

        var (_, counts) = await register.AddAsync(accepted, caller.User, cancellationToken);
        return TypedResults.Ok(counts);
    }

    private static async Task<IResult> RemoveAsync(
        Guid entryId, Caller caller, JurisdictionGuard guard, StaffRelativeRegister register, CancellationToken cancellationToken) =>
        await guard.StaffRelativeAsync(caller, entryId, cancellationToken) && await register.RemoveAsync(entryId, caller.User, cancellationToken)
            ? TypedResults.NoContent()
            : HubProblems.NotFound();

    private static bool IsCode(string code) => code.Length is 4 or 6 or 9 && code.All(char.IsAsciiDigit);

    private static ProblemHttpResult OutsideJurisdiction(Caller caller) =>
        HubProblems.Result(StatusCodes.Status403Forbidden, ProblemCodes.OutsideJurisdiction, "Outside jurisdiction", $"只能登记本辖区（{caller.Jurisdiction}）的工作人员近亲属");

    private static ProblemHttpResult Refused(IReadOnlyList<SubmissionProblem> problems)
    {
        var details = HubProblems.Details(
            StatusCodes.Status400BadRequest,
            ProblemCodes.InvalidRequest,
            "Register entries refused",
            $"近亲属备案未被接受：发现{problems.Count}处问题，均未登记。请改正后重新提交。");
        details.Extensions["errors"] = problems;
        return TypedResults.Problem(details);
    }
}
