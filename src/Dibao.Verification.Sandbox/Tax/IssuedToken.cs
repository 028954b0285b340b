namespace Dibao.Verification.Sandbox.Tax;

/// <param name="Generation">The <see cref="TaxFaults.Generation"/> it was issued in.</param>
internal sealed record IssuedToken(DateTimeOffset ExpiresAt, int Generation);
