using Dibao.Verification.Domain.Policy;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// How long the hub waits for each agency (<c>Verification:Deadlines:&lt;agency&gt;</c>, by agency code): the hub's own
/// setting, since the adapter may run in another process with settings of its own. Every bank shares the banks'
/// deadline: <c>bank:ICBC</c> reads <c>Verification:Deadlines:bank</c>.
/// </summary>
public sealed class AgencyDeadlines(IOptions<VerificationOptions> options)
{
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(2);

    /// <summary>Banks work asynchronously and may take hours; an hour is what the embedded default has always waited.</summary>
    public static readonly TimeSpan BankDefault = TimeSpan.FromHours(1);

    public TimeSpan For(string source)
    {
        var agency = AgencyCodes.AgencyOf(source);
        foreach (var (configured, deadline) in options.Value.Deadlines)
        {
            // Configuration keys are case-insensitive, and the binder keeps them as written.
            if (string.Equals(configured, agency, StringComparison.OrdinalIgnoreCase))
            {
                return deadline;
            }
        }

        return agency == AgencyCodes.Bank ? BankDefault : Default;
    }
}
