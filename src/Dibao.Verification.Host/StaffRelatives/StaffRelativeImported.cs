namespace Dibao.Verification.Host.StaffRelatives;

/// <param name="Added">Entries the import put on the register.</param>
/// <param name="AlreadyRegistered">Rows already on it, left as they were: importing the same file twice adds nothing.</param>
public sealed record StaffRelativeImported(int Added, int AlreadyRegistered);
