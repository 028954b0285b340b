using System.Net;
using Dibao.Verification.Contracts.V1;
using MassTransit;

namespace Dibao.Verification.AgencyHost.Tests;

/// <summary>An agency host answers for the agencies it is told to, and only for those.</summary>
public sealed class AgencyHostCompositionTests
{
    private static readonly string[] AgencyQueues =
        ["agency-social-security", "agency-housing-fund", "agency-tax", "agency-business-registry", "agency-vehicle", "agency-bank"];

    [Fact]
    public async Task A_tax_host_receives_on_the_tax_queue_alone()
    {
        await using var host = await RunningAgencyHost.StartAsync("tax");

        host.Queues.Intersect(AgencyQueues).ShouldBe(["agency-tax"]);
        host.Queues.ShouldNotContain(HubQueues.AgencyAnswers, "answers are the hub's to consume");
    }

    [Fact]
    public async Task A_host_of_several_agencies_receives_on_each_of_their_queues()
    {
        await using var host = await RunningAgencyHost.StartAsync("bank", "vehicle");

        host.Queues.Intersect(AgencyQueues).Order().ShouldBe(["agency-bank", "agency-vehicle"]);
    }

    [Fact]
    public async Task Health_is_reported_once_the_bus_has_started()
    {
        await using var host = await RunningAgencyHost.StartAsync("housing-fund");

        using var response = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task A_question_sent_to_the_tax_queue_is_answered_from_the_tax_bureau()
    {
        await using var host = await RunningAgencyHost.StartAsync("tax");
        var member = host.Sandbox.Population.Households(start: 300).First().Members[0];
        var asOf = new DateOnly(2026, 11, 15);
        var answered = new TaskCompletionSource<AgencyFindingsReported>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answers = host.Bus.ConnectReceiveEndpoint($"test-answers-{Guid.NewGuid():N}", endpoint =>
            endpoint.Handler<AgencyFindingsReported>(context =>
            {
                answered.TrySetResult(context.Message);
                return Task.CompletedTask;
            }));
        await answers.Ready;

        var question = new QueryAgency(Guid.NewGuid(), "tax", asOf, new DateOnly(2026, 5, 1), new DateOnly(2026, 10, 1), [new PersonToCheck(member.IdNumber, member.Name)]);
        var queue = await host.Bus.GetSendEndpoint(new Uri("queue:agency-tax"));
        await queue.Send(question, context => context.ResponseAddress = answers.ReceiveEndpoint.InputAddress);

        var answer = await answered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        answer.QueryId.ShouldBe(question.QueryId);
        answer.Agency.ShouldBe("tax");
        answer.Findings.ShouldHaveSingleItem().IdNumber.ShouldBe(member.IdNumber);
        host.Sandbox.RequestCount("tax").ShouldBeGreaterThan(0);
    }
}
