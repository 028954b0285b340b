using Dibao.Verification.Messaging.RabbitMq;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dibao.Verification.Messaging;

public static class BusRegistration
{
    /// <summary>
    /// The bus on the configured transport (<c>Bus:*</c>), with the consumers <paramref name="addConsumers"/> registers:
    /// the hub's and the adapters it hosts, or an agency host's adapters.
    /// </summary>
    /// <param name="clientName">How the process names itself to the broker, so an operator can tell its connections apart.</param>
    public static IServiceCollection AddVerificationBus(
        this IServiceCollection services,
        IConfiguration configuration,
        string clientName,
        Action<IBusRegistrationConfigurator> addConsumers)
    {
        var options = configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        services.AddMassTransit(bus =>
        {
            // MassTransit reports its usage to the vendor's server from every process unless told not to: no process of
            // the project makes an outbound call its operators did not configure. (MASSTRANSIT_USAGE_TELEMETRY=true would still turn it on.)
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            addConsumers(bus);

            switch (options.Transport)
            {
                case BusTransport.RabbitMq:
                    bus.UsingConfiguredRabbitMq(options, clientName);
                    break;
                default:
                    bus.UsingInMemory((context, cfg) =>
                    {
                        // The bank adapter schedules its looks at a bank's tickets instead of waiting for them; the
                        // in-memory transport delays them itself (RabbitMQ uses delay queues, see RabbitMqTransport).
                        cfg.UseDelayedMessageScheduler();
                        cfg.UseCompactJson();
                        cfg.ConfigureEndpoints(context);
                    });
                    break;
            }
        });

        services.AddOptions<BusOptions>()
            .BindConfiguration(BusOptions.Section)
            .Validate(o => o.SendTimeout > TimeSpan.Zero, $"{BusOptions.Section}:SendTimeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<BrokerSendTimeout>();
        services.TryAddSingleton<IQueueSendEndpoints, ShortAddressSendEndpoints>();
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StopTimeout = TimeSpan.FromSeconds(30);

            // An agency query waiting out its retry back-off is cancelled rather than holding shutdown
            // for minutes; its answer stays awaited and the agency deadline settles it.
            o.ConsumerStopTimeout = TimeSpan.FromSeconds(2);
        });
        return services;
    }
}
