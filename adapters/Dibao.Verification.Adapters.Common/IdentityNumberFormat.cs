namespace Dibao.Verification.Adapters.Common;

/// <summary>The shape agencies accept (17 digits and a check character 0-9 or X) and log masking.</summary>
public static class IdentityNumberFormat
{
    public static bool IsWellFormed(string? value)
    {
        if (value is not { Length: 18 })
        {
            return false;
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return char.IsAsciiDigit(value[17]) || value[17] == 'X';
    }

    /// <summary>Keeps the area code and the last two characters: enough to tell records apart in a log, not to identify anyone.</summary>
    public static string Mask(string? value) =>
        value is { Length: >= 10 } ? string.Concat(value.AsSpan(0, 6), new string('*', value.Length - 8), value.AsSpan(value.Length - 2)) : "***";
}
