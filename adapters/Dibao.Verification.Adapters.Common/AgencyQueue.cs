namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// The names an agency's adapter uses on the broker. Every one starts with <c>agency-{code}</c>, then nothing or an
/// underscore: its queue, the queue's <c>_error</c>, <c>_skipped</c> and <c>_wait_…</c> delay queues (named by the
/// transport from the queue's name), and <see cref="AnswerExchange"/>. So one pattern, <see cref="PermissionPattern"/>,
/// grants an agency host's broker user everything its agency needs and nothing of another's.
/// </summary>
public static class AgencyQueue
{
    private const string Prefix = "agency-";
    private const string AnswersSuffix = "_answers";

    /// <summary>The queue the hub sends an agency's <c>QueryAgency</c> messages to.</summary>
    public static string Name(string agency) => Prefix + agency;

    /// <summary>
    /// The exchange the agency's answers go through to the hub's queue: the agency's own, which the hub binds to its queue,
    /// so the agency needs no permission on anything of the hub's.
    /// </summary>
    public static string AnswerExchange(string agency) => Name(agency) + AnswersSuffix;

    /// <summary>The agency whose <see cref="AnswerExchange"/> <paramref name="exchange"/> is, or null when it is none.</summary>
    public static string? AgencyOfAnswerExchange(string? exchange) =>
        exchange is not null && exchange.StartsWith(Prefix, StringComparison.Ordinal) && exchange.EndsWith(AnswersSuffix, StringComparison.Ordinal)
            && exchange.Length > Prefix.Length + AnswersSuffix.Length
            ? exchange[Prefix.Length..^AnswersSuffix.Length]
            : null;

    /// <summary>
    /// The RabbitMQ permission pattern (configure, write and read alike) for a broker user answering for
    /// <paramref name="agencies"/>: their names and nothing else, not even the default exchange, through which a user could
    /// publish into any queue.
    /// </summary>
    public static string PermissionPattern(IEnumerable<string> agencies)
    {
        var codes = agencies.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (codes.Count == 0 || codes.Exists(code => code.Length == 0 || !code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            throw new ArgumentException("Agency codes are lower-case letters, digits and hyphens.", nameof(agencies));
        }

        var names = codes.Count == 1 ? codes[0] : $"({string.Join('|', codes)})";
        return $"^{Prefix}{names}(_.*)?$";
    }

    /// <summary>The agency of a source the hub asks: <c>tax</c> for <c>tax</c>, <c>bank</c> for <c>bank:ICBC</c>.</summary>
    public static string AgencyOf(string source)
    {
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? source : source[..colon];
    }
}
