namespace Dibao.Verification.Host.StaffRelatives;

/// <summary>One entry to register, and where it came from: a CSV line, or a JSON path.</summary>
public sealed record StaffRelativeRow(int? Line, string? Path, StaffRelativeRequest Request);
