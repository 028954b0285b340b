using System.Globalization;
using System.Net;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Sandbox;
using Dibao.Verification.Sandbox.Population;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.RabbitMq;

/// <summary>The whole path on a real broker: quorum queues, delay queues for the banks' polls, and restarts on either side.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqBatchTests(RabbitMqNode node)
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);
    private static readonly string QueryType = typeof(QueryAgency).FullName!;

    /// <summary>
    /// The hub's deadline for every agency, ten minutes instead of the default two: for tests that stop a broker, hub or
    /// agency host mid-batch and expect every answer in, not about deadlines, so that a slow restart on a busy machine
    /// does not count an answer as unavailable.
    /// </summary>
    internal static readonly string[] PatientDeadlines =
        [.. AgencyCodes.All.Select(agency => $"Verification:Deadlines:{agency}=00:10:00")];

    [RabbitMqFact]
    public async Task Every_household_gets_the_outcome_the_policy_gives_its_agency_records()
    {
        var vhost = await node.NewVirtualHostAsync();
        await using var hub = await RunningHub.StartAsync(vhost.HubSettings);
        var households = hub.Sandbox.Population.Households(start: 2_000).Take(100).ToList();

        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var view = await hub.WaitForCompletionAsync(response.Headers.Location!, TimeSpan.FromMinutes(3));
        ShouldMatchPolicy(hub.Oracle, households, view);
        view.Households.Select(h => h.Verification.Outcome).Distinct().Count().ShouldBeGreaterThanOrEqualTo(2);
        (await vhost.CountAsync("agency-bank")).ShouldBe(0u);
    }

    [RabbitMqFact]
    public async Task A_bank_poll_waiting_in_the_broker_survives_a_hub_restart_and_each_inquiry_is_submitted_once()
    {
        var vhost = await node.NewVirtualHostAsync();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());

        // The banks work until the hub is back, so their tickets are still processing when the hub goes down however late
        // the moment comes when every poll waits in the five-second delay queue at once (on a busy machine they fall out of
        // step). A fixed processing time would bound that window: once the tickets complete the polls leave the broker
        // and the moment never comes. The adapter is given as long to poll, since it stops asking once its deadline has
        // passed since submission, and the hub as long to wait for every agency across the restart.
        sandbox.Faults.Bank.ProcessingTime = TimeSpan.FromHours(1);
        string[] settings = [.. vhost.HubSettings, "Agencies:Bank:PollInterval=00:00:01", "Agencies:Bank:MaxPollInterval=00:00:05",
            "Agencies:Bank:Deadline=00:10:00", .. PatientDeadlines];
        var first = await RunningHub.StartOnAsync(sandbox, settings);
        var households = sandbox.Population.Households(start: 2_300).Take(12).ToList();
        var response = await first.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        var bankQueries = await WaitForAsync(() => first.QueryDatabaseAsync(db => db.AgencyQueries.CountAsync(q => q.Agency.StartsWith("bank:"))), n => n > 0);

        // Down once every bank question has been taken (none left in agency-bank, delivered or not) and every next look
        // waits in the broker: a question still being handled would rightly be delivered again, and asked again, after the restart.
        await WaitForAsync(
            async () => (await node.ListAsync(vhost.Name, "list_queues", "name", "messages")).ToDictionary(row => row[0], row => long.Parse(row[1], CultureInfo.InvariantCulture)),
            queues => queues.GetValueOrDefault("agency-bank", -1) == 0 && queues.GetValueOrDefault("agency-bank_wait_5000") == bankQueries);
        sandbox.BankSubmissions.ShouldBe(bankQueries);

        await using var second = await first.RestartAsync(settings);
        sandbox.Faults.Bank.ProcessingTime = TimeSpan.Zero;
        var view = await second.WaitForCompletionAsync(response.Headers.Location!, TimeSpan.FromMinutes(3));

        ShouldMatchPolicy(second.Oracle, households, view);
        var banks = await second.QueryDatabaseAsync(db => db.AgencyQueries.AsNoTracking().Where(q => q.Agency.StartsWith("bank:")).ToListAsync());
        banks.ShouldAllBe(q => q.AnsweredAtUtc != null);
        sandbox.BankSubmissions.ShouldBe(bankQueries, "the polls went on from the broker; no inquiry was submitted again");
        var questions = await second.QueryDatabaseAsync(db => db.Outbox.AsNoTracking().Where(m => m.MessageType == QueryType).ToListAsync());
        questions.ShouldAllBe(m => m.Attempts == 1, "start-up recovery re-sends nothing the broker had confirmed");
    }

    [RabbitMqFact]
    public async Task A_broker_restarted_mid_batch_leaves_every_household_one_correct_result()
    {
        var vhost = await node.NewVirtualHostAsync();
        // A slow restart of the broker on a busy machine must not run the answers past the agencies' deadlines.
        await using var hub = await RunningHub.StartAsync([.. vhost.HubSettings, "Verification:PersonsPerQuery=10", "Agencies:Bank:MaxPollInterval=00:00:01", .. PatientDeadlines]);
        var households = hub.Sandbox.Population.Households(start: 2_600).Take(60).ToList();
        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        await WaitForAsync(() => hub.QueryDatabaseAsync(db => db.AgencyQueries.CountAsync(q => q.AnsweredAtUtc != null)), n => n > 0);

        await node.StopAppAsync();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await node.StartAppAsync();
        }

        var view = await hub.WaitForCompletionAsync(response.Headers.Location!, TimeSpan.FromMinutes(4));
        ShouldMatchPolicy(hub.Oracle, households, view);
        var evaluations = await hub.QueryDatabaseAsync(db => db.Evaluations.AsNoTracking().ToListAsync());
        evaluations.Count.ShouldBe(households.Count);
        var cases = await hub.QueryDatabaseAsync(db => db.Cases.AsNoTracking().CountAsync());
        cases.ShouldBe(households.Count);
    }

    internal static void ShouldMatchPolicy(PolicyOracle oracle, IReadOnlyList<SyntheticHousehold> households, BatchView view)
    {
        view.Households.Select(h => h.Ref).ShouldBe(households.Select(h => h.HouseholdRef));
        foreach (var (household, actual) in households.Zip(view.Households))
        {
            var expected = oracle.Expect(household, AsOf);
            actual.Verification.Outcome.ShouldBe(expected.Outcome, household.HouseholdRef);
            actual.Verification.PerCapitaMonthlyIncome.ShouldBe(expected.PerCapitaMonthlyIncome, household.HouseholdRef);
            string.Join(",", actual.Verification.Reasons.Select(r => r.Code).Order(StringComparer.Ordinal))
                .ShouldBe(string.Join(",", expected.ReasonCodes), household.HouseholdRef);
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still {(value is System.Collections.IEnumerable items and not string ? string.Join(", ", items.Cast<object>()) : value)} after two minutes.");
            }

            await Task.Delay(100);
        }
    }
}
