using System.Collections.Concurrent;
using System.Text.Json;
using Dibao.Verification.Host.Tests.EndToEnd;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Messaging;

public sealed class CompactMessagesTests
{
    [Fact]
    public async Task Questions_and_reports_cross_the_bus_as_compact_json()
    {
        await using var hub = await RunningHub.StartAsync();
        var bodies = new ReceivedBodies();
        using var observing = hub.Services.GetRequiredService<IBus>().ConnectReceiveObserver(bodies);
        var households = hub.Sandbox.Population.Households(start: 700).Take(3).ToList();

        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, BatchVerificationTests.AsOf));
        await hub.WaitForCompletionAsync(response.Headers.Location!);

        var received = bodies.All.Select(body => (Body: body, Types: MessageTypes(body))).ToList();
        received.ShouldContain(m => m.Types.Any(t => t.EndsWith(":QueryAgency", StringComparison.Ordinal)));
        received.ShouldContain(m => m.Types.Any(t => t.EndsWith(":AgencyFindingsReported", StringComparison.Ordinal)));
        received.ShouldAllBe(m => !m.Body.Contains('\n'));
    }

    private static IReadOnlyList<string> MessageTypes(string body)
    {
        using var envelope = JsonDocument.Parse(body);
        return [.. envelope.RootElement.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()!)];
    }

    private sealed class ReceivedBodies : IReceiveObserver
    {
        private readonly ConcurrentQueue<string> _bodies = new();

        public IReadOnlyCollection<string> All => [.. _bodies];

        public Task PreReceive(ReceiveContext context)
        {
            _bodies.Enqueue(context.Body.GetString());
            return Task.CompletedTask;
        }

        public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class => Task.CompletedTask;

        public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
    }
}
