using System.Net;
using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// The codes an adapter reports a whole question refused under (<c>AgencyQueryRefused.Code</c>): the agency's own
/// error code when it gave one, otherwise <c>HTTP_&lt;status&gt;</c>, <see cref="UnreadableAnswer"/> or
/// <see cref="UnaskableQuestion"/>. Per-person refusals are findings with their own codes, and with
/// <see cref="UnreadableAnswer"/> when only that person's part of an answer could not be read.
/// </summary>
public static class QueryRefusalCodes
{
    /// <summary>
    /// The agency answered, but not in a shape or vocabulary its interface documents: the whole answer, or one person's part
    /// of it (<see cref="PersonFindings.Read"/>).
    /// </summary>
    public const string UnreadableAnswer = RefusalCodes.UnreadableAnswer;

    /// <summary>The adapter could not put the question to the agency at all (a bank it is not configured for, an empty income window).</summary>
    public const string UnaskableQuestion = "UNASKABLE_QUESTION";

    private const int MaxLength = 64;

    /// <summary>Longer digit runs than this may be identity, phone or account numbers, which must not reach the hub as a code.</summary>
    private const int MaxDigitRun = 8;

    public static string Http(HttpStatusCode status) => $"HTTP_{(int)status}";

    /// <summary>
    /// The agency's own code (<c>INVALID_REQUEST</c>, <c>E3001</c>) when it is safe to pass on, else <paramref name="fallback"/>.
    /// An agency's code is its text, not ours: anything but a short run of letters, digits, <c>_</c>, <c>-</c> and
    /// <c>.</c> is dropped rather than trimmed, since a trimmed value could still carry part of a person's data.
    /// </summary>
    public static string FromAgency(string? code, string fallback) => IsSafe(code) ? code : fallback;

    private static bool IsSafe([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? code)
    {
        if (code is not { Length: > 0 and <= MaxLength })
        {
            return false;
        }

        var digits = 0;
        foreach (var c in code)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }

            digits = char.IsAsciiDigit(c) ? digits + 1 : 0;
            if (digits > MaxDigitRun)
            {
                return false;
            }
        }

        return true;
    }
}
