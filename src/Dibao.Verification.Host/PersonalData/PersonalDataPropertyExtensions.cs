using System.Globalization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dibao.Verification.Host.PersonalData;

public static class PersonalDataPropertyExtensions
{
    /// <summary>The longest invariant text of a decimal: 29 digits, a point and a sign.</summary>
    public const int MaxAmountChars = 31;

    /// <summary>
    /// An amount as its invariant text, read back with the scale it was written with. Text stored before the amounts were
    /// encrypted (<c>1234.50</c>, as the migration converted a decimal column) reads the same way until the start-up pass
    /// has encrypted it.
    /// </summary>
    private static readonly ValueConverter<decimal, string> AmountAsText = new(
        amount => amount.ToString(CultureInfo.InvariantCulture),
        text => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));

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

    /// <summary>
    /// Encrypts an amount at rest as its invariant text: a text column, which SQL can neither sum nor compare. Null stays
    /// null, unencrypted: that nothing was declared is not itself an amount.
    /// </summary>
    public static PropertyBuilder<decimal?> IsPersonalData(this PropertyBuilder<decimal?> property, PersonalDataProtector? protector)
    {
        property.HasConversion(AmountAsText.ComposeWith(new PersonalDataConverter(protector)));
        property.HasMaxLength(PersonalDataProtector.MaxStoredLength(MaxAmountChars));
        return property;
    }
}
