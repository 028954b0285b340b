using Dibao.Verification.Adapters.Common;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dibao.Verification.Adapters.HousingFund;

/// <summary>The housing provident fund centre (公积金中心): accounts, deposit bases and balances.</summary>
public static class HousingFundAdapter
{
    public const string Code = "housing-fund";

    public const string ConfigurationSection = "Agencies:HousingFund";

    /// <summary>The documented maximum of ids in one batch request.</summary>
    public const int BatchMaximum = 500;

    /// <summary>
    /// Registers the centre's options (validated at start-up), its HTTP client with the agency resilience
    /// pipeline, and the consumer listening on <c>agency-housing-fund</c>.
    /// </summary>
    public static IBusRegistrationConfigurator AddHousingFundAdapter(this IBusRegistrationConfigurator bus, IConfiguration configuration)
    {
        bus.AddAgencyOptions(Code, configuration.GetSection(ConfigurationSection));
        bus.AddAgencyHttpClient<IHousingFundApi>(Code);
        bus.TryAddTransient<HousingFundQuery>();
        bus.AddAgencyConsumer<HousingFundQueryConsumer, HousingFundQueryConsumerDefinition>(configuration);
        return bus;
    }
}
