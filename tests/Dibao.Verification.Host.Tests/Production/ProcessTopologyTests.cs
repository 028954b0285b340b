using System.Globalization;
using AnswerState = Dibao.Verification.Domain.Policy.AnswerState;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.Postgres;
using Dibao.Verification.Host.Tests.RabbitMq;
using Dibao.Verification.Messaging.RabbitMq;
using Dibao.Verification.Sandbox;
using Dibao.Verification.Sandbox.Population;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.Production;

/// <summary>
/// The hub and six agency hosts as separate processes on RabbitMQ and PostgreSQL, killed with SIGKILL mid-batch: every
/// household still ends with the outcome the policy gives its records, one result and one case, and no agency is asked
/// again what it had answered.
/// </summary>
[Collection(ProductionCollection.Name)]
public sealed class ProcessTopologyTests(RabbitMqNode node, PostgresCluster postgres)
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(6);

    private static readonly string[] QuickPollsAndNoRetriedCalls =
    [
        "Agencies:Bank:PollInterval=00:00:01",
        "Agencies:Bank:MaxPollInterval=00:00:02",
        PatientBankPolls,
        .. new[] { "SocialSecurity", "HousingFund", "Tax", "BusinessRegistry", "Vehicle", "Bank" }.Select(section => $"Agencies:{section}:AttemptTimeout=00:01:00"),
    ];

    /// <summary>
    /// The bank adapter stops looking at a ticket once its deadline (two minutes by default) has passed since submission:
    /// ten minutes, so that a slow restart on a busy machine does not end the polls these tests wait for.
    /// </summary>
    private const string PatientBankPolls = "Agencies:Bank:Deadline=00:10:00";

    /// <summary>
    /// The hub's settings in these tests: ten minutes for every agency's answer (<see cref="RabbitMqBatchTests.PatientDeadlines"/>),
    /// since they expect every answer in after a kill or an outage, and a slow restart on a busy machine must not push one
    /// past the two-minute default.
    /// </summary>
    private static string[] HubSettings(params string[] more) => [.. more, .. RabbitMqBatchTests.PatientDeadlines];

    [ProductionFact]
    public async Task A_hub_killed_mid_batch_and_restarted_leaves_three_hundred_households_each_one_correct_result()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        await using var topology = await ProcessTopology.StartAsync(await node.NewVirtualHostAsync(), await postgres.CreateDatabaseAsync(), sandbox,
            HubSettings("Verification:PersonsPerQuery=40"), QuickPollsAndNoRetriedCalls);
        var households = sandbox.Population.Households(start: 4_000).Take(300).ToList();

        var location = await topology.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        await topology.WaitForAsync(
            () => topology.QueryDatabaseAsync(db => db.AgencyQueries.CountAsync(q => q.AnsweredAtUtc != null)),
            answered => answered > 0);
        await topology.KillHubAsync();
        var settledBeforeKill = await topology.QueryDatabaseAsync(db => db.Evaluations.CountAsync());
        await topology.StartHubAsync();

        var view = await topology.WaitForCompletionAsync(location, Generous);

        settledBeforeKill.ShouldBeLessThan(households.Count, "the kill came mid-batch");
        RabbitMqBatchTests.ShouldMatchPolicy(topology.Oracle, households, view);
        await ShouldHaveOneResultAndOneCaseEachAsync(topology, households.Count);
        var bankQueries = await topology.QueryDatabaseAsync(db => db.AgencyQueries.CountAsync(q => q.Agency.StartsWith("bank:")));
        sandbox.BankSubmissions.ShouldBe(bankQueries, "a question the hub sent again reaches the bank's adapter, which knows it, not the bank");

        // Forty persons fit one bulk call at each of these agencies: one request per question, none asked again.
        foreach (var agency in new[] { AgencyCodes.SocialSecurity, AgencyCodes.HousingFund, AgencyCodes.BusinessRegistry, AgencyCodes.Vehicle })
        {
            var questions = await topology.QueryDatabaseAsync(db => db.AgencyQueries.CountAsync(q => q.Agency == agency));
            sandbox.RequestCount(agency).ShouldBe(questions, agency);
        }

        ShouldHaveAskedEveryoneOnce(topology, households);
    }

    [ProductionFact]
    public async Task A_broker_stopped_and_started_mid_batch_leaves_every_household_one_correct_result_and_nobody_asked_twice()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());

        // The banks work for a while, so the broker goes down with answers in flight and looks at tickets waiting in it.
        sandbox.Faults.Bank.ProcessingTime = TimeSpan.FromSeconds(30);
        await using var topology = await ProcessTopology.StartAsync(await node.NewVirtualHostAsync(), await postgres.CreateDatabaseAsync(), sandbox,
            HubSettings("Verification:PersonsPerQuery=40"), QuickPollsAndNoRetriedCalls);
        var households = sandbox.Population.Households(start: 6_000).Take(200).ToList();

        var location = await topology.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        await topology.WaitForAsync(
            () => topology.QueryDatabaseAsync(db => db.AgencyQueries.CountAsync(q => q.AnsweredAtUtc != null)),
            answered => answered > 0);
        var settledBeforeStop = await topology.QueryDatabaseAsync(db => db.Evaluations.CountAsync());
        await node.StopAppAsync();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        finally
        {
            await node.StartAppAsync();
        }

        var view = await topology.WaitForCompletionAsync(location, Generous);

        settledBeforeStop.ShouldBeLessThan(households.Count, "the broker went down mid-batch");
        RabbitMqBatchTests.ShouldMatchPolicy(topology.Oracle, households, view);
        await ShouldHaveOneResultAndOneCaseEachAsync(topology, households.Count);
        ShouldHaveAskedEveryoneOnce(topology, households);
    }

    [ProductionFact]
    public async Task An_agency_host_killed_while_its_bank_polls_wait_leaves_every_household_one_correct_result_and_each_inquiry_submitted_once()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());

        // The banks work until the bank's agency host is back, so their tickets are still processing when it goes down
        // however late the moment comes when every look waits in the broker (the looks at a ticket are far apart, so
        // there are such moments). A fixed processing time would bound that window: once the tickets complete the looks
        // leave the broker, and on a busy machine the moment may not have been seen by then.
        sandbox.Faults.Bank.ProcessingTime = TimeSpan.FromHours(1);
        await using var topology = await ProcessTopology.StartAsync(await node.NewVirtualHostAsync(), await postgres.CreateDatabaseAsync(), sandbox,
            HubSettings("Verification:PersonsPerQuery=40"), ["Agencies:Bank:PollInterval=00:00:15", "Agencies:Bank:MaxPollInterval=00:00:15", PatientBankPolls]);
        var households = sandbox.Population.Households(start: 5_000).Take(60).ToList();

        var location = await topology.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        var bankQueries = await topology.WaitForAsync(
            () => topology.QueryDatabaseAsync(db => db.AgencyQueries.CountAsync(q => q.Agency.StartsWith("bank:") && q.SentAtUtc != null)),
            sent => sent > 0);

        // Down once every bank question has been taken and every next look waits in the broker's delay queues: a question
        // still being handled would rightly be delivered again, and asked again, after the restart.
        await topology.WaitForAsync(
            () => topology.QueuesAsync(node),
            queues => Waiting(queues) == (0, bankQueries));
        sandbox.BankSubmissions.ShouldBe(bankQueries);
        await topology.KillAgencyHostAsync(AgencyCodes.Bank);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await topology.StartAgencyHostAsync(AgencyCodes.Bank);
        sandbox.Faults.Bank.ProcessingTime = TimeSpan.Zero;

        var view = await topology.WaitForCompletionAsync(location, Generous);

        RabbitMqBatchTests.ShouldMatchPolicy(topology.Oracle, households, view);
        await ShouldHaveOneResultAndOneCaseEachAsync(topology, households.Count);
        sandbox.BankSubmissions.ShouldBe(bankQueries, "the polls went on from the broker; no inquiry was submitted again");
        var banks = await topology.QueryDatabaseAsync(db => db.AgencyQueries.AsNoTracking().Where(q => q.Agency.StartsWith("bank:")).ToListAsync());
        banks.ShouldAllBe(q => q.AnsweredAtUtc != null);
        ShouldHaveAskedEveryoneOnce(topology, households);
    }

    /// <summary>
    /// Every agency, and every bank, was asked about every member, and about none more than once: what was asked before a
    /// kill or an outage was answered from where it was kept, not asked again. The calls are given time enough that none
    /// timed out and was retried on a busy machine, so the count is that of questions asked.
    /// </summary>
    private static void ShouldHaveAskedEveryoneOnce(ProcessTopology topology, IReadOnlyList<SyntheticHousehold> households)
    {
        var persons = households.SelectMany(h => h.Members).Select(m => m.IdNumber).Distinct(StringComparer.Ordinal).Count();
        foreach (var source in topology.Sources)
        {
            topology.Sandbox.Asked.PersonsAsked(source).ShouldBe(persons, source);
            topology.Sandbox.Asked.MostTimesAskedAboutOnePerson(source).ShouldBe(1, source);
        }
    }

    private static async Task ShouldHaveOneResultAndOneCaseEachAsync(ProcessTopology topology, int households)
    {
        (await topology.QueryDatabaseAsync(db => db.Evaluations.CountAsync())).ShouldBe(households, "one result per household");
        (await topology.QueryDatabaseAsync(db => db.Cases.CountAsync())).ShouldBe(households, "one case per household");
        var answers = await topology.QueryDatabaseAsync(db => db.AgencyAnswers.AsNoTracking()
            .GroupBy(a => a.State)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync());
        answers.ShouldAllBe(a => a.Key == AnswerState.Answered, "every agency answered in time: nothing awaited, refused or lost");
    }

    /// <summary>Bank questions not yet taken by the adapter, and looks at a ticket waiting in a delay queue.</summary>
    private static (long Question, long Polls) Waiting(IEnumerable<string> queues)
    {
        var counts = queues.Select(row => row.Split('=')).ToDictionary(row => row[0], row => long.Parse(row[1], CultureInfo.InvariantCulture));
        return (
            counts.GetValueOrDefault("agency-bank", -1),
            counts.Where(q => q.Key.StartsWith("agency-bank" + BrokerTopology.DelaySuffix, StringComparison.Ordinal)).Sum(q => q.Value));
    }
}
