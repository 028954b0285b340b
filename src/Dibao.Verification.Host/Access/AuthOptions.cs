namespace Dibao.Verification.Host.Access;

/// <summary>
/// The <c>Auth</c> section: which tokens the hub trusts, configured as for any OpenID Connect provider. With neither an
/// authority nor signing keys the hub trusts only its own local key (the embedded default), which Production refuses.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The issuer of the hub's own tokens when <see cref="Issuer"/> names none.</summary>
    public const string LocalIssuer = "dibao-verification-local";

    /// <summary>An OpenID Connect provider's base address: its issuer and signing keys are read from its metadata.</summary>
    public string Authority { get; set; } = "";

    /// <summary>The <c>iss</c> tokens must carry; with <see cref="SigningKeys"/>, trusts a provider without reading its metadata.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The <c>aud</c> tokens must carry.</summary>
    public string Audience { get; set; } = "dibao-verification";

    /// <summary>The provider's public keys, each a PEM public key or certificate, or the path of a file holding one.</summary>
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>The embedded default's private key, created at first start; relative paths from where the hub is started.</summary>
    public string LocalSigningKeyPath { get; set; } = "data/signing-key.pem";

    /// <summary>How long a token minted by the <c>token</c> command is valid.</summary>
    public TimeSpan LocalTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The claims naming the user, the role and the jurisdiction code, as the provider spells them.</summary>
    public string UserClaim { get; set; } = "sub";

    public string RoleClaim { get; set; } = "role";

    public string JurisdictionClaim { get; set; } = "jurisdiction";

    public bool UsesLocalKey => Authority.Length == 0 && SigningKeys.Count == 0;

    public string EffectiveIssuer => Issuer.Length > 0 ? Issuer : LocalIssuer;
}
