using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Verification;
using Dibao.Verification.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

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
            .Validate(o => o.ParkedRetryInterval > TimeSpan.Zero, "Outbox:ParkedRetryInterval must be positive.")
            .Validate(o => o.ClaimFor >= TimeSpan.FromSeconds(1), "Outbox:ClaimFor must be at least one second.")
            .Validate(o => o.RetainSentFor >= TimeSpan.Zero, "Outbox:RetainSentFor must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<HeldMessagesSignal>();
        services.AddScoped<HubMessages>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<OutboxPurge>();
        return services.AddVerificationBus(configuration, "dibao-hub", bus =>
        {
            addConsumers(bus);
            bus.AddConfigureEndpointsCallback((context, queue, endpoint) =>
            {
                if (queue == HubQueues.AgencyAnswers && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    BindAgencyAnswerExchanges(rabbit, context.GetRequiredService<IOptions<VerificationOptions>>().Value.Agencies);
                }
            });
        });
    }

    /// <summary>
    /// Each agency answers through an exchange of its own (<see cref="AgencyQueue.AnswerExchange"/>), since its broker user may
    /// touch nothing of the hub's; the hub binds them to its answer queue when it declares it, before it asks anything.
    /// </summary>
    private static void BindAgencyAnswerExchanges(IRabbitMqReceiveEndpointConfigurator endpoint, IEnumerable<string> agencies)
    {
        foreach (var agency in agencies.Distinct(StringComparer.Ordinal))
        {
            endpoint.Bind(AgencyQueue.AnswerExchange(agency));
        }
    }
}
