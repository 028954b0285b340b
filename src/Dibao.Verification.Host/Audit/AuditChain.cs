using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dibao.Verification.Host.Audit;

/// <summary>
/// How an entry is chained: SHA-256 over the previous entry's hash and the entry's canonical content, every field
/// length-prefixed so no two contents read alike.
/// </summary>
public static class AuditChain
{
    /// <summary>The hash the first entry follows.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Hash(string previousHash, AuditEntry entry)
    {
        var text = new StringBuilder(previousHash);
        foreach (var field in Fields(entry))
        {
            text.Append('|');
            if (field is null)
            {
                text.Append('-');
            }
            else
            {
                text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field);
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>A time as every provider stores it: PostgreSQL keeps microseconds, so nothing finer is hashed.</summary>
    public static DateTime ToMicroseconds(DateTime time) => new(time.Ticks - time.Ticks % 10, DateTimeKind.Utc);

    private static IEnumerable<string?> Fields(AuditEntry e) =>
    [
        e.Sequence.ToString(CultureInfo.InvariantCulture),
        ToMicroseconds(e.AtUtc).Ticks.ToString(CultureInfo.InvariantCulture),
        e.Kind, e.User, e.Role, e.Jurisdiction, e.Township, e.Subject, e.Purpose, e.PersonHash, e.Agency, e.Outcome, e.Detail,
    ];
}
