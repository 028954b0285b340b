using System.Security.Cryptography;

namespace Dibao.Verification.Host.Audit;

/// <summary>
/// The key of <see cref="PersonHasher"/>: <c>Audit:PersonKey</c>, or on the embedded default a key of its own in
/// <c>data/</c>, created at first start and readable by its owner only. Production refuses to run without a configured one.
/// </summary>
public static class PersonKey
{
    private const string Key = AuditOptions.Section + ":" + nameof(AuditOptions.PersonKey);
    private const int MinimumBytes = 32;

    public static byte[] Resolve(AuditOptions options, IHostEnvironment environment)
    {
        if (options.PersonKey.Length > 0)
        {
            return Decode(options.PersonKey, Key);
        }

        if (environment.IsProduction())
        {
            throw new HubConfigurationException(Key,
                "Audit:PersonKey is required in Production: set it to a secret base64 key of at least 32 bytes (openssl rand -base64 32), kept for as long as the audit trail");
        }

        return LoadOrCreate(options.LocalPersonKeyPath);
    }

    private static byte[] LoadOrCreate(string path)
    {
        var key = AuditOptions.Section + ":" + nameof(AuditOptions.LocalPersonKeyPath);
        var full = Path.GetFullPath(path);
        try
        {
            if (!File.Exists(full))
            {
                Create(full);
            }

            return Decode(File.ReadAllText(full).Trim(), key);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HubConfigurationException(key, $"the audit person key {full} cannot be used: {ex.Message}", ex);
        }
    }

    private static byte[] Decode(string text, string key)
    {
        try
        {
            var bytes = Convert.FromBase64String(text);
            if (bytes.Length >= MinimumBytes)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }

        throw new HubConfigurationException(key, $"{key} must be base64 of at least {MinimumBytes} bytes (openssl rand -base64 32)");
    }

    private static void Create(string full) =>
        LocalSecretFile.CreateOnce(full, Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes)));
}
