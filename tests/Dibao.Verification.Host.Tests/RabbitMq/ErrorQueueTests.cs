using System.Net.Http.Json;
using System.Text.Json;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Cli;
using Dibao.Verification.Host.Tests.EndToEnd;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Dibao.Verification.Messaging;

namespace Dibao.Verification.Host.Tests.RabbitMq;

/// <summary>A message that fails every retry and redelivery lands in its queue's <c>_error</c> queue, is counted, and can be moved back.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class ErrorQueueTests(RabbitMqNode node)
{
    private const string Queue = HubQueues.AgencyAnswers;
    private const string ErrorQueue = Queue + "_error";
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [RabbitMqFact]
    public async Task A_poison_answer_lands_in_the_error_queue_is_counted_in_health_the_batch_completes_and_requeue_errors_brings_it_back()
    {
        var vhost = await node.NewVirtualHostAsync();
        var hub = await RunningHub.StartAsync([.. vhost.HubSettings, "Bus:RabbitMq:RedeliveryIntervals:0=00:00:00.5"]);
        var households = hub.Sandbox.Population.Households(start: 2_900).Take(20).ToList();
        var poisonId = NewId.NextGuid();
        try
        {
            var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));

            // An answer without findings: the recorder cannot read it, however often it is delivered.
            var bus = hub.Services.GetRequiredService<IBus>();
            var endpoint = await hub.Services.GetRequiredService<IQueueSendEndpoints>().GetSendEndpoint(bus, new Uri("queue:" + Queue));
            await endpoint.Send(new AgencyFindingsReported(Guid.NewGuid(), "tax", DateTimeOffset.UtcNow, 1, null!), context => context.MessageId = poisonId);

            var view = await hub.WaitForCompletionAsync(response.Headers.Location!, TimeSpan.FromMinutes(3));
            RabbitMqBatchTests.ShouldMatchPolicy(hub.Oracle, households, view);

            var check = await WaitForErrorQueuesAsync(hub, c => c.GetProperty("data").GetProperty("faulted").GetInt64() > 0);
            check.GetProperty("status").GetString().ShouldBe("Degraded");
            check.GetProperty("data").GetProperty("errorQueues").GetProperty(ErrorQueue).GetInt64().ShouldBe(1);
            check.GetProperty("description").GetString().ShouldNotBeNull().ShouldContain(ErrorQueue);
        }
        finally
        {
            // Stopped, so the message moved back stays in the queue to be looked at rather than failing again at once.
            await hub.DisposeAsync();
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await RequeueErrorsCommand.RunAsync([Queue, .. vhost.HubSettings.Select(s => "--" + s)], output, error);

        exitCode.ShouldBe(0, error.ToString());
        output.ToString().Trim().ShouldBe($"Moved 1 message from {ErrorQueue} back to {Queue}.");
        (await vhost.CountAsync(ErrorQueue)).ShouldBe(0u);
        var moved = (await vhost.TakeAsync(Queue)).ShouldNotBeNull();
        moved.BasicProperties.MessageId.ShouldBe(poisonId.ToString());
        var headers = moved.BasicProperties.Headers.ShouldNotBeNull();
        headers.Keys.ShouldNotContain(k => k.StartsWith("MT-Fault-") || k == "MT-Redelivery-Count");
        JsonDocument.Parse(moved.Body).RootElement.GetProperty("messageType")[0].GetString().ShouldNotBeNull().ShouldContain(nameof(AgencyFindingsReported));
    }

    [RabbitMqFact]
    public async Task Requeue_errors_names_a_queue_the_broker_does_not_have_and_exits_3()
    {
        var vhost = await node.NewVirtualHostAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await RequeueErrorsCommand.RunAsync(["agency-nowhere", .. vhost.HubSettings.Select(s => "--" + s)], output, error);

        exitCode.ShouldBe(RequeueErrorsCommand.QueueNotFound);
        error.ToString().ShouldContain("agency-nowhere");
    }

    private static async Task<JsonElement> WaitForErrorQueuesAsync(RunningHub hub, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            using var response = await hub.ClientAs(HubRoles.Admin, "2201", "admin-01").GetAsync("/health");
            var report = await response.Content.ReadFromJsonAsync<JsonElement>();
            var check = report.GetProperty("checks").GetProperty("errorQueues");
            if (condition(check))
            {
                return check;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The error queues never showed the poison message: {check}");
            }

            await Task.Delay(250);
        }
    }
}
