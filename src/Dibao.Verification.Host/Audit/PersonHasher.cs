using System.Security.Cryptography;
using System.Text;
using Dibao.Verification.Domain.Identity;

namespace Dibao.Verification.Host.Audit;

/// <summary>
/// Names a person in the audit trail by HMAC-SHA256 of their identity number under <c>Audit:PersonKey</c>: the same
/// person always gets the same name, so an auditor can look them up, but nobody without the key can tell who it is or
/// try identity numbers against it.
/// </summary>
public sealed class PersonHasher(byte[] key)
{
    public string Hash(string idNumber) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(IdentityNumber.Normalize(idNumber))));

    /// <summary>Content that holds personal data (a submitted batch) named the same way: comparable, but not to be tried against without the key.</summary>
    public string HashContent(byte[] content) => Convert.ToHexStringLower(HMACSHA256.HashData(key, content));
}
