namespace Dibao.Verification.Host.WebConsole;

/// <summary>
/// The <c>Console</c> section: how the console signs users in through the OpenID Connect provider of <c>Auth:Authority</c>.
/// The provider issues the same user, role and jurisdiction claims as for the API's tokens (<c>Auth:UserClaim</c> and so on).
/// </summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>The console's client at the provider (authorization code flow with PKCE).</summary>
    public string ClientId { get; set; } = "dibao-console";

    /// <summary>The client's secret, when the provider registers the console as a confidential client.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Scopes asked for besides <c>openid</c> and <c>profile</c>, e.g. one that releases the role and jurisdiction claims.</summary>
    public List<string> Scopes { get; set; } = [];
}
