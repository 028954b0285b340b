using System.Globalization;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// Reads agency values strictly: anything unexpected is an <see cref="AgencyRejectedException"/>, never a guess.
/// Offending values are left out of messages unless they are codes, since they may be personal data.
/// </summary>
public static class WireFormat
{
    public static DateOnly Date(string? value, string format, string agency, string field) =>
        DateOnly.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new AgencyRejectedException($"{agency} sent {field} that is not a {format} date.");

    /// <summary>Months become day 1 of the month, as the contracts want them.</summary>
    public static DateOnly Month(string? value, string format, string agency, string field) => Date(value, format, agency, field);

    public static decimal Amount(string? value, string agency, string field) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new AgencyRejectedException($"{agency} sent {field} that is not a decimal amount.");

    public static AgencyRejectedException UnknownCode(string agency, string field, string? value) =>
        new($"{agency} sent an unknown {field} '{Truncate(value)}'.");

    private static string Truncate(string? value) => value is { Length: > 40 } ? value[..40] + "…" : value ?? "(null)";
}
