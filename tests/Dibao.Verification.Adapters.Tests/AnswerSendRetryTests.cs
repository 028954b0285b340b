using Dibao.Verification.Adapters.HousingFund;
using Dibao.Verification.Contracts.V1;
using MassTransit;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Response = WireMock.ResponseBuilders.Response;

namespace Dibao.Verification.Adapters.Tests;

/// <summary>
/// An adapter asks its agency, then sends the answer to the hub. When the broker is away at that moment, the question is
/// retried, and the retry sends the answer the inbox kept instead of asking the agency again.
/// </summary>
public sealed class AnswerSendRetryTests : AgencyTestHost
{
    public AnswerSendRetryTests()
        : this(new FirstAnswerFails())
    {
    }

    private AnswerSendRetryTests(FirstAnswerFails fault)
        : base(HousingFundAdapter.Code, HousingFundAdapter.ConfigurationSection, (bus, configuration) =>
        {
            bus.AddHousingFundAdapter(configuration);
            bus.UsingInMemory((context, cfg) =>
            {
                cfg.ConfigureSend(send => send.UseSendExecute(fault.Check));
                cfg.ConfigureEndpoints(context);
            });
        })
    {
    }

    [Fact]
    public async Task An_answer_that_could_not_be_sent_is_sent_again_without_asking_the_agency_again()
    {
        var id = TestIds.Make(43);
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{ "accounts": [] }"""));
        var question = Question(HousingFundAdapter.Code, id);

        var report = await AskOverBusAsync(question);

        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.NoRecords);
        Server.LogEntries.Count.ShouldBe(1, "the retry sent the answer it had");
    }

    /// <summary>The broker away for the first answer sent, and back for the next.</summary>
    private sealed class FirstAnswerFails
    {
        private int _failed;

        public void Check(SendContext context)
        {
            if (context is SendContext<AgencyFindingsReported> && Interlocked.Exchange(ref _failed, 1) == 0)
            {
                throw new InvalidOperationException("The broker is away.");
            }
        }
    }
}
