using System.Globalization;

namespace Dibao.Verification.Domain.Identity;

/// <summary>
/// The 18-character resident identity number of GB 11643-1999: a 6-digit area code, an 8-digit
/// birth date, a 3-digit sequence and an ISO 7064 MOD 11-2 check character.
/// </summary>
public static class IdentityNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Upper-cases a trailing <c>x</c> and trims; does not validate.</summary>
    public static string Normalize(string value) => value.Trim().ToUpperInvariant();

    /// <summary>Checks a normalized number; returns null when valid, else a problem in Chinese.</summary>
    public static string? Problem(string value, DateOnly today)
    {
        if (value.Length != 18)
        {
            return $"长度应为18位，实际为{value.Length}位";
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return "前17位必须为数字";
            }
        }

        if (!char.IsAsciiDigit(value[17]) && value[17] != 'X')
        {
            return "校验位必须为数字或X";
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900 || birth > today)
        {
            return "出生日期无效";
        }

        return value[17] == CheckCharacter(value.AsSpan(0, 17)) ? null : "校验位不正确";
    }

    public static bool IsValid(string value, DateOnly today) => Problem(value, today) is null;

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Exactly 17 digits are needed.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>Builds a valid number from its parts (used by the sandbox and tests).</summary>
    public static string Compose(string areaCode, DateOnly birthDate, int sequence)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{areaCode}{birthDate:yyyyMMdd}{sequence:000}");
        return first17 + CheckCharacter(first17);
    }

    /// <summary>
    /// Keeps the first six and the last four characters (the area code, and the end of the sequence with the check
    /// character), as offices mask a number they show: the birth date, which with the area code narrows a person down,
    /// is hidden.
    /// </summary>
    public static string Mask(string? value) =>
        value is { Length: >= 14 } ? string.Concat(value.AsSpan(0, 6), new string('*', value.Length - 10), value.AsSpan(value.Length - 4)) : "***";
}
