namespace Dibao.Verification.Adapters.Tax;

/// <summary>The hub's OAuth2 client at the bureau, bound from <c>Agencies:Tax:ClientId</c> and <c>Agencies:Tax:ClientSecret</c>.</summary>
public sealed class TaxClientCredentials
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }
}
