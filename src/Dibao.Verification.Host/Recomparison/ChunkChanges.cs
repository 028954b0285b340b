using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// The households of a chunk that changed, as rows: one batch of the chunk's township holding each as a household with its
/// round, members and answers, and the run's item for it. Nothing is stored for a chunk without a change.
/// </summary>
public sealed class ChunkChanges(RecomparisonChunk chunk, DateOnly asOf, string policyName, DateTime now)
{
    private readonly List<Household> _households = [];
    private readonly List<VerificationRound> _rounds = [];
    private readonly List<Member> _members = [];
    private readonly List<AgencyAnswerRecord> _answers = [];
    private readonly List<RecomparisonItem> _items = [];

    /// <summary>The batch the changed households are stored in.</summary>
    public Guid BatchId { get; } = Guid.CreateVersion7();

    public IReadOnlyList<Guid> Households => [.. _households.Select(h => h.Id)];

    public void Add(ChunkHousehold changed, ChunkRound round)
    {
        var household = new Household { Id = round.HouseholdId, BatchId = BatchId, Ordinal = _households.Count, Ref = changed.Household.Ref };
        household.Consented(changed.Household.ConsentRef, changed.Household.ConsentSignedOn);
        household.StartRound(round.RoundId, 1);
        _households.Add(household);
        _rounds.Add(new VerificationRound
        {
            Id = round.RoundId, HouseholdId = household.Id, BatchId = BatchId, Number = 1, Cause = RoundCauses.Submission, StartedAtUtc = now,
        });
        _members.AddRange(round.Members);
        _answers.AddRange(round.Answers.SelectMany(a => a));
        _items.Add(new RecomparisonItem
        {
            Id = Guid.CreateVersion7(), RunId = chunk.RunId, RollHouseholdId = changed.Household.Id, Township = chunk.Township, Ref = changed.Household.Ref, HouseholdId = household.Id,
        });
    }

    /// <summary>Adds the rows to the context, for the caller's save; nothing when no household changed.</summary>
    public void Store(HubDbContext db)
    {
        if (_households.Count == 0)
        {
            return;
        }

        db.Batches.Add(new Batch
        {
            Id = BatchId, Township = chunk.Township, Purpose = RecomparisonChunks.Purpose, AsOf = asOf, SubmittedAtUtc = now, PolicyName = policyName,
        });
        db.Households.AddRange(_households);
        db.Rounds.AddRange(_rounds);
        db.Members.AddRange(_members);
        db.AgencyAnswers.AddRange(_answers);
        db.RecomparisonItems.AddRange(_items);
    }
}
