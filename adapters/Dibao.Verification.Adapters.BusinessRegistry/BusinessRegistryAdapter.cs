using Dibao.Verification.Adapters.Common;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Adapters.BusinessRegistry;

/// <summary>The market regulation administration (市场监管): enterprises and individual businesses a person operates, represents or holds shares in.</summary>
public static class BusinessRegistryAdapter
{
    public const string Code = "business-registry";

    public const string ConfigurationSection = "Agencies:BusinessRegistry";

    /// <summary>The documented maximum of ids in one batch query.</summary>
    public const int BatchMaximum = 200;

    /// <summary>The documented maximum page size of the single query: the fewest pages to read.</summary>
    public const int PageSize = 50;

    /// <summary>
    /// Registers the administration's options and signing credentials (validated at start-up), its HTTP client with
    /// the agency resilience pipeline and per-attempt request signing, and the consumer listening on
    /// <c>agency-business-registry</c>.
    /// </summary>
    public static IBusRegistrationConfigurator AddBusinessRegistryAdapter(this IBusRegistrationConfigurator bus, IConfiguration configuration)
    {
        var section = configuration.GetSection(ConfigurationSection);
        bus.AddAgencyOptions(Code, section);
        bus.AddOptions<BusinessRegistryCredentials>()
            .Bind(section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.AppId), $"{section.Path}:AppId must be set to the app id the agency issued.")
            .Validate(o => !string.IsNullOrEmpty(o.Secret), $"{section.Path}:Secret must be set to the signing secret the agency issued.")
            .ValidateOnStart();
        bus.AddAgencyHttpClient<IBusinessRegistryApi>(Code)
            .AddHttpMessageHandler(provider => new BusinessRegistrySigningHandler(
                provider.GetRequiredService<IOptionsMonitor<BusinessRegistryCredentials>>(),
                provider.GetRequiredService<TimeProvider>()));
        bus.TryAddTransient<BusinessRegistryQuery>();
        bus.AddAgencyConsumer<BusinessRegistryQueryConsumer, BusinessRegistryQueryConsumerDefinition>(configuration);
        return bus;
    }
}
