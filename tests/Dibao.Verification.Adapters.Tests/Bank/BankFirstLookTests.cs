using Dibao.Verification.Adapters.Bank;
using Dibao.Verification.Contracts.V1;
using MassTransit;

namespace Dibao.Verification.Adapters.Tests.Bank;

/// <summary>
/// The first look at a question's tickets is a message scheduled on the broker. When the broker is away at that moment,
/// the question is retried, and the retry takes up the inquiries it submitted instead of submitting them to the bank again.
/// </summary>
public sealed class BankFirstLookTests : BankTestHost
{
    public BankFirstLookTests()
        : this(new FirstLookFails())
    {
    }

    private BankFirstLookTests(FirstLookFails fault)
        : base(bus => bus.ConfigureSend(send => send.UseSendExecute(fault.Check)))
    {
    }

    [Fact]
    public async Task A_first_look_that_could_not_be_scheduled_is_retried_without_submitting_the_inquiry_again()
    {
        var id = TestIds.Make(42);
        StubBank(Icbc, "T-F", Completed((id, [])));
        var question = Ask(Icbc, id);

        await SendAsync(question, Guid.NewGuid());
        var report = await ReportAsync(question);

        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.NoRecords);
        Requests("POST", SubmitPath(Icbc)).Count().ShouldBe(1, "the retry took up the ticket it had");
    }

    /// <summary>The broker away for the first scheduled look, and back for the next.</summary>
    private sealed class FirstLookFails
    {
        private int _failed;

        public void Check(SendContext context)
        {
            if (context is SendContext<BankInquiryPoll> && Interlocked.Exchange(ref _failed, 1) == 0)
            {
                throw new InvalidOperationException("The broker is away.");
            }
        }
    }
}
