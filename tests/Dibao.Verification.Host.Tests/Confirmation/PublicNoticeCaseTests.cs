using Dibao.Verification.Domain.Calendar;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Tests.Verification;
using Microsoft.Extensions.Options;
using Case = Dibao.Verification.Host.Confirmation.Case;

namespace Dibao.Verification.Host.Tests.Confirmation;

/// <summary>The public notice (公示) between a pass and the city's signature, on the case alone.</summary>
public class PublicNoticeCaseTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);

    private static readonly NoticePeriod Week = new(new DateOnly(2026, 11, 28), new DateOnly(2026, 12, 4));

    /// <summary>An office day within <see cref="Week"/>.</summary>
    private static readonly DateOnly DuringWeek = new(2026, 11, 30);

    private static Case AtCounty(Outcome outcome = Outcome.Pass, bool reviewReasons = false)
    {
        var @case = Case.Open(Guid.NewGuid(), Guid.NewGuid(), "H-1", "220105001", new CaseEvaluation(Guid.NewGuid(), 1, outcome, reviewReasons), Now);
        @case.Decide(Tier.Township, ReviewAction.Confirm, null, null, "township-1", Now).Accepted.ShouldBeTrue();
        return @case;
    }

    private static Case OnNotice()
    {
        var @case = AtCounty();
        @case.Decide(Tier.County, ReviewAction.Confirm, null, null, "county-1", Now, notice: Week).Accepted.ShouldBeTrue();
        return @case;
    }

    /// <summary>A fail the county signed, waiting for the city.</summary>
    private static Case CountyFailAtCity()
    {
        var @case = AtCounty(Outcome.Fail);
        @case.Decide(Tier.County, ReviewAction.Confirm, null, null, "county-1", Now, notice: Week).Accepted.ShouldBeTrue();
        @case.Tier.ShouldBe(Tier.City);
        return @case;
    }

    [Fact]
    public void A_pass_confirmed_by_the_county_goes_on_notice_for_its_period_instead_of_to_the_city()
    {
        var @case = OnNotice();

        (@case.Tier, @case.State, @case.NoticeFrom, @case.NoticeTo).ShouldBe((Tier.County, CaseState.OnNotice, Week.From, Week.To));
        @case.History.TakeLast(2).Select(s => (s.Action, s.By)).ShouldBe([(CaseActions.Confirm, "county-1"), (CaseActions.Notice, CaseActions.System)]);
        @case.History[^1].Reason!.ShouldContain("2026-11-28至2026-12-04");
        @case.IsOpen.ShouldBeFalse("no tier has a decision due while the public looks");
    }

    [Fact]
    public void A_pass_amended_by_the_county_goes_on_notice_too_and_a_fail_never_does()
    {
        var amended = AtCounty(Outcome.Review, reviewReasons: true);
        amended.Decide(Tier.County, ReviewAction.Amend, Outcome.Pass, "入户调查后认定", "county-1", Now, notice: Week).Accepted.ShouldBeTrue();
        var failed = AtCounty(Outcome.Fail);
        failed.Decide(Tier.County, ReviewAction.Confirm, null, null, "county-1", Now, notice: Week).Accepted.ShouldBeTrue();

        amended.State.ShouldBe(CaseState.OnNotice);
        (failed.Tier, failed.State, failed.NoticeFrom).ShouldBe((Tier.City, CaseState.AwaitingReview, null));
    }

    [Fact]
    public void A_fail_the_county_amends_to_pass_goes_on_notice()
    {
        var @case = AtCounty(Outcome.Fail);

        @case.Decide(Tier.County, ReviewAction.Amend, Outcome.Pass, "入户核实收入低于标准", "county-1", Now, notice: Week).Accepted.ShouldBeTrue();

        (@case.Tier, @case.State, @case.Outcome, @case.NoticeTo).ShouldBe((Tier.County, CaseState.OnNotice, Outcome.Pass, Week.To));
    }

    [Fact]
    public void A_county_s_fail_the_city_amends_to_pass_goes_on_notice_at_the_city_which_signs_the_pass_after_it()
    {
        var @case = CountyFailAtCity();

        var amended = @case.Decide(Tier.City, ReviewAction.Amend, Outcome.Pass, "入户核实收入低于标准", "city-1", Now, notice: Week);

        (amended.Accepted, amended.Confirmed, @case.ConfirmedAtUtc).ShouldBe((true, false, null));
        (@case.Tier, @case.State, @case.Outcome, @case.NoticeFrom, @case.NoticeTo).ShouldBe((Tier.City, CaseState.OnNotice, Outcome.Pass, Week.From, Week.To));
        @case.History.TakeLast(2).Select(s => (s.Tier, s.Action, s.By)).ShouldBe([(Tier.City, CaseActions.Amend, "city-1"), (Tier.City, CaseActions.Notice, CaseActions.System)]);
        @case.Decide(Tier.City, ReviewAction.Confirm, null, null, "city-1", Now, notice: Week).RefusalCode.ShouldBe("case-not-open");

        // Back at the city with a new deadline; its own amendment is never confirmed by the hub.
        @case.NoticeEnded(Now.AddDays(8)).ShouldBeTrue();
        (@case.Tier, @case.State, @case.TierEnteredAtUtc).ShouldBe((Tier.City, CaseState.AwaitingReview, Now.AddDays(8)));
        (@case.History[^1].Tier, @case.History[^1].Action).ShouldBe((Tier.City, CaseActions.NoticeEnded));
        @case.AutoConfirm(_ => AutoConfirmMode.Clean, Now.AddDays(8), Week).ShouldBeFalse();

        var signed = @case.Decide(Tier.City, ReviewAction.Confirm, null, null, "city-1", Now.AddDays(9), notice: Week);

        (signed.Accepted, signed.Confirmed).ShouldBe((true, true));
        (@case.State, @case.Outcome, @case.AmendmentReason).ShouldBe((CaseState.Confirmed, Outcome.Pass, "入户核实收入低于标准"));
        @case.History.Count(s => s.Action == CaseActions.Notice).ShouldBe(1);
    }

    [Fact]
    public void An_objection_to_the_city_s_pass_sends_the_case_back_to_the_county()
    {
        var @case = CountyFailAtCity();
        @case.Decide(Tier.City, ReviewAction.Amend, Outcome.Pass, "入户核实收入低于标准", "city-1", Now, notice: Week).Accepted.ShouldBeTrue();

        @case.Objected("邻居反映其家庭有经营性收入", "township-2", Now.AddDays(2), DuringWeek).Accepted.ShouldBeTrue();

        (@case.Tier, @case.State).ShouldBe((Tier.County, CaseState.Returned));
        @case.NoticeEnded(Now.AddDays(8)).ShouldBeFalse();
    }

    [Fact]
    public void Without_a_notice_period_the_city_s_amendment_to_pass_is_final_at_once()
    {
        var @case = CountyFailAtCity();

        @case.Decide(Tier.City, ReviewAction.Amend, Outcome.Pass, "入户核实收入低于标准", "city-1", Now, notice: null).Confirmed.ShouldBeTrue();

        @case.State.ShouldBe(CaseState.Confirmed);
        @case.History.ShouldNotContain(s => s.Action == CaseActions.Notice);
    }

    [Fact]
    public void A_pass_whose_notice_ended_in_this_round_is_not_posted_again_by_the_city_but_one_of_an_earlier_round_is()
    {
        var @case = OnNotice();
        @case.NoticeEnded(Now.AddDays(8)).ShouldBeTrue();
        @case.Decide(Tier.City, ReviewAction.Return, null, "请县级再核", "city-1", Now.AddDays(8)).Accepted.ShouldBeTrue();
        @case.Decide(Tier.County, ReviewAction.Amend, Outcome.Fail, "有未申报收入", "county-1", Now.AddDays(9), notice: Week).Accepted.ShouldBeTrue();

        @case.Decide(Tier.City, ReviewAction.Amend, Outcome.Pass, "收入为一次性", "city-1", Now.AddDays(10), notice: Week).Confirmed.ShouldBeTrue();

        var corrected = OnNotice();
        corrected.NoticeEnded(Now.AddDays(8)).ShouldBeTrue();
        corrected.Decide(Tier.City, ReviewAction.Return, null, "成员有误", "city-1", Now.AddDays(8)).Accepted.ShouldBeTrue();
        corrected.Decide(Tier.County, ReviewAction.Return, null, "成员有误", "county-1", Now.AddDays(8)).Accepted.ShouldBeTrue();
        corrected.Correct("补录成员", "township-1", Now.AddDays(9)).Accepted.ShouldBeTrue();
        corrected.Reverified(new CaseEvaluation(Guid.NewGuid(), 2, Outcome.Fail, false), Now.AddDays(10)).ShouldBeTrue();
        corrected.Decide(Tier.Township, ReviewAction.Confirm, null, null, "township-1", Now.AddDays(10)).Accepted.ShouldBeTrue();
        corrected.Decide(Tier.County, ReviewAction.Confirm, null, null, "county-1", Now.AddDays(10), notice: Week).Accepted.ShouldBeTrue();

        corrected.Decide(Tier.City, ReviewAction.Amend, Outcome.Pass, "新增成员无收入", "city-1", Now.AddDays(11), notice: Week).Confirmed.ShouldBeFalse();

        corrected.State.ShouldBe(CaseState.OnNotice);
    }

    [Fact]
    public void An_objection_is_taken_until_the_notice_s_last_day_is_over_and_refused_after_though_the_job_has_not_run()
    {
        OnNotice().Objected("最后一天登记的异议", "township-2", Now.AddDays(7), Week.To).Accepted.ShouldBeTrue();
        var @case = OnNotice();
        var version = @case.Version;

        @case.Objected("期满后登记的异议", "township-2", Now.AddDays(8), Week.To.AddDays(1)).RefusalCode.ShouldBe("notice-ended");

        (@case.Tier, @case.State, @case.Version).ShouldBe((Tier.County, CaseState.OnNotice, version));
        @case.NoticeEnded(Now.AddDays(8)).ShouldBeTrue("the notice job sends it on as any notice without objection");
        (@case.Tier, @case.State).ShouldBe((Tier.City, CaseState.AwaitingReview));
    }

    [Fact]
    public void Without_a_notice_period_the_county_s_pass_goes_straight_to_the_city()
    {
        var @case = AtCounty();

        @case.Decide(Tier.County, ReviewAction.Confirm, null, null, "county-1", Now, notice: null).Accepted.ShouldBeTrue();

        (@case.Tier, @case.State).ShouldBe((Tier.City, CaseState.AwaitingReview));
        @case.History.ShouldNotContain(s => s.Action == CaseActions.Notice);
    }

    [Fact]
    public void A_clean_pass_confirming_itself_stops_at_the_notice()
    {
        var @case = Case.Open(Guid.NewGuid(), Guid.NewGuid(), "H-1", "220105001", new CaseEvaluation(Guid.NewGuid(), 1, Outcome.Pass, false), Now);

        @case.AutoConfirm(_ => AutoConfirmMode.Clean, Now, Week).ShouldBeFalse();

        (@case.Tier, @case.State).ShouldBe((Tier.County, CaseState.OnNotice));
    }

    [Fact]
    public void Nobody_decides_during_the_notice_and_its_end_hands_the_case_to_the_city_saying_so()
    {
        var @case = OnNotice();
        var version = @case.Version;

        @case.Decide(Tier.County, ReviewAction.Confirm, null, null, "county-2", Now).RefusalCode.ShouldBe("case-not-open");
        @case.Decide(Tier.City, ReviewAction.Confirm, null, null, "city-1", Now).RefusalCode.ShouldBe("case-not-open");
        @case.Version.ShouldBe(version);
        @case.NoticeEnded(Now.AddDays(8)).ShouldBeTrue();
        @case.NoticeEnded(Now.AddDays(8)).ShouldBeFalse("a notice ends once");

        (@case.Tier, @case.State, @case.TierEnteredAtUtc).ShouldBe((Tier.City, CaseState.AwaitingReview, Now.AddDays(8)));
        var step = @case.History[^1];
        (step.Action, step.By, step.Tier).ShouldBe((CaseActions.NoticeEnded, CaseActions.System, Tier.County));
        step.Reason!.ShouldContain("无异议");
    }

    [Fact]
    public void An_objection_during_the_notice_returns_the_case_to_the_county_with_the_objection_in_its_history()
    {
        var @case = OnNotice();

        @case.Objected("  ", "township-2", Now, DuringWeek).Accepted.ShouldBeFalse();
        var transition = @case.Objected("邻居反映其家庭有经营性收入", "township-2", Now.AddDays(2), DuringWeek);

        transition.Accepted.ShouldBeTrue();
        (@case.Tier, @case.State).ShouldBe((Tier.County, CaseState.Returned));
        var step = @case.History[^1];
        (step.Action, step.By, step.Reason).ShouldBe((CaseActions.Objection, "township-2", "邻居反映其家庭有经营性收入"));
        @case.NoticeEnded(Now.AddDays(8)).ShouldBeFalse("the objection ended the notice");
        @case.Objected("再次异议", "township-2", Now, DuringWeek).RefusalCode.ShouldBe("action-not-allowed");

        // The county looks again; confirming posts a new notice.
        @case.Decide(Tier.County, ReviewAction.Confirm, null, "核实无经营性收入", "county-1", Now.AddDays(3), notice: Week with { From = new DateOnly(2026, 12, 1), To = new DateOnly(2026, 12, 7) })
            .Accepted.ShouldBeTrue();
        (@case.State, @case.NoticeTo).ShouldBe((CaseState.OnNotice, new DateOnly(2026, 12, 7)));
    }

    [Fact]
    public void A_caseworker_who_recorded_an_objection_may_still_sign_the_township_tier()
    {
        var @case = OnNotice();
        @case.Objected("异议", "township-1", Now, DuringWeek).Accepted.ShouldBeTrue();
        @case.Decide(Tier.County, ReviewAction.Return, null, "请乡镇核实", "county-1", Now).Accepted.ShouldBeTrue();

        @case.Decide(Tier.Township, ReviewAction.Confirm, null, null, "township-1", Now).Accepted.ShouldBeTrue();
    }

    [Theory]
    [InlineData(7, "2026-11-28", "2026-12-04")]
    [InlineData(1, "2026-11-28", "2026-11-28")]
    [InlineData(5, "2026-11-28", "2026-12-02")]
    public void A_notice_starting_on_a_friday_in_november_runs_its_calendar_days_across_the_month_end(int days, string from, string to)
    {
        // Friday 2026-11-27, 10:00 in China.
        var deadlines = Deadlines(days, new DateTimeOffset(Now, TimeSpan.Zero));

        deadlines.NoticeFromToday().ShouldBe(new NoticePeriod(DateOnly.Parse(from), DateOnly.Parse(to)));
    }

    [Fact]
    public void Zero_notice_days_turns_the_stage_off_and_the_office_day_is_china_s()
    {
        Deadlines(0, new DateTimeOffset(Now, TimeSpan.Zero)).NoticeFromToday().ShouldBeNull();

        // 23:30 UTC on the 27th is already the 28th in China.
        Deadlines(7, new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero)).NoticeFromToday()!.From.ShouldBe(new DateOnly(2026, 11, 29));
    }

    private static CaseDeadlines Deadlines(int days, DateTimeOffset now)
    {
        var options = Options.Create(new ConfirmationOptions { PublicNoticeDays = days });
        return new(new WorkingDayCalendar([]), options, new OfficeClock(new ManualTimeProvider(now), options));
    }
}
