namespace Dibao.Verification.Host.PublicNotice;

/// <summary>The printable list of households on public notice (公示名单) in a jurisdiction, as of an office date.</summary>
public sealed record NoticeList(string Jurisdiction, DateOnly AsOf, IReadOnlyList<NoticeItem> Items);
