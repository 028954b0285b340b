namespace Dibao.Verification.Host.WebConsole;

/// <summary>
/// The authentication schemes of the console beside the API's bearer tokens. The default scheme picks, per request, the
/// bearer token or the console's cookie (see <see cref="ConsoleRegistration"/>).
/// </summary>
public static class ConsoleSchemes
{
    public const string Cookie = "ConsoleCookie";

    public const string OpenIdConnect = "ConsoleOidc";

    public const string Select = "BearerOrConsoleCookie";

    public const string CookieName = "dibao.console";
}
