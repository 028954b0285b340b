namespace Dibao.Verification.Host.Consent;

/// <summary>The <c>Consent</c> section: how long a household's signed authorization (授权书) lets the hub ask agencies about it.</summary>
public sealed class ConsentOptions
{
    public const string Section = "Consent";

    /// <summary>In months from the day it was signed: an authorization signed on 15 March with 12 is valid until 14 March next year.</summary>
    public int ValidFor { get; set; } = 12;

    public bool IsValid(DateOnly signedOn, DateOnly today) => signedOn <= today && today < signedOn.AddMonths(ValidFor);
}
