using Dibao.Verification.Contracts.V1;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Dibao.Verification.Adapters.Tests.Bank;

/// <summary>
/// A bank's answer comes at the end of its poll chain: a duplicate of the question while the bank works is dropped,
/// since the chain will answer, and one after the answer gets that answer; the bank is asked once either way.
/// </summary>
public sealed class BankInboxTests : BankTestHost
{
    [Fact]
    public async Task A_duplicate_while_the_bank_works_is_dropped_and_the_bank_is_asked_once()
    {
        var id = TestIds.Make(40);
        var polled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = false;
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost()).RespondWith(Ticket("T-D"));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-D")).UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(_ =>
        {
            polled.TrySetResult();
            return Volatile.Read(ref finished) ? Completed((id, [])) : """{ "status": "processing" }""";
        }));
        var (question, messageId) = (Ask(Icbc, id), Guid.NewGuid());

        await SendAsync(question, messageId);
        await polled.Task.WaitAsync(Patience);
        var duplicateDone = await DeliveriesFinishedAsync(messageId, 1);
        await SendAsync(question, messageId);
        await duplicateDone;
        Volatile.Write(ref finished, true);
        var report = await ReportAsync(question);

        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.NoRecords);
        Requests("POST", SubmitPath(Icbc)).Count().ShouldBe(1);
        SentSoFar<AgencyFindingsReported>().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_duplicate_after_the_answer_gets_that_answer_without_asking_the_bank()
    {
        var id = TestIds.Make(41);
        StubBank(Icbc, "T-A", Completed((id, [Account("6222****1234", "demand", 10m)])));
        var (question, messageId) = (Ask(Icbc, id), Guid.NewGuid());

        await SendAsync(question, messageId);
        var first = await ReportAsync(question);
        await SendAsync(question, messageId);
        var answers = await AnswersAsync<AgencyFindingsReported>(m => m.QueryId == question.QueryId, 2);

        answers[1].ShouldBeSameAs(first);
        Requests("POST", SubmitPath(Icbc)).Count().ShouldBe(1);
        Requests("GET", TicketPath(Icbc, "T-A")).Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_refusal_at_collection_is_kept_for_duplicates_too()
    {
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost()).RespondWith(Ticket("T-GONE"));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-GONE")).UsingGet()).RespondWith(Json(404, "{}"));
        var (question, messageId) = (Ask(Icbc, TestIds.Make(42)), Guid.NewGuid());

        await SendAsync(question, messageId);
        await AnswerAsync<AgencyQueryRefused>(m => m.QueryId == question.QueryId);
        await SendAsync(question, messageId);
        var refusals = await AnswersAsync<AgencyQueryRefused>(m => m.QueryId == question.QueryId, 2);

        refusals[1].ShouldBe(refusals[0]);
        Server.LogEntries.Count.ShouldBe(2);
    }
}
