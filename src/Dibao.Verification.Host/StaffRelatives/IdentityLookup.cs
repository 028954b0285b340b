using Dibao.Verification.Domain.Identity;

namespace Dibao.Verification.Host.StaffRelatives;

/// <summary>
/// The value an identity number is stored and found under in the staff-relatives register. Every lookup goes through here,
/// so storing a keyed hash instead of the number (with a key from configuration) changes this type and a migration only.
/// </summary>
public sealed class IdentityLookup
{
    /// <summary>Long enough for the hex of a 256-bit keyed hash.</summary>
    public const int MaxKeyLength = 64;

    public string KeyOf(string idNumber) => IdentityNumber.Normalize(idNumber);
}
