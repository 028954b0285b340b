namespace Dibao.Verification.Host.PersonalData;

/// <summary>The <c>Encryption</c> section: the key personal data is encrypted under at rest.</summary>
public sealed class PersonalDataOptions
{
    public const string Section = "Encryption";

    /// <summary>
    /// The current key, base64 of 32 bytes (<c>openssl rand -base64 32</c>): everything written is encrypted under it. Without it
    /// the embedded default uses a key of its own, created at first start (<see cref="LocalKeyPath"/>); Production refuses to start.
    /// </summary>
    public string Key { get; set; } = "";

    /// <summary>Stored with every value, so that a value names the key that opens it; letters and digits, at most 16.</summary>
    public string KeyId { get; set; } = "1";

    /// <summary>
    /// Keys rotated out, by their ids: values still under one of them are read, and re-encrypted under <see cref="Key"/>
    /// when the hub starts. Remove one once a start has re-encrypted everything.
    /// </summary>
    public Dictionary<string, string> PreviousKeys { get; set; } = [];

    /// <summary>The embedded default's key, created at first start; relative paths from where the hub is started.</summary>
    public string LocalKeyPath { get; set; } = "data/encryption-key";
}
