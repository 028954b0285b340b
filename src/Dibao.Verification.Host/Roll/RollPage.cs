namespace Dibao.Verification.Host.Roll;

/// <summary>One page of the roll, by township and household; <see cref="HasMore"/> when further households follow.</summary>
public sealed record RollPage(int Page, int PageSize, bool HasMore, IReadOnlyList<RollHouseholdView> Items);
