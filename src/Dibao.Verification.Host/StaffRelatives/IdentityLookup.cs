using Dibao.Verification.Host.PersonalData;

namespace Dibao.Verification.Host.StaffRelatives;

/// <summary>
/// The value an identity number is stored and found under in the staff-relatives register: its keyed hash, the same as
/// members' and the audit trail's, so the register holds no number anyone without the key could read or try numbers against.
/// </summary>
public sealed class IdentityLookup(PersonalDataProtector personalData)
{
    /// <summary>The hex of a 256-bit keyed hash.</summary>
    public const int MaxKeyLength = 64;

    public string KeyOf(string idNumber) => personalData.HashIdNumber(idNumber);
}
