namespace Dibao.Verification.Host.WebConsole;

/// <summary>A user the embedded default's sign-in page offers: the claims a token of the <c>token</c> command would carry.</summary>
/// <param name="Title">How the sign-in page shows the user, in Chinese.</param>
public sealed record DemoUser(string User, string Role, string Jurisdiction, string Title);
