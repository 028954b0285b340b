using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Dibao.Verification.Host.Audit;

namespace Dibao.Verification.Host.PersonalData;

/// <summary>
/// Encrypts personal data at rest (identity numbers, names, the agencies' facts) with AES-256-GCM, and names identity
/// numbers for lookups by their keyed hash. A stored value reads <c>enc:{key id}:{base64 of nonce, tag, ciphertext}</c>:
/// it names its key, so keys rotate without a flag day (<see cref="PersonalDataOptions.PreviousKeys"/>), and GCM's tag
/// refuses a value altered or moved under another key. A value without the prefix is one stored before encryption and
/// is read as it is, until the start-up re-encryption (<see cref="PersonalDataReencryption"/>) has converted it.
/// </summary>
public sealed class PersonalDataProtector
{
    public const string Prefix = "enc:";
    public const int KeyBytes = 32;
    public const int MaxKeyIdLength = 16;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key;
    private readonly IReadOnlyDictionary<string, byte[]> _keys;
    private readonly PersonHasher _hasher;

    public PersonalDataProtector(string keyId, byte[] key, IReadOnlyDictionary<string, byte[]> previousKeys, PersonHasher hasher)
    {
        if (!IsValidKeyId(keyId))
        {
            throw new ArgumentException($"A key id is 1 to {MaxKeyIdLength} letters or digits.", nameof(keyId));
        }

        if (key.Length != KeyBytes || previousKeys.Values.Any(k => k.Length != KeyBytes))
        {
            throw new ArgumentException($"Keys are {KeyBytes} bytes.", nameof(key));
        }

        KeyId = keyId;
        _key = key;
        var keys = previousKeys.ToDictionary(StringComparer.Ordinal);
        keys[keyId] = key;
        _keys = keys;
        _hasher = hasher;
        CurrentPrefix = Prefix + keyId + ":";

        // Two contexts share a model, and the converters in it, only when they would encrypt and decrypt alike.
        var fingerprint = new StringBuilder(keyId);
        foreach (var (id, bytes) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            fingerprint.Append('|').Append(id).Append('=').Append(Convert.ToHexString(SHA256.HashData(bytes)));
        }

        Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint.ToString())));
    }

    /// <summary>The id of the key values are written under.</summary>
    public string KeyId { get; }

    /// <summary>How every value written under the current key begins.</summary>
    public string CurrentPrefix { get; }

    /// <summary>Tells key rings apart without revealing them.</summary>
    public string Fingerprint { get; }

    /// <summary>Whether keys besides the current one are configured: a rotation is under way.</summary>
    public bool HasPreviousKeys => _keys.Count > 1;

    public static bool IsValidKeyId(string keyId) =>
        keyId.Length is > 0 and <= MaxKeyIdLength && keyId.All(char.IsAsciiLetterOrDigit);

    /// <summary>The longest a value of <paramref name="chars"/> characters becomes: UTF-8 takes at most three bytes a character.</summary>
    public static int MaxStoredLength(int chars) =>
        Prefix.Length + MaxKeyIdLength + 1 + Base64.GetMaxEncodedToUtf8Length(NonceBytes + TagBytes + (3 * chars));

    /// <summary>The keyed hash every lookup by identity number goes through: the audit trail's person hash.</summary>
    public string HashIdNumber(string idNumber) => _hasher.Hash(idNumber);

    public string Protect(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_key, TagBytes))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        }

        return CurrentPrefix + Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="CryptographicException">
    /// The value names a key this hub does not hold, or was altered. The message names the key id, never the value.
    /// </exception>
    public string Unprotect(string stored)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }

        var separator = stored.IndexOf(':', Prefix.Length);
        if (separator < 0)
        {
            throw new CryptographicException("A stored personal value is malformed: it names no key.");
        }

        var keyId = stored[Prefix.Length..separator];
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException(
                $"A stored personal value is encrypted under key '{keyId}', which is neither {PersonalDataOptions.Section}:{nameof(PersonalDataOptions.KeyId)} nor among {PersonalDataOptions.Section}:{nameof(PersonalDataOptions.PreviousKeys)}.");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored[(separator + 1)..]);
        }
        catch (FormatException)
        {
            throw new CryptographicException($"A stored personal value under key '{keyId}' is malformed.");
        }

        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException($"A stored personal value under key '{keyId}' is malformed.");
        }

        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using (var aes = new AesGcm(key, TagBytes))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain);
        }

        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Whether a stored value is already under the current key.</summary>
    public bool IsCurrent(string stored) => stored.StartsWith(CurrentPrefix, StringComparison.Ordinal);
}
