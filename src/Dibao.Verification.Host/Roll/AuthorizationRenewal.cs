using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Problems;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Roll;

/// <summary>
/// A recipient household signs its authorization anew (授权书续签) before or after the old one runs out: the nightly run
/// asks on the new one from then on. A new entry, with the same members, evidence (or baseline) and <c>since</c>, takes
/// the old one's place (<see cref="RollHousehold.SupersededById"/>), which is kept: a run that took the old entry
/// compares it as it was taken, and the authorization it replaced stays readable.
/// </summary>
public sealed partial class AuthorizationRenewal(HubDbContext db, BatchValidator validator, AuditTrail audit, TimeProvider clock, ILogger<AuthorizationRenewal> logger)
{
    public const string AuditOutcome = "renewed";

    public async Task<(CaseCommandResult Result, Guid RollId)> RenewAsync(RollHousehold entry, AuthorizationRenewalRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var consentRef = request.ConsentRef?.Trim() ?? "";
        var signedOn = request.ConsentSignedOn ?? validator.Today;
        if (validator.RenewalProblem(consentRef, signedOn, entry.ConsentRef, entry.ConsentSignedOn) is { } problem)
        {
            return (CaseCommandResult.Invalid(problem), Guid.Empty);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var members = await db.RollMembers.AsNoTracking().Where(m => m.RollHouseholdId == entry.Id).OrderBy(m => m.Ordinal).ToListAsync(cancellationToken);
        var renewed = new RollHousehold
        {
            Id = Guid.CreateVersion7(),
            Township = entry.Township,
            Ref = entry.Ref,
            Since = entry.Since,
            ConsentRef = consentRef,
            ConsentSignedOn = signedOn,
            Source = entry.Source,
            CaseId = entry.CaseId,
            EvaluationId = entry.EvaluationId,
            BaselinePerCapitaMonthlyIncome = entry.BaselinePerCapitaMonthlyIncome,
            BaselineRunId = entry.BaselineRunId,
            JoinedAtUtc = now,
            JoinedBy = caller.User,
        };
        var done = await db.InTransactionAsync(
            async token =>
            {
                // Conditional, so a renewal racing an exit, a confirmation or another renewal takes the place of nothing.
                var superseded = await db.RollHouseholds
                    .Where(r => r.Id == entry.Id && r.LeftAtUtc == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.LeftAtUtc, now).SetProperty(r => r.SupersededById, renewed.Id), token);
                if (superseded == 0)
                {
                    return false;
                }

                await db.InsertAsync([renewed], token);
                await db.InsertAsync(
                    [.. members.Select(m => new RollMember
                    {
                        Id = Guid.CreateVersion7(),
                        RollHouseholdId = renewed.Id,
                        Ordinal = m.Ordinal,
                        IdNumber = m.IdNumber,
                        IdHash = m.IdHash,
                        Name = m.Name,
                        Relation = m.Relation,
                    })],
                    token);
                await audit.AppendAsync([new AuditEntry
                {
                    AtUtc = now,
                    Kind = AuditKinds.AuthorizationRenewal,
                    User = caller.User,
                    Role = caller.Role,
                    Jurisdiction = caller.Jurisdiction,
                    Township = entry.Township,
                    Subject = "roll:" + entry.Id,
                    Outcome = AuditOutcome,
                    Detail = $"authorization {entry.ConsentRef} signed {entry.ConsentSignedOn:yyyy-MM-dd} replaced by {consentRef} signed {signedOn:yyyy-MM-dd}; entry {renewed.Id}",
                }], token);
                return true;
            },
            cancellationToken);
        if (!done)
        {
            return (CaseCommandResult.Conflict(ProblemCodes.RollEntryChanged, "该户的低保名册记录已变化（已退出名册、已被新的确认取代或授权书已续签），请刷新后重试"), Guid.Empty);
        }

        LogRenewed(logger, entry.Township, entry.Ref, signedOn, caller.User);
        return (CaseCommandResult.Done, renewed.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Household {HouseholdRef} of {Township} on the roll: authorization renewed, signed {SignedOn}, by {By}")]
    private static partial void LogRenewed(ILogger logger, string township, string householdRef, DateOnly signedOn, string by);
}
