namespace Dibao.Verification.Host.StaffRelatives;

/// <param name="Jurisdiction">Where the staff member works; the caller's own when left out.</param>
public sealed record StaffRelativeRequest(string? StaffUser, string? IdNumber, string? Relation, string? Jurisdiction);
