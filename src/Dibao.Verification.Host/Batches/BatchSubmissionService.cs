using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Policy;
using Dibao.Verification.Host.Verification;

namespace Dibao.Verification.Host.Batches;

/// <summary>
/// Accepts a batch: checks it, stores each household's first round with one awaited answer per member and agency, and queues
/// the agency questions, all in one transaction. A refused batch leaves no trace.
/// </summary>
public sealed partial class BatchSubmissionService(
    HubDbContext db,
    BatchValidator validator,
    PolicyProvider policy,
    AgencyQueryPlanner planner,
    HubMessages messages,
    TimeProvider clock,
    ILogger<BatchSubmissionService> logger)
{
    public async Task<BatchSubmissionResult> SubmitAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        var validation = validator.Validate(request, policy.Resolve);
        if (validation.Accepted is not { } accepted || validation.Parameters is not { } parameters)
        {
            return new BatchSubmissionResult(null, validation.Problems);
        }

        var batch = new Batch
        {
            Id = Guid.CreateVersion7(),
            Township = accepted.Township!,
            Purpose = accepted.Purpose!,
            AsOf = accepted.AsOf!.Value,
            SubmittedAtUtc = clock.GetUtcNow().UtcDateTime,
            PolicyName = policy.Document.Name,
        };

        var households = new List<Household>();
        var rounds = new List<VerificationRound>();
        var members = new List<Member>();
        var now = batch.SubmittedAtUtc;
        foreach (var (householdRequest, ordinal) in accepted.Households!.Select((h, i) => (h, i)))
        {
            var household = new Household
            {
                Id = Guid.CreateVersion7(),
                BatchId = batch.Id,
                Ordinal = ordinal,
                Ref = householdRequest.Ref!,
                ConsentRef = householdRequest.ConsentRef!,
            };
            var round = new VerificationRound
            {
                Id = Guid.CreateVersion7(),
                HouseholdId = household.Id,
                BatchId = batch.Id,
                Number = 1,
                Cause = RoundCauses.Submission,
                StartedAtUtc = now,
            };
            household.StartRound(round.Id, round.Number);
            households.Add(household);
            rounds.Add(round);
            members.AddRange(householdRequest.Members!.Select((m, i) => Member.From(m, household.Id, round.Id, i)));
        }

        db.Batches.Add(batch);
        var awaited = planner.Plan(batch, members, parameters);

        // The batch, its queries and their messages through the change tracker; the many rows in bulk, parents first.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await db.InsertAsync(households, cancellationToken);
            await db.InsertAsync(rounds, cancellationToken);
            await db.InsertAsync(members, cancellationToken);
            await db.InsertAsync(awaited, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        messages.Flush();

        LogAccepted(logger, batch.Id, batch.Township, households.Count, members.Count);
        return new BatchSubmissionResult(batch.Id, []);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} from township {Township} accepted: {Households} households, {Members} members")]
    private static partial void LogAccepted(ILogger logger, Guid batchId, string township, int households, int members);
}
