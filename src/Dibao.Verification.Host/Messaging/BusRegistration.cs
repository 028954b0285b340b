using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Host.Messaging.RabbitMq;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dibao.Verification.Host.Messaging;

public static class BusRegistration
{
    /// <summary>
    /// The bus on the configured transport, with the hub's consumers and whatever agency adapters
    /// <paramref name="addAdapters"/> registers in this process.
    /// </summary>
    public static IServiceCollection AddHubBus(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator> addConsumers)
    {
        var options = configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section)
            .Validate(o => o.MaxAttempts >= 1, "Outbox:MaxAttempts must be at least 1.")
            .Validate(o => o.MaxBackoff >= TimeSpan.FromSeconds(1), "Outbox:MaxBackoff must be at least one second.")
            .ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<HubMessages>();
        services.AddHostedService<OutboxDispatcher>();

        services.AddMassTransit(bus =>
        {
            // MassTransit reports its usage to the vendor's server from every process unless told not to: the hub makes
            // no outbound call its operators did not configure. (MASSTRANSIT_USAGE_TELEMETRY=true would still turn it on.)
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            addConsumers(bus);

            switch (options.Transport)
            {
                case BusTransport.RabbitMq:
                    bus.UsingHubRabbitMq(options, "dibao-hub");
                    break;
                default:
                    bus.UsingInMemory((context, cfg) =>
                    {
                        // The bank adapter schedules its looks at a bank's tickets instead of waiting for them; the
                        // in-memory transport delays them itself (RabbitMQ uses delay queues, see RabbitMqTransport).
                        cfg.UseDelayedMessageScheduler();
                        cfg.ConfigureEndpoints(context);
                    });
                    break;
            }
        });

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
