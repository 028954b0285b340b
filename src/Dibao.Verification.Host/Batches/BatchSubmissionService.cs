using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Policy;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Batches;

/// <summary>
/// Accepts a batch: checks it, stores each household's first round with one awaited answer per member and agency, and queues
/// the agency questions, all in one transaction. A refused batch leaves no trace. A submission under a key the township
/// used before is not stored again: the same households get the earlier batch back, others are refused.
/// </summary>
public sealed partial class BatchSubmissionService(
    HubDbContext db,
    BatchValidator validator,
    PolicyProvider policy,
    AgencyQueryPlanner planner,
    HubMessages messages,
    PersonalDataProtector personalData,
    PersonHasher persons,
    TimeProvider clock,
    ILogger<BatchSubmissionService> logger)
{
    /// <summary>Households planned and written together; the questions are cut to <c>Verification:PersonsPerQuery</c> within it.</summary>
    private const int HouseholdsPerWrite = 2000;

    /// <param name="submittedBy">The signed-in caseworker, recorded with every agency query the batch causes.</param>
    /// <param name="submissionKey">The client's key for this submission (<see cref="SubmissionKeys"/>), if it gave one.</param>
    public async Task<BatchSubmissionResult> SubmitAsync(BatchRequest request, string submittedBy, string? submissionKey, CancellationToken cancellationToken)
    {
        var hash = submissionKey is null ? null : SubmissionKeys.HashOf(request, persons);
        if (await EarlierAsync(request.Township, submissionKey, hash, cancellationToken) is { } earlier)
        {
            return earlier;
        }

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
            SubmissionKey = submissionKey,
            SubmissionHash = hash,
        };

        var cause = new QueryCause(submittedBy, batch.Purpose);
        (int Members, int Answers) stored;
        try
        {
            stored = await StoreAsync(batch, accepted, parameters, cause, cancellationToken);
        }
        catch (DbUpdateException) when (submissionKey is not null)
        {
            // The same submission, sent again before this one was stored, was stored first: its batch is this one's.
            db.ChangeTracker.Clear();
            if (await EarlierAsync(batch.Township, submissionKey, hash, cancellationToken) is { } twin)
            {
                return twin;
            }

            throw;
        }

        messages.Flush();

        LogAccepted(logger, batch.Id, batch.Township, accepted.Households!.Count, stored.Members);
        await PostgresStatistics.AfterGrowthAsync(db, logger, typeof(AgencyAnswerRecord), stored.Answers, [typeof(Member), typeof(Household)], cancellationToken);
        return new BatchSubmissionResult(batch.Id, []);
    }

    /// <summary>The batch stored before under the key, if any: the same one again, or another reusing the key.</summary>
    private async Task<BatchSubmissionResult?> EarlierAsync(string? township, string? submissionKey, string? hash, CancellationToken cancellationToken)
    {
        if (submissionKey is null || string.IsNullOrEmpty(township))
        {
            return null;
        }

        var earlier = await db.Batches.AsNoTracking()
            .Where(b => b.Township == township && b.SubmissionKey == submissionKey)
            .Select(b => new { b.Id, b.SubmissionHash })
            .SingleOrDefaultAsync(cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        LogKeyRepeated(logger, submissionKey, earlier.Id, earlier.SubmissionHash == hash);
        return earlier.SubmissionHash == hash ? new BatchSubmissionResult(earlier.Id, [], Replayed: true) : new BatchSubmissionResult(null, [], KeyReused: true);
    }

    /// <summary>
    /// One transaction, written a slice of households at a time: a batch of 100,000 households asks some 2.7 million
    /// questions of the agencies, which must neither sit in memory at once nor be half stored. Retried whole, every row
    /// made afresh.
    /// </summary>
    private async Task<(int Members, int Answers)> StoreAsync(
        Batch batch, BatchRequest accepted, PolicyParameters parameters, QueryCause cause, CancellationToken cancellationToken) =>
        await db.InTransactionAsync(
            async token =>
            {
                db.Batches.Add(batch);
                await db.SaveChangesAsync(token);
                var stored = (Members: 0, Answers: 0);
                foreach (var slice in accepted.Households!.Select((h, i) => (Request: h, Ordinal: i)).Chunk(HouseholdsPerWrite))
                {
                    var (members, answers) = await StoreSliceAsync(batch, slice, parameters, cause, token);
                    stored = (stored.Members + members, stored.Answers + answers);
                }

                return stored;
            },
            cancellationToken);

    /// <summary>
    /// Stores a slice of households with their first round and members, and plans their questions: the queries and
    /// their messages through the change tracker, the many rows in bulk, parents first.
    /// </summary>
    /// <returns>The members and awaited answers stored.</returns>
    private async Task<(int Members, int Answers)> StoreSliceAsync(
        Batch batch, IReadOnlyList<(HouseholdRequest Request, int Ordinal)> slice, PolicyParameters parameters, QueryCause cause, CancellationToken cancellationToken)
    {
        var households = new List<Household>(slice.Count);
        var rounds = new List<VerificationRound>(slice.Count);
        var members = new List<Member>();
        foreach (var (request, ordinal) in slice)
        {
            var household = new Household
            {
                Id = Guid.CreateVersion7(),
                BatchId = batch.Id,
                Ordinal = ordinal,
                Ref = request.Ref!,
            };
            household.Consented(request.ConsentRef!, request.ConsentSignedOn!.Value);
            var round = new VerificationRound
            {
                Id = Guid.CreateVersion7(),
                HouseholdId = household.Id,
                BatchId = batch.Id,
                Number = 1,
                Cause = RoundCauses.Submission,
                StartedAtUtc = batch.SubmittedAtUtc,
            };
            household.StartRound(round.Id, round.Number);
            households.Add(household);
            rounds.Add(round);
            members.AddRange(request.Members!.Select((m, i) => Member.From(m, household.Id, round.Id, i, personalData)));
        }

        var awaited = planner.Plan(batch, members, parameters, cause);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await db.InsertAsync(households, cancellationToken);
        await db.InsertAsync(rounds, cancellationToken);
        await db.InsertAsync(members, cancellationToken);
        await db.InsertAsync(awaited, cancellationToken);
        return (members.Count, awaited.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission key {SubmissionKey} used again (batch {BatchId}); the same households: {Same}")]
    private static partial void LogKeyRepeated(ILogger logger, string submissionKey, Guid batchId, bool same);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} from township {Township} accepted: {Households} households, {Members} members")]
    private static partial void LogAccepted(ILogger logger, Guid batchId, string township, int households, int members);
}
