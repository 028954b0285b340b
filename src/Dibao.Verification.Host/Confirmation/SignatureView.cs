namespace Dibao.Verification.Host.Confirmation;

/// <param name="Action"><c>confirm</c> or <c>amend</c>.</param>
/// <param name="By">The reviewer; <c>system</c> when the tier auto-confirmed.</param>
public sealed record SignatureView(string Action, string By, DateTimeOffset At);
