namespace Dibao.Verification.Host.StaffRelatives;

/// <param name="IdNumber">Masked: the register is for finding applications, not for reading people's numbers.</param>
public sealed record StaffRelativeView(
    Guid Id, string StaffUser, string IdNumber, string Relation, string Jurisdiction, string RegisteredBy, DateTime RegisteredAt)
{
    public static StaffRelativeView Of(StaffRelative entry) =>
        new(entry.Id, entry.StaffUser, entry.IdNumberMasked, entry.Relation, entry.Jurisdiction, entry.RegisteredBy, entry.RegisteredAtUtc);
}
