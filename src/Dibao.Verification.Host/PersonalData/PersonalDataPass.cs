namespace Dibao.Verification.Host.PersonalData;

/// <summary>
/// A completed start-up pass over the personal columns (<see cref="PersonalDataReencryption"/>): under which keys, over
/// which columns, and when. A later start that finds nothing could be stale since the last one reads no table.
/// </summary>
public sealed class PersonalDataPass
{
    public const int MaxColumnsLength = 1000;

    public Guid Id { get; init; }

    /// <summary>The keys configured for the pass (<see cref="PersonalDataProtector.Fingerprint"/>): it tells key rings apart without revealing them.</summary>
    public required string KeyRing { get; init; }

    /// <summary>The tables and columns the pass brought under the key, as <see cref="PersonalDataReencryption"/> names them.</summary>
    public required string Columns { get; init; }

    public DateTime CompletedAtUtc { get; init; }
}
