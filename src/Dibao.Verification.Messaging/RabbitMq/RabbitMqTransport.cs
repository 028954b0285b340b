using System.Security.Authentication;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Messaging.RabbitMq;

/// <summary>
/// The bus on RabbitMQ as production runs it: typed queues (quorum by default), publisher confirms, prefetch and
/// concurrency per endpoint, retry then redelivery through delay queues then the <c>_error</c> queue, TLS, and the
/// services that watch and empty the error queues. Needs no broker plugin.
/// </summary>
public static class RabbitMqTransport
{
    public static void UsingConfiguredRabbitMq(this IBusRegistrationConfigurator bus, BusOptions options, string clientName)
    {
        var rabbit = options.RabbitMq;
        bus.TryAddSingleton(TimeProvider.System);
        bus.AddSingleton(rabbit);
        bus.AddSingleton(_ => new BrokerConnection(rabbit, clientName));
        bus.AddSingleton<BrokerTopology>();
        bus.Replace(ServiceDescriptor.Singleton<IQueueSendEndpoints, RabbitMqQueueSendEndpoints>());
        bus.AddSingleton<ReceiveQueues>();
        bus.AddSingleton<ErrorQueues>();
        bus.AddHostedService(sp => sp.GetRequiredService<ErrorQueues>());
        bus.AddSingleton<ErrorQueueRequeue>();
        bus.AddHealthChecks().AddCheck<ErrorQueueHealthCheck>("errorQueues");

        bus.AddConfigureEndpointsCallback((context, queue, endpoint) =>
        {
            context.GetRequiredService<ReceiveQueues>().Add(queue);
            if (rabbit.QueueType == RabbitMqQueueType.Quorum && endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
            {
                rabbitEndpoint.SetQuorumQueue();
            }

            if (options.Endpoints.TryGetValue(queue, out var overrides))
            {
                if (overrides.PrefetchCount is { } prefetch)
                {
                    endpoint.PrefetchCount = prefetch;
                }

                if (overrides.ConcurrentMessageLimit is { } limit)
                {
                    endpoint.ConcurrentMessageLimit = limit;
                }
            }
        });

        bus.UsingRabbitMq((context, cfg) =>
        {
            cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, clientName, host =>
            {
                host.Username(rabbit.Username);
                host.Password(rabbit.Password);

                // An outbox row is marked sent only once the broker has the message: a restart then re-sends nothing it holds.
                host.PublisherConfirmation = true;
                if (rabbit.UseTls)
                {
                    host.UseSsl(ssl =>
                    {
                        ssl.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13;
                        ssl.ServerName = string.IsNullOrEmpty(rabbit.TlsServerName) ? rabbit.Host : rabbit.TlsServerName;
                        if (!string.IsNullOrEmpty(rabbit.ClientCertificatePath))
                        {
                            ssl.CertificatePath = rabbit.ClientCertificatePath;
                            ssl.CertificatePassphrase = rabbit.ClientCertificatePassword;
                        }
                    });
                }
            });

            cfg.UseCompactJson();

            // Scheduled messages (bank polls, redeliveries) wait in delay queues on the broker: Debian's RabbitMQ has no
            // delayed-exchange plugin, and a wait held in process memory would be lost with the process.
            cfg.AddPrePipeSpecification(new DelayQueueSchedulerSpecification(context.GetRequiredService<BrokerTopology>(), context.GetRequiredService<TimeProvider>()));
            if (rabbit.Redeliveries.Count > 0)
            {
                cfg.UseScheduledRedelivery(r =>
                {
                    r.Intervals([.. rabbit.Redeliveries]);

                    // A redelivered message keeps its id (the outbox row's), which the adapters' inbox and the logs follow;
                    // MassTransit replaces it by default for schedulers that key their jobs by message id, which a delay queue does not.
                    // The bus-wide overload types its argument as a retry configurator; it is a redelivery one.
                    if (r is IRedeliveryConfigurator redelivery)
                    {
                        redelivery.ReplaceMessageId = false;
                    }
                });
            }

            cfg.ConfigureEndpoints(context);
        });
    }
}
