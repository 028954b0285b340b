using Dibao.Verification.Messaging;
using MassTransit;

namespace Dibao.Verification.Host.Messaging;

public static class HubBusRegistration
{
    /// <summary>
    /// The hub's outbox, and the bus with the hub's consumers and whatever agency adapters
    /// <paramref name="addConsumers"/> registers in this process.
    /// </summary>
    public static IServiceCollection AddHubBus(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator> addConsumers)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section)
            .Validate(o => o.MaxAttempts >= 1, "Outbox:MaxAttempts must be at least 1.")
            .Validate(o => o.MaxBackoff >= TimeSpan.FromSeconds(1), "Outbox:MaxBackoff must be at least one second.")
            .Validate(o => o.ClaimFor >= TimeSpan.FromSeconds(1), "Outbox:ClaimFor must be at least one second.")
            .Validate(o => o.RetainSentFor >= TimeSpan.Zero, "Outbox:RetainSentFor must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<HeldMessagesSignal>();
        services.AddScoped<HubMessages>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<OutboxPurge>();
        return services.AddVerificationBus(configuration, "dibao-hub", addConsumers);
    }
}
