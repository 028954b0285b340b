namespace Dibao.Verification.Host.PublicNotice;

/// <param name="From">The notice's first day (office date), with <paramref name="To"/> its last, both included.</param>
public sealed record NoticeItem(Guid CaseId, string HouseholdRef, string Township, IReadOnlyList<NoticeMember> Members, DateOnly From, DateOnly To);
