using Dibao.Verification.Domain.Identity;

namespace Dibao.Verification.Sandbox;

internal static class SandboxIdentity
{
    public const string InvalidIdNumber = "INVALID_ID_NUMBER";

    /// <summary>
    /// Takes a number exactly as the agencies' common rules write it: 17 digits and a check character, <c>0</c>-<c>9</c>
    /// or an upper-case <c>X</c>. A lower-case x or surrounding spaces are malformed, as at a real agency, so a hub that
    /// forgot to normalize a township's input is refused here too rather than in production.
    /// </summary>
    public static bool TryRead(string? raw, DateOnly today, out string idNumber)
    {
        idNumber = raw ?? string.Empty;
        return raw is not null && IdentityNumber.IsValid(raw, today);
    }

    /// <summary>Distinct numbers in request order, or null if any is malformed.</summary>
    public static List<string>? ReadAll(IEnumerable<string?> raw, DateOnly today)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var value in raw)
        {
            if (!TryRead(value, today, out var id))
            {
                return null;
            }

            if (seen.Add(id))
            {
                result.Add(id);
            }
        }

        return result;
    }
}
