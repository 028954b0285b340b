using System.Buffers;
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

    /// <summary>Buffers up to this size are taken from the stack: identity numbers and names, not the agencies' facts.</summary>
    private const int StackBytes = 512;

    private readonly byte[] _key;
    private readonly Dictionary<string, byte[]> _keys;
    private readonly Dictionary<string, byte[]>.AlternateLookup<ReadOnlySpan<char>> _keysBySpan;
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
        _keysBySpan = keys.GetAlternateLookup<ReadOnlySpan<char>>();
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

    /// <remarks>
    /// A settlement pass decrypts, and an accepted batch encrypts, tens of thousands of values: the work is done in
    /// buffers from the stack or the pool (cleared before they go back), and the one string returned is all it allocates.
    /// </remarks>
    public string Protect(string plaintext)
    {
        var plainLength = Encoding.UTF8.GetByteCount(plaintext);
        var sealedLength = NonceBytes + TagBytes + plainLength;
        byte[]? rented = null;
        var buffer = sealedLength + plainLength <= StackBytes
            ? stackalloc byte[StackBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(sealedLength + plainLength));
        try
        {
            var sealedBytes = buffer[..sealedLength];
            var plain = buffer.Slice(sealedLength, plainLength);
            Encoding.UTF8.GetBytes(plaintext, plain);
            var nonce = sealedBytes[..NonceBytes];
            RandomNumberGenerator.Fill(nonce);
            using (var aes = new AesGcm(_key, TagBytes))
            {
                aes.Encrypt(nonce, plain, sealedBytes[(NonceBytes + TagBytes)..], sealedBytes.Slice(NonceBytes, TagBytes));
            }

            return Stored(sealedBytes);
        }
        finally
        {
            buffer.Clear();
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
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

        var rest = stored.AsSpan(Prefix.Length);
        var separator = rest.IndexOf(':');
        if (separator < 0)
        {
            throw new CryptographicException("A stored personal value is malformed: it names no key.");
        }

        var keyId = rest[..separator];
        if (!_keysBySpan.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException(
                $"A stored personal value is encrypted under key '{keyId}', which is neither {PersonalDataOptions.Section}:{nameof(PersonalDataOptions.KeyId)} nor among {PersonalDataOptions.Section}:{nameof(PersonalDataOptions.PreviousKeys)}.");
        }

        var encoded = rest[(separator + 1)..];
        var most = (encoded.Length / 4 * 3) + 3;
        byte[]? rented = null;
        var buffer = 2 * most <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(2 * most));
        try
        {
            if (!Convert.TryFromBase64Chars(encoded, buffer[..most], out var length) || length < NonceBytes + TagBytes)
            {
                throw new CryptographicException($"A stored personal value under key '{keyId}' is malformed.");
            }

            var sealedBytes = buffer[..length];
            var plain = buffer.Slice(most, length - NonceBytes - TagBytes);
            using (var aes = new AesGcm(key, TagBytes))
            {
                aes.Decrypt(sealedBytes[..NonceBytes], sealedBytes[(NonceBytes + TagBytes)..], sealedBytes.Slice(NonceBytes, TagBytes), plain);
            }

            return Encoding.UTF8.GetString(plain);
        }
        finally
        {
            buffer.Clear();
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary><c>enc:{key id}:</c> and the sealed bytes in base64, built where the string is made.</summary>
    private string Stored(ReadOnlySpan<byte> sealedBytes)
    {
        var length = CurrentPrefix.Length + Base64.GetMaxEncodedToUtf8Length(sealedBytes.Length);
        char[]? rented = null;
        var chars = length <= StackBytes ? stackalloc char[StackBytes] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            CurrentPrefix.CopyTo(chars);
            Convert.TryToBase64Chars(sealedBytes, chars[CurrentPrefix.Length..], out var written);
            return new string(chars[..(CurrentPrefix.Length + written)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whether a stored value is already under the current key.</summary>
    public bool IsCurrent(string stored) => stored.StartsWith(CurrentPrefix, StringComparison.Ordinal);
}
