using System.Globalization;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// How long the hub waits for each agency (<c>Agencies:&lt;Section&gt;:Deadline</c>). The section is
/// the agency code in Pascal case (<c>social-security</c> → <c>SocialSecurity</c>), as the adapters bind it.
/// Every bank shares the banks' deadline: <c>bank:ICBC</c> reads <c>Agencies:Bank:Deadline</c>.
/// </summary>
public sealed class AgencyDeadlines(IConfiguration configuration)
{
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(2);

    public TimeSpan For(string source) =>
        configuration.GetValue<TimeSpan?>($"Agencies:{SectionOf(AgencySources.AgencyOf(source))}:Deadline") ?? Default;

    public static string SectionOf(string agency) =>
        string.Concat(agency.Split('-', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));
}
