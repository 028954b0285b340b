using Dibao.Verification.Host.PersonalData;

namespace Dibao.Verification.Host.Batches;

/// <summary>A member as one round of verification knew them; a later round copies or corrects, never edits.</summary>
public sealed class Member
{
    public const int MaxNameLength = 64;

    public Guid Id { get; init; }
    public Guid HouseholdId { get; init; }
    public Guid RoundId { get; init; }
    public int Ordinal { get; init; }
    public required string IdNumber { get; init; }

    /// <summary>The keyed hash of <see cref="IdNumber"/>, which is stored encrypted: what every lookup by number compares.</summary>
    public required string IdHash { get; init; }

    public required string Name { get; init; }
    public required string Relation { get; init; }

    /// <summary>What the household declared for the member, set against what the agencies find; null when not declared.</summary>
    public decimal? DeclaredMonthlyIncome { get; init; }

    public decimal? DeclaredFinancialAssets { get; init; }

    /// <summary>A member as accepted at submission or in a correction; the request has passed the submission checks.</summary>
    /// <param name="before">The same person in the household's previous round, whose declarations stay unless declared anew.</param>
    public static Member From(MemberRequest request, Guid householdId, Guid roundId, int ordinal, PersonalDataProtector personalData, Member? before = null) => new()
    {
        Id = Guid.CreateVersion7(),
        HouseholdId = householdId,
        RoundId = roundId,
        Ordinal = ordinal,
        IdNumber = request.IdNumber!,
        IdHash = personalData.HashIdNumber(request.IdNumber!),
        Name = request.Name!,
        Relation = request.Relation!,
        DeclaredMonthlyIncome = request.DeclaredMonthlyIncome ?? before?.DeclaredMonthlyIncome,
        DeclaredFinancialAssets = request.DeclaredFinancialAssets ?? before?.DeclaredFinancialAssets,
    };

    /// <summary>The same person carried into a later round, with what a correction declared anew for them, if anything.</summary>
    public Member CopyInto(Guid roundId, int ordinal, MemberRequest? redeclared = null) => new()
    {
        Id = Guid.CreateVersion7(),
        HouseholdId = HouseholdId,
        RoundId = roundId,
        Ordinal = ordinal,
        IdNumber = IdNumber,
        IdHash = IdHash,
        Name = Name,
        Relation = Relation,
        DeclaredMonthlyIncome = redeclared?.DeclaredMonthlyIncome ?? DeclaredMonthlyIncome,
        DeclaredFinancialAssets = redeclared?.DeclaredFinancialAssets ?? DeclaredFinancialAssets,
    };

    /// <summary>Whether a correction declares something other than what is held for this person.</summary>
    public bool RedeclaredBy(MemberRequest request) =>
        (request.DeclaredMonthlyIncome is { } income && income != DeclaredMonthlyIncome)
        || (request.DeclaredFinancialAssets is { } assets && assets != DeclaredFinancialAssets);
}
