using Dibao.Verification.Adapters.Common;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dibao.Verification.Adapters.Bank;

/// <summary>
/// Commercial banks (商业银行): deposits and investment products. Several banks publish one asynchronous
/// interface; the hub asks each configured bank separately, as <c>bank:&lt;CODE&gt;</c>.
/// </summary>
public static class BankAdapter
{
    public const string Code = "bank";

    public const string ConfigurationSection = "Agencies:Bank";

    /// <summary>The banks answer 400 TOO_MANY_PERSONS beyond this many persons in one inquiry.</summary>
    public const int InquiryMaximum = 100;

    private const string SourcePrefix = Code + ":";

    /// <summary>How the hub names one bank's answers and queries: <c>bank:ICBC</c>.</summary>
    public static string SourceOf(string bankCode) => SourcePrefix + bankCode;

    /// <summary>The bank code of a source such as <c>bank:ICBC</c>, or null when it names no bank.</summary>
    public static string? BankOf(string source) =>
        source.StartsWith(SourcePrefix, StringComparison.Ordinal) && source.Length > SourcePrefix.Length ? source[SourcePrefix.Length..] : null;

    /// <summary>
    /// Registers the banks' options (validated at start-up), one HTTP client per configured bank with the agency
    /// resilience pipeline, and the consumers on <c>agency-bank</c>: one submits inquiries, the other collects
    /// them. Collecting is scheduled through the bus's message scheduler rather than waited for.
    /// </summary>
    public static IBusRegistrationConfigurator AddBankAdapter(this IBusRegistrationConfigurator bus, IConfiguration configuration)
    {
        var section = configuration.GetSection(ConfigurationSection);
        bus.AddOptions<BankOptions>()
            .Bind(section)
            .Validate(o => o.Banks.Count > 0, $"{section.Path}:Banks must list at least one bank.")
            .Validate(o => o.Banks.TrueForAll(b => IsBankCode(b.Code)), $"{section.Path}:Banks:N:Code must be set, in letters and digits.")
            .Validate(o => o.Banks.Select(b => b.Code).Distinct(StringComparer.Ordinal).Count() == o.Banks.Count, $"{section.Path}:Banks must not list a code twice.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.MaxPollInterval >= o.PollInterval, $"{section.Path}:PollInterval must be positive and at most MaxPollInterval.")
            .ValidateOnStart();

        // The settings every bank shares; the consumers' endpoint reads its message limit from them.
        bus.Configure<AgencyOptions>(Code, section);
        var banks = section.GetSection(nameof(BankOptions.Banks)).GetChildren();
        foreach (var bank in banks)
        {
            if (bank[nameof(ConfiguredBank.Code)] is not { Length: > 0 } bankCode)
            {
                continue;
            }

            var source = SourceOf(bankCode);
            bus.Configure<AgencyOptions>(source, section);
            bus.AddAgencyOptions(source, bank);
            bus.AddAgencyHttpClient(source);
        }

        bus.TryAddSingleton<BankClients>();
        bus.TryAddSingleton<BankPollScheduler>();
        bus.TryAddSingleton<SubmittedInquiries>();
        bus.TryAddTransient<BankQuery>();
        bus.AddAgencyConsumer<BankQueryConsumer, BankQueryConsumerDefinition>(configuration);
        bus.AddConsumer<BankInquiryPollConsumer, BankInquiryPollConsumerDefinition>();
        return bus;
    }

    private static bool IsBankCode(string? code) => code is { Length: > 0 and <= 20 } && code.All(char.IsAsciiLetterOrDigit);
}
