using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Dibao.Verification.Host.Access;

/// <summary>
/// The embedded default's signing key: an ECDSA P-256 private key in a PEM file beside the SQLite database, created at
/// first start and readable by its owner only. The hub verifies with it and the <c>token</c> command signs with it.
/// </summary>
public static class LocalSigningKey
{
    private const string Key = AuthOptions.Section + ":" + nameof(AuthOptions.LocalSigningKeyPath);

    public static ECDsaSecurityKey LoadOrCreate(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            if (!File.Exists(full))
            {
                Create(full);
            }

            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(File.ReadAllText(full));
            return new ECDsaSecurityKey(ecdsa) { KeyId = Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo()))[..16] };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            throw new HubConfigurationException(Key, $"the signing key {full} cannot be used: {ex.Message}", ex);
        }
    }

    private static void Create(string full)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        LocalSecretFile.CreateOnce(full, ecdsa.ExportPkcs8PrivateKeyPem());
    }
}
