using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.HousingFund;
using Dibao.Verification.Adapters.SocialSecurity;
using Dibao.Verification.Adapters.Tests.Tax;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Dibao.Verification.Messaging;

namespace Dibao.Verification.Adapters.Tests;

/// <summary>The inbox's bounds: it forgets the oldest questions beyond its capacity and every question after its age.</summary>
public sealed class AgencyAnswerInboxTests
{
    private const string Agency = "social-security";

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_question_is_taken_once_and_is_in_flight_to_its_duplicates()
    {
        var inbox = Inbox(new AgencyInboxOptions());
        var id = Guid.NewGuid();

        inbox.Admit(id, Agency, out _, out _).ShouldBe(InboxVerdict.New);
        inbox.Admit(id, Agency, out var answer, out _).ShouldBe(InboxVerdict.InFlight);
        answer.ShouldBeNull();
        inbox.Admit(id, "tax", out _, out _).ShouldBe(InboxVerdict.New);
    }

    [Fact]
    public async Task A_duplicate_learns_when_the_delivery_handling_the_question_is_done_and_may_then_ask_if_that_one_failed()
    {
        var inbox = Inbox(new AgencyInboxOptions());
        var id = Guid.NewGuid();
        inbox.Admit(id, Agency, out _, out _);

        inbox.Admit(id, Agency, out _, out var handling).ShouldBe(InboxVerdict.InFlight);
        Assert.NotNull(handling);
        handling.IsCompleted.ShouldBeFalse();

        inbox.Forget(new AnswerRoute(id, Agency, AgencyAnswers.HubQueue));
        inbox.Handled(id, Agency);

        await handling;
        inbox.Admit(id, Agency, out _, out var none).ShouldBe(InboxVerdict.New);
        Assert.Null(none);
    }

    [Fact]
    public void A_question_handed_on_after_its_delivery_is_in_flight_with_no_delivery_to_wait_for()
    {
        var inbox = Inbox(new AgencyInboxOptions());
        var id = Guid.NewGuid();
        inbox.Admit(id, Agency, out _, out _);

        inbox.Handled(id, Agency);

        inbox.Admit(id, Agency, out _, out var handling).ShouldBe(InboxVerdict.InFlight);
        Assert.Null(handling);
    }

    [Fact]
    public void A_forgotten_question_may_be_asked_again()
    {
        var inbox = Inbox(new AgencyInboxOptions());
        var id = Guid.NewGuid();
        inbox.Admit(id, Agency, out _, out _);

        inbox.Forget(new AnswerRoute(id, Agency, AgencyAnswers.HubQueue));

        inbox.Admit(id, Agency, out _, out _).ShouldBe(InboxVerdict.New);
    }

    [Fact]
    public void Beyond_its_capacity_the_oldest_question_is_forgotten_first()
    {
        var inbox = Inbox(new AgencyInboxOptions { Capacity = 2 });
        var (oldest, middle, newest) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        inbox.Admit(oldest, Agency, out _, out _);
        inbox.Admit(middle, Agency, out _, out _);
        inbox.Admit(newest, Agency, out _, out _);

        inbox.Admit(middle, Agency, out _, out _).ShouldBe(InboxVerdict.InFlight);
        inbox.Admit(newest, Agency, out _, out _).ShouldBe(InboxVerdict.InFlight);
        inbox.Admit(oldest, Agency, out _, out _).ShouldBe(InboxVerdict.New);
    }

    [Fact]
    public void A_question_older_than_the_age_bound_is_forgotten()
    {
        var inbox = Inbox(new AgencyInboxOptions { MaxAge = TimeSpan.FromMinutes(10) });
        var id = Guid.NewGuid();
        inbox.Admit(id, Agency, out _, out _);

        _clock.Advance(TimeSpan.FromMinutes(9));
        inbox.Admit(id, Agency, out _, out _).ShouldBe(InboxVerdict.InFlight);
        _clock.Advance(TimeSpan.FromMinutes(1));
        inbox.Admit(id, Agency, out _, out _).ShouldBe(InboxVerdict.New);
    }

    [Fact]
    public void Every_adapter_shares_one_inbox_bound_from_its_own_section_with_the_documented_defaults()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Adapters:Inbox:MaxAge"] = "02:00:00" });

        var options = provider.GetRequiredService<IOptions<AgencyInboxOptions>>().Value;

        options.Capacity.ShouldBe(500);
        options.MaxAge.ShouldBe(TimeSpan.FromHours(2));
        provider.GetServices<AgencyAnswerInbox>().ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("Capacity", "0")]
    [InlineData("MaxAge", "00:00:00")]
    public void A_bound_that_is_not_positive_fails_start_up_naming_the_setting(string key, string value)
    {
        using var provider = Build(new Dictionary<string, string?> { [$"Adapters:Inbox:{key}"] = value });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain($"Adapters:Inbox:{key}");
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Agencies:SocialSecurity:BaseUrl"] = "https://ss.example";
        settings["Agencies:HousingFund:BaseUrl"] = "https://hf.example";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMassTransit(bus =>
        {
            bus.AddSocialSecurityAdapter(configuration);
            bus.AddHousingFundAdapter(configuration);
        });
        return services.BuildServiceProvider();
    }

    private AgencyAnswerInbox Inbox(AgencyInboxOptions options) => new(Options.Create(options), new ShortAddressSendEndpoints(), new BrokerSendTimeout(Options.Create(new BusOptions())), _clock);
}
