namespace Dibao.Verification.Host.WebConsole;

/// <summary>Endpoint metadata: a page or file of the console, whose caller is signed in by the console's cookie, not a bearer token.</summary>
public sealed class ConsoleEndpoint
{
    public static ConsoleEndpoint Instance { get; } = new();

    private ConsoleEndpoint()
    {
    }
}
