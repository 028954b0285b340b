namespace Dibao.Verification.Host.Audit;

/// <summary>The <c>Audit</c> section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The legal minimum (Cybersecurity Law, art. 21): logs are kept at least six months.</summary>
    public const int MinimumRetention = 6;

    /// <summary>Months entries are kept at least. Nothing deletes them today, so they are kept for ever.</summary>
    public int Retention { get; set; } = MinimumRetention;

    /// <summary>
    /// The key of the keyed hash naming persons in the trail, base64 of at least 32 bytes. Without it the embedded default
    /// uses a key of its own, created at first start (<see cref="LocalPersonKeyPath"/>); Production refuses to start without it.
    /// </summary>
    public string PersonKey { get; set; } = "";

    /// <summary>The embedded default's person key, created at first start; relative paths from where the hub is started.</summary>
    public string LocalPersonKeyPath { get; set; } = "data/audit-person-key";
}
