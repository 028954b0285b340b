using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Audit;

public static class AuditEndpoints
{
    public const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Audit").AddEndpointFilter<AuditFilter>();

        group.MapGet("/", ListAsync)
            .RequireAuthorization(AccessPolicies.ReadAudit)
            .WithMetadata(AuditedRead.Instance)
            .WithName("ListAuditEntries")
            .WithSummary("The audit trail within the auditor's jurisdiction, newest first: by person (idNumber, looked up by its keyed hash), by user, by period (from, to), page and pageSize (at most 1,000).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/verification", VerifyAsync)
            .RequireAuthorization(AccessPolicies.ReadAudit)
            .WithMetadata(AuditedRead.Instance)
            .WithName("VerifyAuditTrail")
            .WithSummary("Checks the whole chain, as the verify-audit command does: whether it is intact, how many entries, and the first broken one.");

        return app;
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> ListAsync(
        string? idNumber,
        string? user,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int? page,
        int? pageSize,
        string? jurisdiction,
        Caller caller,
        JurisdictionGuard guard,
        RequestAudit audit,
        PersonHasher persons,
        HubDbContext db,
        CancellationToken cancellationToken)
    {
        var number = page ?? 1;
        var size = pageSize ?? 100;
        if (number < 1 || size is < 1 or > MaxPageSize)
        {
            return HubProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.InvalidRequest, "Invalid page", $"page 从 1 起，pageSize 为 1 至 {MaxPageSize}");
        }

        if (!string.IsNullOrEmpty(jurisdiction) && (jurisdiction.Length is not (4 or 6 or 9) || !jurisdiction.All(char.IsAsciiDigit)))
        {
            return HubProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.InvalidRequest, "Bad request", "jurisdiction 必须是市（4位）、县（6位）或乡镇（9位）代码");
        }

        if (guard.Scope(caller, jurisdiction, "audit trail") is not { } scope)
        {
            return HubProblems.NotFound();
        }

        var entries = db.AuditEntries.AsNoTracking().Where(e => e.Township.StartsWith(scope));
        if (!string.IsNullOrWhiteSpace(idNumber))
        {
            var person = persons.Hash(idNumber);
            audit.About(person);
            entries = entries.Where(e => e.PersonHash == person);
        }

        if (!string.IsNullOrWhiteSpace(user))
        {
            entries = entries.Where(e => e.User == user.Trim());
        }

        if (from is { } start)
        {
            var utc = start.UtcDateTime;
            entries = entries.Where(e => e.AtUtc >= utc);
        }

        if (to is { } end)
        {
            var utc = end.UtcDateTime;
            entries = entries.Where(e => e.AtUtc < utc);
        }

        var found = await entries.OrderByDescending(e => e.Sequence).Skip((number - 1) * size).Take(size + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(new AuditPage(number, size, found.Count > size, [.. found.Take(size)]));
    }

    /// <summary>The whole chain, whatever the auditor's jurisdiction: it is one chain, and only counts and hashes are shown.</summary>
    private static async Task<Ok<AuditVerification>> VerifyAsync(Caller caller, RequestAudit audit, AuditVerifier verifier, CancellationToken cancellationToken)
    {
        audit.Admitted("audit-trail:verification", caller.Jurisdiction);
        return TypedResults.Ok(await verifier.VerifyAsync(cancellationToken));
    }
}
