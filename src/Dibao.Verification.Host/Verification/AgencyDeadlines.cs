using System.Globalization;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// How long the hub waits for each agency (<c>Agencies:&lt;Section&gt;:Deadline</c>). The section is
/// the agency code in Pascal case (<c>social-security</c> → <c>SocialSecurity</c>), as the adapters bind it.
/// </summary>
public sealed class AgencyDeadlines(IConfiguration configuration)
{
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(2);

    public TimeSpan For(string agency) =>
        configuration.GetValue<TimeSpan?>($"Agencies:{SectionOf(agency)}:Deadline") ?? Default;

    public static string SectionOf(string agency) =>
        string.Concat(agency.Split('-', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));
}
