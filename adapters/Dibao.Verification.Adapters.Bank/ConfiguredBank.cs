namespace Dibao.Verification.Adapters.Bank;

/// <summary>One bank the hub asks, bound from <c>Agencies:Bank:Banks:N</c>.</summary>
public sealed class ConfiguredBank
{
    /// <summary>Upper-case letters such as <c>ICBC</c>; names the bank in answers (<c>bank:ICBC</c>) and in facts.</summary>
    public string? Code { get; set; }

    public string? BaseUrl { get; set; }

    public string? ApiKey { get; set; }
}
