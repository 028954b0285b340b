using System.Globalization;

namespace Dibao.Verification.Host.Cli;

/// <summary>
/// What <c>verify</c> assumes when nothing says otherwise: the sandbox, so that a fresh clone verifies the demo batch.
/// The defaults sit just above appsettings.json, whose <c>Sandbox:Enabled=false</c> is the hub's safe default; the
/// environment's appsettings file, environment variables and <c>--Section:Key=value</c> all override them, and the
/// sandbox's refusals (the Production environment, configured agency addresses) apply as to any hub.
/// </summary>
internal static class VerifyDefaults
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Sandbox:Enabled"] = "true",
    };

    public static void Apply(IConfigurationBuilder configuration) => CommandDefaults.Apply(configuration, Settings);

    /// <summary>
    /// As <see cref="Apply(IConfigurationBuilder)"/>, and with <c>--as-of</c> the simulated agencies answer as on that day
    /// (<c>Sandbox:Today</c>): their records are drawn relative to their today, so a batch asking about a fixed day gets
    /// the same answers whenever it is run. Without it, the batch and the agencies are both about today.
    /// </summary>
    public static void Apply(IConfigurationBuilder configuration, DateOnly? asOf) =>
        CommandDefaults.Apply(configuration, asOf is { } day
            ? new Dictionary<string, string?>(Settings) { ["Sandbox:Today"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }
            : Settings);
}
