namespace Dibao.Verification.Adapters.BusinessRegistry;

/// <summary>
/// What the administration issued the hub for signing requests, bound from the same <c>Agencies:BusinessRegistry</c>
/// section as the agency's other options. The secret never leaves the process: only signatures made with it do.
/// </summary>
public sealed class BusinessRegistryCredentials
{
    /// <summary>Sent as <c>X-App-Id</c> and signed.</summary>
    public string? AppId { get; set; }

    /// <summary>The HMAC-SHA256 key, taken as its UTF-8 bytes.</summary>
    public string? Secret { get; set; }
}
