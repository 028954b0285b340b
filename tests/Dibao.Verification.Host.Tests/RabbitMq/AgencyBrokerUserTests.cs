using System.Net;
using System.Text;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.Production;
using Dibao.Verification.Messaging;
using Dibao.Verification.Messaging.RabbitMq;
using Dibao.Verification.Sandbox;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Dibao.Verification.Host.Tests.RabbitMq;

/// <summary>
/// Each agency host on its own broker user, permitted only its agency's names: the tax bureau's host answers the hub as
/// user <c>agency-tax</c>, and with those credentials nothing of the vehicle agency's queue can be read or written.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class AgencyBrokerUserTests(RabbitMqNode node)
{
    private const string VehicleQueue = "agency-vehicle";
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [RabbitMqFact]
    public async Task The_tax_host_answers_as_its_own_user_who_can_neither_read_nor_write_the_vehicle_agencys_questions()
    {
        var vhost = await node.NewVirtualHostAsync();
        var passwords = new Dictionary<string, string>();
        foreach (var user in BrokerUsers.For([AgencyCodes.Tax, AgencyCodes.Vehicle]))
        {
            passwords[user.Name] = Guid.NewGuid().ToString("N");
            await node.AddUserAsync(vhost.Name, user, passwords[user.Name]);
        }

        var taxUser = BrokerUsers.AgencyUser(AgencyCodes.Tax);
        // The hub asks every agency the policy rests on; only the tax bureau's host runs, so the others' questions wait in
        // their queues until their deadline settles them.
        await using var hub = await RunningHub.StartAsync(
            [
                .. vhost.HubSettings, $"Bus:RabbitMq:Username={BrokerUsers.HubUser}", $"Bus:RabbitMq:Password={passwords[BrokerUsers.HubUser]}",
                "Verification:AdaptersInProcess=false",
                .. AgencyCodes.All.Where(a => a != AgencyCodes.Tax).Select(a => $"Verification:Deadlines:{a}=00:00:05"),
            ]);
        await using var taxHost = await ServiceProcess.StartAsync("tax", ProcessTopology.Built("Dibao.Verification.AgencyHost"),
        [
            "environment=Testing",
            "AgencyHost:Agencies:0=" + AgencyCodes.Tax,
            .. hub.Sandbox.HubSettings(AgencyCodes.Tax).Select(s => $"{s.Key}={s.Value}"),
            .. vhost.HubSettings,
            $"Bus:RabbitMq:Username={taxUser}",
            $"Bus:RabbitMq:Password={passwords[taxUser]}",
        ]);

        var households = hub.Sandbox.Population.Households(start: 3_100).Take(6).ToList();
        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await hub.WaitForCompletionAsync(response.Headers.Location!, TimeSpan.FromMinutes(3));
        hub.Sandbox.RequestCount(AgencyCodes.Tax).ShouldBeGreaterThan(0);
        var taxAnswers = await hub.QueryDatabaseAsync(db => db.AgencyAnswers.Where(a => a.Source == AgencyCodes.Tax).Select(a => a.State).ToListAsync());
        taxAnswers.Count.ShouldBe(households.Sum(h => h.Members.Count));
        taxAnswers.ShouldAllBe(state => state == AnswerState.Answered, "the tax bureau's host answered every member over its own user");
        var vehicleQuestions = await vhost.CountAsync(VehicleQueue);

        // A question for the vehicle agency waits in its queue, put there as the hub would.
        var admin = vhost.Options;
        await using (var broker = new BrokerConnection(admin, "dibao-tests"))
        {
            using var hubTopology = new BrokerTopology(broker, admin, TimeProvider.System);
            await hubTopology.EnsureQueueAsync(VehicleQueue, CancellationToken.None);
            await using var channel = await broker.OpenChannelAsync(confirms: true, CancellationToken.None);
            await channel.BasicPublishAsync(VehicleQueue, string.Empty, Encoding.UTF8.GetBytes("{}"));
        }

        var tax = new RabbitMqOptions { Host = admin.Host, Port = admin.Port, VirtualHost = admin.VirtualHost, Username = taxUser, Password = passwords[taxUser] };
        await using var connection = await BrokerConnection.Factory(tax, "dibao-tests-tax").CreateConnectionAsync();

        (await RefusalAsync(connection, channel => channel.BasicGetAsync(VehicleQueue, autoAck: true))).ShouldBe(AccessRefused);
        (await RefusalAsync(connection, channel => channel.BasicConsumeAsync(VehicleQueue, autoAck: true, new AsyncEventingBasicConsumer(channel)))).ShouldBe(AccessRefused);
        (await RefusalAsync(connection, channel => channel.BasicPublishAsync(VehicleQueue, string.Empty, Encoding.UTF8.GetBytes("{}")).AsTask()))
            .ShouldBe(AccessRefused, "publishing through the vehicle agency's exchange");
        (await RefusalAsync(connection, channel => channel.BasicPublishAsync(string.Empty, VehicleQueue, Encoding.UTF8.GetBytes("{}")).AsTask()))
            .ShouldBe(AccessRefused, "publishing through the default exchange, by the queue's name");
        (await RefusalAsync(connection, channel => channel.QueueBindAsync("agency-tax", VehicleQueue, string.Empty)))
            .ShouldBe(AccessRefused, "binding its own queue to the vehicle agency's exchange");
        (await vhost.CountAsync(VehicleQueue)).ShouldBe(vehicleQuestions + 1, "the vehicle agency's questions are still there, unread");

        // The same user may declare its own delay queues, as the bank's polls and every redelivery need.
        await using var asTax = new BrokerConnection(tax, "dibao-tests-tax");
        using var topology = new BrokerTopology(asTax, tax, TimeProvider.System);
        (await topology.EnsureDelayQueueAsync("agency-tax", TimeSpan.FromSeconds(2), CancellationToken.None)).ShouldBe("agency-tax_wait_2000");
        await Should.ThrowAsync<OperationInterruptedException>(() => topology.EnsureDelayQueueAsync(VehicleQueue, TimeSpan.FromSeconds(2), CancellationToken.None));
    }

    private const ushort AccessRefused = 403;

    /// <summary>Runs <paramref name="action"/> on a channel of its own and gives the code the broker closed the channel with.</summary>
    private static async Task<ushort?> RefusalAsync(IConnection connection, Func<IChannel, Task> action)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        try
        {
            await action(channel);
        }
        catch (Exception ex) when (ex is OperationInterruptedException or AlreadyClosedException or PublishException)
        {
            // The refusal closes the channel; its code is read below.
        }

        // The broker closes the channel asynchronously; on a busy machine that may take a while.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (channel.IsOpen && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        channel.IsOpen.ShouldBeFalse("the broker had not closed the channel two minutes after the action: it did not refuse it");
        return channel.CloseReason?.ReplyCode;
    }
}
