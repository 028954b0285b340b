using Dibao.Verification.Adapters.Bank;
using Dibao.Verification.Adapters.BusinessRegistry;
using Dibao.Verification.Adapters.HousingFund;
using Dibao.Verification.Adapters.SocialSecurity;
using Dibao.Verification.Adapters.Tax;
using Dibao.Verification.Adapters.Vehicle;
using MassTransit;

namespace Dibao.Verification.AgencyHost;

/// <summary>Every adapter an agency host can run, by the agency code the hub asks it by.</summary>
public static class AgencyAdapters
{
    public static readonly IReadOnlyDictionary<string, Func<IBusRegistrationConfigurator, IConfiguration, IBusRegistrationConfigurator>> ByCode =
        new Dictionary<string, Func<IBusRegistrationConfigurator, IConfiguration, IBusRegistrationConfigurator>>(StringComparer.Ordinal)
        {
            [SocialSecurityAdapter.Code] = SocialSecurityAdapter.AddSocialSecurityAdapter,
            [HousingFundAdapter.Code] = HousingFundAdapter.AddHousingFundAdapter,
            [TaxAdapter.Code] = TaxAdapter.AddTaxAdapter,
            [BusinessRegistryAdapter.Code] = BusinessRegistryAdapter.AddBusinessRegistryAdapter,
            [VehicleAdapter.Code] = VehicleAdapter.AddVehicleAdapter,
            [BankAdapter.Code] = BankAdapter.AddBankAdapter,
        };

    /// <summary>The agencies named in <c>AgencyHost:Agencies</c>, each once, in the order given.</summary>
    /// <exception cref="AgencyHostConfigurationException">The list is missing, empty, not a list, or names an agency no adapter answers for.</exception>
    public static IReadOnlyList<string> Selected(IConfiguration configuration)
    {
        var section = configuration.GetSection(AgencyHostOptions.AgenciesKey);
        var known = string.Join(", ", ByCode.Keys);
        if (section.Value is { Length: > 0 } single)
        {
            throw new AgencyHostConfigurationException(AgencyHostOptions.AgenciesKey,
                $"{AgencyHostOptions.AgenciesKey} is '{single}', a single value: list the agencies one per index, " +
                $"{AgencyHostOptions.AgenciesKey}:0={single} (environment: AgencyHost__Agencies__0={single}). Known agencies: {known}.");
        }

        var options = configuration.GetSection(AgencyHostOptions.Section).Get<AgencyHostOptions>() ?? new AgencyHostOptions();
        var named = options.Agencies.Select(code => code.Trim()).Where(code => code.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count == 0)
        {
            throw new AgencyHostConfigurationException(AgencyHostOptions.AgenciesKey,
                $"{AgencyHostOptions.AgenciesKey} names no agency: list those this host answers for, e.g. {AgencyHostOptions.AgenciesKey}:0=tax. Known agencies: {known}.");
        }

        var unknown = named.Where(code => !ByCode.ContainsKey(code)).ToList();
        if (unknown.Count > 0)
        {
            throw new AgencyHostConfigurationException(AgencyHostOptions.AgenciesKey,
                $"{AgencyHostOptions.AgenciesKey} names {string.Join(", ", unknown.Select(code => $"'{code}'"))}, which no adapter answers for. Known agencies: {known}.");
        }

        return named;
    }
}
