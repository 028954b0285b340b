using Dibao.Verification.Domain.Identity;

namespace Dibao.Verification.Sandbox;

internal static class SandboxIdentity
{
    public const string InvalidIdNumber = "INVALID_ID_NUMBER";

    /// <summary>Accepts a lower-case x like the agencies do; anything else malformed is rejected.</summary>
    public static bool TryNormalize(string? raw, DateOnly today, out string idNumber)
    {
        idNumber = raw is null ? string.Empty : IdentityNumber.Normalize(raw);
        return raw is not null && IdentityNumber.IsValid(idNumber, today);
    }

    /// <summary>Distinct valid numbers in request order, or null if any is malformed.</summary>
    public static List<string>? NormalizeAll(IEnumerable<string?> raw, DateOnly today)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var value in raw)
        {
            if (!TryNormalize(value, today, out var id))
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
