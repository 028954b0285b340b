using System.Globalization;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// Reads agency values strictly: anything unexpected is an <see cref="AgencyRejectedException"/>, never a guess.
/// Offending values are left out of messages unless they look like codes, since they may be personal data.
/// </summary>
public static class WireFormat
{
    public static DateOnly Date(string? value, string format, string agency, string field) =>
        DateOnly.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Unreadable($"{agency} sent {field} that is not a {format} date.");

    /// <summary>Months become day 1 of the month, as the contracts want them.</summary>
    public static DateOnly Month(string? value, string format, string agency, string field) => Date(value, format, agency, field);

    /// <summary>An amount written as a string, which cannot be below zero (<see cref="NonNegative"/>).</summary>
    public static decimal Amount(string? value, string agency, string field) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? NonNegative(amount, agency, field)
            : throw Unreadable($"{agency} sent {field} that is not a decimal amount.");

    /// <summary>
    /// Balances, bases, pensions, benefits and capital are never below zero: a negative one would lower what the policy
    /// adds up (one member's "overdraft" hiding another's deposits), so it is not taken.
    /// </summary>
    public static decimal NonNegative(decimal value, string agency, string field) =>
        value >= 0 ? value : throw Unreadable($"{agency} sent a negative {field}.");

    /// <summary>
    /// A field that only describes a record (a payer's or an employer's name, a plate) and that no decision rests on: an
    /// agency may have none to give, so missing, null and blank all become null, "not stated", and the record still counts.
    /// </summary>
    public static string? Descriptive(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    public static AgencyRejectedException UnknownCode(string agency, string field, string? value) =>
        Unreadable($"{agency} sent an unknown {field} '{QueryRefusalCodes.FromAgency(value, "(not shown)")}'.");

    /// <summary>An answer the adapter cannot make sense of: reported to the hub as <see cref="QueryRefusalCodes.UnreadableAnswer"/>.</summary>
    public static AgencyRejectedException Unreadable(string message) => new(QueryRefusalCodes.UnreadableAnswer, message);
}
