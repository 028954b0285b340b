using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dibao.Verification.Host.PersonalData;

public static class PersonalDataPropertyExtensions
{
    /// <summary>
    /// Encrypts the column at rest (<see cref="PersonalDataConverter"/>), sized for the encrypted form of at most
    /// <paramref name="maxChars"/> characters when given. Never compare or index such a column: look it up by a keyed hash
    /// beside it (<see cref="PersonalDataProtector.HashIdNumber"/>).
    /// </summary>
    public static PropertyBuilder<TProperty> IsPersonalData<TProperty>(this PropertyBuilder<TProperty> property, PersonalDataProtector? protector, int? maxChars = null)
    {
        property.HasConversion(new PersonalDataConverter(protector));
        if (maxChars is { } chars)
        {
            property.HasMaxLength(PersonalDataProtector.MaxStoredLength(chars));
        }

        return property;
    }
}
