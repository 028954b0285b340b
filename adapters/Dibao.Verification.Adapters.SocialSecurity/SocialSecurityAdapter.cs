using Dibao.Verification.Adapters.Common;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dibao.Verification.Adapters.SocialSecurity;

/// <summary>The social security bureau (社保局): pensions, insured employment and unemployment benefit.</summary>
public static class SocialSecurityAdapter
{
    public const string Code = "social-security";

    public const string ConfigurationSection = "Agencies:SocialSecurity";

    /// <summary>The bureau answers 400 TOO_MANY_IDS beyond this many ids in one batch query.</summary>
    public const int BatchMaximum = 1000;

    /// <summary>
    /// Registers the bureau's options (validated at start-up), its HTTP client with the agency resilience
    /// pipeline, and the consumer listening on <c>agency-social-security</c>.
    /// </summary>
    public static IBusRegistrationConfigurator AddSocialSecurityAdapter(this IBusRegistrationConfigurator bus, IConfiguration configuration)
    {
        bus.AddAgencyOptions(Code, configuration.GetSection(ConfigurationSection));
        bus.AddAgencyHttpClient<ISocialSecurityApi>(Code);
        bus.TryAddTransient<SocialSecurityQuery>();
        bus.AddAgencyConsumer<SocialSecurityQueryConsumer, SocialSecurityQueryConsumerDefinition>(configuration);
        return bus;
    }
}
