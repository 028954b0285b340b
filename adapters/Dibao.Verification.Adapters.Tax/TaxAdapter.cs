using Dibao.Verification.Adapters.Common;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dibao.Verification.Adapters.Tax;

/// <summary>The tax bureau (税务局): income as withheld and declared, month by month.</summary>
public static class TaxAdapter
{
    public const string Code = "tax";

    public const string ConfigurationSection = "Agencies:Tax";

    /// <summary>The documented maximum of persons in one batch request.</summary>
    public const int BatchMaximum = 500;

    /// <summary>The bureau answers 400 WINDOW_TOO_LONG to a request spanning more months than this.</summary>
    public const int WindowMaximumMonths = 12;

    /// <summary>
    /// Registers the bureau's options and client credentials (validated at start-up), the shared token, the
    /// HTTP clients for the token and income endpoints with the agency resilience pipeline, and the consumer
    /// listening on <c>agency-tax</c>.
    /// </summary>
    public static IBusRegistrationConfigurator AddTaxAdapter(this IBusRegistrationConfigurator bus, IConfiguration configuration)
    {
        var section = configuration.GetSection(ConfigurationSection);
        bus.AddAgencyOptions(Code, section);
        bus.AddOptions<TaxClientCredentials>(Code)
            .Bind(section)
            .Validate(c => !string.IsNullOrWhiteSpace(c.ClientId), $"{section.Path}:ClientId must be set to the hub's OAuth2 client id at the bureau.")
            .Validate(c => !string.IsNullOrWhiteSpace(c.ClientSecret), $"{section.Path}:ClientSecret must be set to the hub's OAuth2 client secret at the bureau.")
            .ValidateOnStart();

        bus.TryAddSingleton<TaxTokenProvider>();
        bus.AddAgencyHttpClient<ITaxTokenApi>(Code);
        bus.AddAgencyHttpClient<ITaxApi>(Code)
            .ConfigureAdditionalHttpMessageHandlers((handlers, services) =>
                handlers.Insert(0, new TaxTokenHandler(services.GetRequiredService<TaxTokenProvider>())));
        bus.TryAddTransient<TaxQueryFactory>();
        bus.AddAgencyConsumer<TaxQueryConsumer, TaxQueryConsumerDefinition>(configuration);
        return bus;
    }
}
