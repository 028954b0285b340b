namespace Dibao.Verification.Adapters.Tax;

/// <param name="RenewAfter">Shortly before the bureau's expiry, so a request is never sent with a token about to lapse.</param>
internal sealed record AccessToken(string Value, DateTimeOffset RenewAfter);
