using System.Security.Cryptography;
using Dibao.Verification.Host.Audit;

namespace Dibao.Verification.Host.PersonalData;

/// <summary>
/// The keys of <see cref="PersonalDataProtector"/>: <c>Encryption:Key</c> under <c>Encryption:KeyId</c> and any
/// <c>Encryption:PreviousKeys</c>, or on the embedded default a key of its own in <c>data/</c>, created at first start and
/// readable by its owner only. Production refuses to run without a configured key, or with the one the tests publish.
/// </summary>
public static class PersonalDataKeys
{
    /// <summary>The key the hub's tests run under: anyone can read it here, so Production refuses it.</summary>
    public const string WellKnownTestKey = "ZGliYW8tdGVzdHMtd2VsbC1rbm93bi1rZXktMzJieXQ=";

    private const string Key = PersonalDataOptions.Section + ":" + nameof(PersonalDataOptions.Key);
    private const string KeyIdKey = PersonalDataOptions.Section + ":" + nameof(PersonalDataOptions.KeyId);
    private const string PreviousKey = PersonalDataOptions.Section + ":" + nameof(PersonalDataOptions.PreviousKeys);
    private const string LocalKey = PersonalDataOptions.Section + ":" + nameof(PersonalDataOptions.LocalKeyPath);

    public static PersonalDataProtector Resolve(PersonalDataOptions options, PersonHasher hasher, IHostEnvironment environment)
    {
        var keyId = options.KeyId.Trim();
        if (!PersonalDataProtector.IsValidKeyId(keyId))
        {
            throw new HubConfigurationException(KeyIdKey, $"{KeyIdKey} must be 1 to {PersonalDataProtector.MaxKeyIdLength} letters or digits");
        }

        var previous = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        // Ids differing only in case are one id to SQLite's LIKE and to SQL Server's default collation, while a stored value
        // is opened by the key its id names exactly: the start-up pass would take values under k for values under K, convert
        // none, and leave them unreadable once k is removed.
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { keyId };
        foreach (var (id, text) in options.PreviousKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var key = $"{PreviousKey}:{id}";
            if (!PersonalDataProtector.IsValidKeyId(id) || id == keyId)
            {
                throw new HubConfigurationException(key, $"{key}: a previous key's id must be 1 to {PersonalDataProtector.MaxKeyIdLength} letters or digits, other than {KeyIdKey}");
            }

            if (!taken.Add(id))
            {
                var other = string.Equals(id, keyId, StringComparison.OrdinalIgnoreCase)
                    ? $"{KeyIdKey} ({keyId})"
                    : $"{PreviousKey}:{previous.Keys.First(p => string.Equals(p, id, StringComparison.OrdinalIgnoreCase))}";
                throw new HubConfigurationException(key, $"{key}: a previous key's id must differ from {other} in more than letter case, as some databases compare ids ignoring it");
            }

            previous[id] = Decode(text, key);
        }

        return new PersonalDataProtector(keyId, Current(options, environment), previous, hasher);
    }

    private static byte[] Current(PersonalDataOptions options, IHostEnvironment environment)
    {
        if (options.Key.Length > 0)
        {
            if (environment.IsProduction() && options.Key.Trim() == WellKnownTestKey)
            {
                throw new HubConfigurationException(Key,
                    $"{Key} is the tests' well-known key, refused in the Production environment: set the key issued for this deployment (openssl rand -base64 32)");
            }

            return Decode(options.Key, Key);
        }

        if (environment.IsProduction())
        {
            throw new HubConfigurationException(Key,
                $"{Key} is required in Production: set it to a secret base64 key of 32 bytes (openssl rand -base64 32), kept for as long as the data it encrypts");
        }

        return LoadOrCreate(options.LocalKeyPath);
    }

    private static byte[] LoadOrCreate(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            if (!File.Exists(full))
            {
                LocalSecretFile.CreateOnce(full, Convert.ToBase64String(RandomNumberGenerator.GetBytes(PersonalDataProtector.KeyBytes)));
            }

            return Decode(File.ReadAllText(full).Trim(), LocalKey);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HubConfigurationException(LocalKey, $"the encryption key {full} cannot be used: {ex.Message}", ex);
        }
    }

    private static byte[] Decode(string text, string key)
    {
        try
        {
            var bytes = Convert.FromBase64String(text.Trim());
            if (bytes.Length == PersonalDataProtector.KeyBytes)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }

        throw new HubConfigurationException(key, $"{key} must be base64 of {PersonalDataProtector.KeyBytes} bytes (openssl rand -base64 32)");
    }
}
