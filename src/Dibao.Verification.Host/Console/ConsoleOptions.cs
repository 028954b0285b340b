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

    /// <summary>
    /// A folder every hub instance shares (a mounted volume) for the keys that sign the console's session cookies and form
    /// tokens, so a user signed in on one instance stays signed in on the others. Empty: ASP.NET's folder of the machine,
    /// which serves one instance only. The keys sign sessions: the folder is readable by the hub's account alone.
    /// </summary>
    public string KeyRingPath { get; set; } = "";

    /// <summary>Scopes asked for besides <c>openid</c> and <c>profile</c>, e.g. one that releases the role and jurisdiction claims.</summary>
    public List<string> Scopes { get; set; } = [];
}
