using MassTransit;

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
            .Validate(o => o.ClaimFor >= TimeSpan.FromSeconds(1), "Outbox:ClaimFor must be at least one second.")
            .Validate(o => o.RetainSentFor >= TimeSpan.Zero, "Outbox:RetainSentFor must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<HubMessages>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<OutboxPurge>();

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
                    bus.UsingRabbitMq((context, cfg) =>
                    {
                        var rabbit = options.RabbitMq;
                        cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, host =>
                        {
                            host.Username(rabbit.Username);
                            host.Password(rabbit.Password);
                        });
                        cfg.ConfigureEndpoints(context);
                    });
                    break;
                default:
                    bus.UsingInMemory((context, cfg) =>
                    {
                        // The bank adapter schedules its looks at a bank's tickets instead of waiting for them.
                        // Only the in-memory transport delays messages by itself: RabbitMQ would need the
                        // delayed-exchange plugin, so there the adapter falls back to its own in-process delay.
                        cfg.UseDelayedMessageScheduler();
                        cfg.ConfigureEndpoints(context);
                    });
                    break;
            }
        });

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
