using Dibao.Verification.Adapters.Common;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dibao.Verification.Adapters.Vehicle;

/// <summary>The public security traffic administration (公安交管): motor vehicles registered to a person.</summary>
public static class VehicleAdapter
{
    public const string Code = "vehicle";

    public const string ConfigurationSection = "Agencies:Vehicle";

    /// <summary>The documented maximum of identity numbers in one batch query.</summary>
    public const int BatchMaximum = 200;

    /// <summary>
    /// Registers the administration's options (validated at start-up), its HTTP client with the agency resilience
    /// pipeline and the in-body busy codes made transient, and the consumer listening on <c>agency-vehicle</c>.
    /// </summary>
    public static IBusRegistrationConfigurator AddVehicleAdapter(this IBusRegistrationConfigurator bus, IConfiguration configuration)
    {
        bus.AddAgencyOptions(Code, configuration.GetSection(ConfigurationSection));
        bus.AddAgencyHttpClient<IVehicleApi>(Code).AddHttpMessageHandler(() => new VehicleBusyAnswerHandler());
        bus.TryAddTransient<VehicleQuery>();
        bus.AddAgencyConsumer<VehicleQueryConsumer, VehicleQueryConsumerDefinition>(configuration);
        return bus;
    }
}
