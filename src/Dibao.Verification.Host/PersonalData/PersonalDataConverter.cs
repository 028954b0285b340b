using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dibao.Verification.Host.PersonalData;

/// <summary>
/// Stores a string encrypted and reads it decrypted. Each write draws a new nonce, so the same value never reads the same
/// twice in the database: a column under it can be neither compared nor indexed, and lookups go through a keyed-hash column.
/// </summary>
/// <param name="protector">Null only for <c>dotnet ef</c>, which builds the model without converting anything.</param>
public sealed class PersonalDataConverter(PersonalDataProtector? protector)
    : ValueConverter<string, string>(plain => Protect(protector, plain), stored => Unprotect(protector, stored))
{
    private static string Protect(PersonalDataProtector? protector, string plain) => Required(protector).Protect(plain);

    private static string Unprotect(PersonalDataProtector? protector, string stored) => Required(protector).Unprotect(stored);

    private static PersonalDataProtector Required(PersonalDataProtector? protector) =>
        protector ?? throw new InvalidOperationException("The hub's context was created without UsePersonalDataProtection: personal data is never stored or read unencrypted.");
}
