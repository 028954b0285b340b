using System.Diagnostics;
using System.Globalization;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Messaging.RabbitMq;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Dibao.Verification.Messaging;

namespace Dibao.Verification.Benchmarks;

/// <summary>
/// <c>--rabbitmq-throughput</c>: messages sent and consumed per second through the hub's bus on RabbitMQ (its quorum
/// queues, publisher confirms, redelivery and scheduler filters, by <see cref="RabbitMqTransport"/>), against bare
/// RabbitMQ.Client publishes with confirms and acknowledged consumes of the same size on the same broker: the floor.
/// </summary>
internal static class BusThroughput
{
    private const string HubQueue = "bench-hub";
    private const string BareQueue = "bench-bare";
    private const int InFlight = 100;
    private const ushort Prefetch = 32;

    public static async Task RunAsync(string[] args)
    {
        var messages = Arguments.Int(args, "--messages", 20_000);
        var rounds = Arguments.Int(args, "--rounds", 3);
        var options = new RabbitMqOptions
        {
            Host = args.SkipWhile(a => a != "--rabbitmq-host").Skip(1).FirstOrDefault() ?? "127.0.0.1",
            Port = (ushort)Arguments.Int(args, "--rabbitmq-port", 5672),
            VirtualHost = args.SkipWhile(a => a != "--rabbitmq-vhost").Skip(1).FirstOrDefault() ?? "/",
        };

        var received = new CountdownSignal();
        using var host = BuildHub(options, received);
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<IBus>();
        var endpoint = await host.Services.GetRequiredService<IQueueSendEndpoints>().GetSendEndpoint(bus, new Uri("queue:" + HubQueue));
        var padding = new string('x', 600);

        await using var broker = new BrokerConnection(options, "dibao-benchmark");
        await using var publisher = await broker.OpenChannelAsync(confirms: true, CancellationToken.None);
        await using var consumer = await broker.OpenChannelAsync(confirms: false, CancellationToken.None);
        await publisher.QueueDeclareAsync(BareQueue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { [RabbitMQ.Client.Headers.XQueueType] = "quorum" });
        await consumer.BasicQosAsync(0, Prefetch, global: false);
        var bareReceived = new CountdownSignal();
        var bareConsumer = new AsyncEventingBasicConsumer(consumer);
        bareConsumer.ReceivedAsync += async (_, delivery) =>
        {
            await consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            bareReceived.Signal();
        };
        await consumer.BasicConsumeAsync(BareQueue, autoAck: false, bareConsumer);

        // The bare body is as long as the hub's envelope for the same message, so both move the same bytes.
        var body = new byte[1_300];
        await TimeAsync(received, 500, i => endpoint.Send(new BenchmarkPing(i, padding)));
        await TimeAsync(bareReceived, 500, i => Publish(publisher, body));

        var hubTimes = new List<TimeSpan>();
        var bareTimes = new List<TimeSpan>();
        for (var round = 0; round < rounds; round++)
        {
            bareTimes.Add(await TimeAsync(bareReceived, messages, _ => Publish(publisher, body)));
            hubTimes.Add(await TimeAsync(received, messages, i => endpoint.Send(new BenchmarkPing(i, padding))));
        }

        await host.StopAsync();
        static double Median(List<TimeSpan> times) => times.Select(t => t.TotalSeconds).Order().ElementAt(times.Count / 2);
        var hubRate = messages / Median(hubTimes);
        var bareRate = messages / Median(bareTimes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            messages per round        {messages}, {rounds} rounds, at most {InFlight} unconfirmed, prefetch {Prefetch}, quorum queues, broker {options.Host}:{options.Port}
            hub bus (MassTransit)     median {hubRate:0} messages/s  (rounds: {string.Join(", ", hubTimes.Select(t => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))} ms)
            bare RabbitMQ.Client      median {bareRate:0} messages/s  (rounds: {string.Join(", ", bareTimes.Select(t => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))} ms)
            ratio hub / bare          {hubRate / bareRate:0.00}
            """));
    }

    private static IHost BuildHub(RabbitMqOptions rabbit, CountdownSignal received)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(received);
        var options = new BusOptions { Transport = BusTransport.RabbitMq, RabbitMq = rabbit };
        options.Endpoints[HubQueue] = new EndpointOptions { PrefetchCount = Prefetch };
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.AddConsumer<BenchmarkPingConsumer>().Endpoint(e => e.Name = HubQueue);
            bus.UsingConfiguredRabbitMq(options, "dibao-benchmark-hub");
        });
        return builder.Build();
    }

    private static ValueTask Publish(IChannel channel, byte[] body) =>
        channel.BasicPublishAsync(string.Empty, BareQueue, mandatory: false, new BasicProperties { Persistent = true }, body);

    /// <summary>From the first send to the last message consumed, with at most <see cref="InFlight"/> sends awaiting their confirmation.</summary>
    private static async Task<TimeSpan> TimeAsync(CountdownSignal received, int count, Func<int, Task> send)
    {
        var done = received.Expect(count);
        var started = Stopwatch.GetTimestamp();
        var pending = new List<Task>(InFlight);
        for (var i = 0; i < count; i++)
        {
            pending.Add(send(i));
            if (pending.Count == InFlight)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
        await done.WaitAsync(TimeSpan.FromMinutes(5));
        return Stopwatch.GetElapsedTime(started);
    }

    private static Task<TimeSpan> TimeAsync(CountdownSignal received, int count, Func<int, ValueTask> send) =>
        TimeAsync(received, count, i => send(i).AsTask());
}
