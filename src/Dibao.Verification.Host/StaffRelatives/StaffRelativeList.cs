namespace Dibao.Verification.Host.StaffRelatives;

public sealed record StaffRelativeList(IReadOnlyList<StaffRelativeView> Items);
