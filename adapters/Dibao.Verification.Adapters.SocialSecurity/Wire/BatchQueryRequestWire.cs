namespace Dibao.Verification.Adapters.SocialSecurity.Wire;

/// <param name="AsOf">yyyy-MM-dd.</param>
internal sealed record BatchQueryRequestWire(string AsOf, IReadOnlyList<string> IdNumbers);
