using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Verification;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// A chunk household as a round in memory: members and answers shaped as a stored round's, so the policy sees what it
/// would see settling one, and stored as they are should the household have changed.
/// </summary>
/// <param name="Answers">By member id.</param>
public sealed record ChunkRound(Guid HouseholdId, Guid RoundId, IReadOnlyList<Member> Members, ILookup<Guid, AgencyAnswerRecord> Answers);
