using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dibao.Verification.Host.Access;

/// <summary>Tokens signed with the embedded default's local key: for the <c>token</c> and <c>verify</c> commands, tests and benchmarks.</summary>
public static class LocalTokens
{
    public static string Mint(AuthOptions options, string user, string role, string jurisdiction, TimeSpan? lifetime = null)
    {
        if (!options.UsesLocalKey)
        {
            throw new HubConfigurationException(
                AuthOptions.Section + ":" + nameof(AuthOptions.Authority),
                "the hub trusts an identity provider (Auth:Authority or Auth:SigningKeys), not its local key: sign in there for a token");
        }

        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.EffectiveIssuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? options.LocalTokenLifetime),
            Claims = new Dictionary<string, object>
            {
                [options.UserClaim] = user,
                [options.RoleClaim] = role,
                [options.JurisdictionClaim] = jurisdiction,
            },
            SigningCredentials = new SigningCredentials(LocalSigningKey.LoadOrCreate(options.LocalSigningKeyPath), SecurityAlgorithms.EcdsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
