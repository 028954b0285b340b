using System.Net.Http.Json;
using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Verification;
using Dibao.Verification.Sandbox.Population;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>
/// What the tiers sign holds: late answers, answers from the wrong agency, refused questions, a message that cannot be
/// sent and a household that cannot be evaluated each stay where they are, while everything else settles.
/// </summary>
public sealed class ResultsThatHoldTests
{
    private const string HousingFund = "housing-fund";
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task A_late_answer_after_the_city_confirmed_is_kept_as_evidence_and_changes_nothing_signed()
    {
        await using var hub = await RunningHub.StartAsync("Verification:Deadlines:housing-fund=00:00:03");
        hub.Sandbox.Faults.For(HousingFund).Outage = true;

        // Households that fail on what the other agencies know: the city confirms them without the housing fund.
        var oracle = new PolicyOracle(hub.Sandbox.Population, [.. hub.Agencies]);
        var households = hub.Sandbox.Population.Households(start: 2000)
            .Where(h => oracle.Expect(h, AsOf, down: HousingFund).Outcome == "fail")
            .Take(3)
            .ToList();
        var location = (await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!;
        var before = await WaitForAsync(hub, location, v => v.Households.All(h => h.State == "confirmed"));
        before.Households.ShouldAllBe(h => h.Final!.Outcome == "fail" && h.Final.Reasons.Any(r => r.Code == ReasonCodes.AgencyUnavailable && r.Agency == HousingFund));

        // The housing fund answers at last, with an account for everyone: had it counted, reasons would differ.
        foreach (var query in await QueriesAsync(hub, HousingFund))
        {
            await SendToHubAsync(hub, new AgencyFindingsReported(query.Id, HousingFund, DateTimeOffset.UtcNow, 1, [.. query.Persons.Select(AccountFor)]));
        }

        var caseId = before.Households[0].CaseId!.Value;
        var withLate = await WaitForCaseAsync(hub, caseId, c => c.LateEvidence);
        var after = await hub.Client.GetFromJsonAsync<BatchView>(location);

        JsonSerializer.Serialize(after!.Households).ShouldBe(JsonSerializer.Serialize(before.Households), "a late answer changes no outcome, reason or signature");
        var late = withLate.Evidence.Where(e => e.Agency == HousingFund).ToList();
        late.ShouldNotBeEmpty();
        late.ShouldAllBe(e => e.State == "unavailable" && e.Late != null && e.Late.Kind == "records-found");
        late[0].Late!.Facts.ShouldNotBeNull().GetRawText().ShouldContain("HF-LATE");
        (withLate.State, withLate.Outcome, withLate.Round).ShouldBe(("confirmed", "fail", 1));

        var completed = await hub.QueryDatabaseAsync(db => db.Outbox.CountAsync(m => m.MessageType == typeof(HouseholdVerificationCompleted).FullName));
        completed.ShouldBe(households.Count, "one announcement per settlement");
    }

    [Fact]
    public async Task The_township_returns_a_case_with_late_evidence_and_the_new_round_counts_it_without_asking_again()
    {
        await using var hub = await RunningHub.StartAsync(
            "Verification:Deadlines:housing-fund=00:00:03",
            "Confirmation:Tiers:Township:AutoConfirm=Never",
            "Confirmation:Tiers:County:AutoConfirm=Never",
            "Confirmation:Tiers:City:AutoConfirm=Never");
        var faults = hub.Sandbox.Faults.For(HousingFund);
        faults.Outage = true;
        var household = hub.Sandbox.Population.Households(start: 2050).First();
        var location = (await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!;
        var settled = (await hub.WaitForCompletionAsync(location)).Households.Single();
        settled.Verification.Reasons.ShouldContain(r => r.Code == ReasonCodes.AgencyUnavailable && r.Agency == HousingFund);

        // The housing fund comes back; the adapter's own retry delivers its real answer, after the deadline.
        faults.Outage = false;
        var caseId = settled.CaseId!.Value;
        await WaitForCaseAsync(hub, caseId, c => c.Evidence.Where(e => e.Agency == HousingFund).All(e => e.Late != null));
        var asked = hub.Sandbox.RequestCount(HousingFund);

        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { tier = "township", action = "return", reason = "公积金中心逾期答复，重新核对" }))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

        var reverified = await WaitForCaseAsync(hub, caseId, c => c.State == "awaiting-review" && c.Round == 2);
        var expected = hub.Oracle.Expect(household, AsOf);
        reverified.Verification.Outcome.ShouldBe(expected.Outcome);
        reverified.Verification.Reasons.Select(r => r.Code).Order().ShouldBe(expected.ReasonCodes);
        reverified.Evidence.Where(e => e.Agency == HousingFund).ShouldAllBe(e => e.State == "answered" && e.Late == null);
        hub.Sandbox.RequestCount(HousingFund).ShouldBe(asked, "what came late is counted, not asked again");
        reverified.History.Select(s => (s.Action, s.Round)).ShouldBe([("verified", 1), ("return", 1), ("verified", 2)]);

        // Each person is recorded once, when round 1 settled, and the late answers as they came: round 2 asked nothing, so
        // records nothing again.
        var answers = await hub.QueryDatabaseAsync(db => db.AgencyAnswers.AsNoTracking().ToListAsync());
        var audited = await hub.QueryDatabaseAsync(db => db.AuditEntries.AsNoTracking().ToListAsync());
        var persons = answers.Select(a => (string?)a.IdHash).Distinct().Order().ToList();
        answers.Select(a => a.RoundId).Distinct().Count().ShouldBe(2);
        audited.Where(e => e.Kind == AuditKinds.AgencyQuery).Select(e => e.PersonHash).Order().ShouldBe(persons);
        audited.Where(e => e.Kind == AuditKinds.AgencyQuery).ShouldAllBe(e => e.Detail!.Contains(HousingFund + " unavailable deadline"));
        audited.Where(e => e.Kind == AuditKinds.LateAnswer).ShouldAllBe(e => e.Agency == HousingFund);
        audited.Where(e => e.Kind == AuditKinds.LateAnswer).Select(e => e.PersonHash).Order().ShouldBe(persons);
    }

    [Fact]
    public async Task A_late_answer_to_an_earlier_rounds_question_shows_on_the_case_and_the_next_round_counts_it_without_asking_again()
    {
        await using var hub = await RunningHub.StartAsync(
            "Verification:Deadlines:housing-fund=00:00:03",
            "Confirmation:Tiers:Township:AutoConfirm=Never",
            "Confirmation:Tiers:County:AutoConfirm=Never",
            "Confirmation:Tiers:City:AutoConfirm=Never");
        hub.Sandbox.Faults.For(HousingFund).Outage = true;
        var household = hub.Sandbox.Population.Households(start: 2070).First();
        var location = (await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!;
        var caseId = (await hub.WaitForCompletionAsync(location)).Households.Single().CaseId!.Value;
        var firstQuestions = await QueriesAsync(hub, HousingFund);

        // Returned at once, round 2 asks the housing fund again, and its question runs out of time too.
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { tier = "township", action = "return", reason = "公积金中心未答复，重新核对" }))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var second = await WaitForCaseAsync(hub, caseId, c => c.State == "awaiting-review" && c.Round == 2);
        second.Evidence.Where(e => e.Agency == HousingFund).ShouldAllBe(e => e.State == "unavailable" && e.Late == null);

        // Then round 1's question is answered: kept on round 1, and shown on the case, whose current round lacks it.
        foreach (var query in firstQuestions)
        {
            await SendToHubAsync(hub, new AgencyFindingsReported(query.Id, HousingFund, DateTimeOffset.UtcNow, 1, [.. query.Persons.Select(AccountFor)]));
        }

        var withLate = await WaitForCaseAsync(hub, caseId, c => c.LateEvidence);
        withLate.Evidence.Where(e => e.Agency == HousingFund).ShouldAllBe(e => e.State == "unavailable" && e.Late != null && e.Late.Kind == "records-found");
        (withLate.Round, withLate.Verification.Outcome).ShouldBe((2, "incomplete"), "what came late changes nothing signed");

        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { tier = "township", action = "return", reason = "公积金中心逾期答复，重新核对" }))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var third = await WaitForCaseAsync(hub, caseId, c => c.State == "awaiting-review" && c.Round == 3);

        var counted = third.Evidence.Where(e => e.Agency == HousingFund).ToList();
        counted.ShouldNotBeEmpty();
        counted.ShouldAllBe(e => e.State == "answered" && e.Facts!.Value.GetRawText().Contains("HF-LATE"));
        third.Verification.Reasons.ShouldNotContain(r => r.Agency == HousingFund && r.Code == ReasonCodes.AgencyUnavailable);
        (await QueriesAsync(hub, HousingFund)).Count.ShouldBe(2 * firstQuestions.Count, "round 3 asks nothing it already holds");
    }

    [Fact]
    public async Task A_report_naming_another_agency_than_the_one_asked_is_refused()
    {
        await using var hub = await RunningHub.StartAsync("Verification:Deadlines:housing-fund=00:10:00");
        hub.Sandbox.Faults.For(HousingFund).Outage = true;
        var households = hub.Sandbox.Population.Households(start: 2100).Take(2).ToList();
        var location = (await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!;
        await WaitForOnlyAwaitedAsync(hub, HousingFund);
        var query = (await QueriesAsync(hub, HousingFund)).Single();

        // The tax bureau's adapter (or anyone on the bus) answering the housing fund's question.
        await SendToHubAsync(hub, new AgencyFindingsReported(query.Id, "tax", DateTimeOffset.UtcNow, 1, [.. query.Persons.Select(AccountFor)]));
        await SendToHubAsync(hub, new AgencyQueryRefused(query.Id, "vehicle", "HTTP_401", DateTimeOffset.UtcNow));

        // The genuine answer after them settles the batch; had a forged one been taken, its findings would be there.
        await SendToHubAsync(hub, new AgencyFindingsReported(query.Id, HousingFund, DateTimeOffset.UtcNow, 1,
            [.. query.Persons.Select(p => new PersonFinding(p.IdNumber, FindingKind.NoRecords, null, new PersonFacts()))]));
        await hub.WaitForCompletionAsync(location);
        var answers = await hub.QueryDatabaseAsync(db => db.AgencyAnswers.AsNoTracking().Where(a => a.Source == HousingFund).ToListAsync());
        answers.ShouldAllBe(a => a.State == AnswerState.Answered && a.Kind == FindingKind.NoRecords && a.LateAtUtc == null);
    }

    [Fact]
    public async Task A_whole_question_refused_settles_its_households_at_once_as_incomplete_naming_the_agency_and_its_code()
    {
        // An hour's deadline: settling within the test's wait can only come from the refusal.
        await using var hub = await RunningHub.StartAsync("Verification:Deadlines:housing-fund=01:00:00");
        hub.Sandbox.Faults.For(HousingFund).Outage = true;
        var oracle = new PolicyOracle(hub.Sandbox.Population, [.. hub.Agencies]);
        var households = hub.Sandbox.Population.Households(start: 2200)
            .Where(h => oracle.Expect(h, AsOf, down: HousingFund).Outcome != "fail")
            .Take(3)
            .ToList();
        var location = (await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!;
        await WaitForOnlyAwaitedAsync(hub, HousingFund);

        foreach (var query in await QueriesAsync(hub, HousingFund))
        {
            await SendToHubAsync(hub, new AgencyQueryRefused(query.Id, HousingFund, "HTTP_401", DateTimeOffset.UtcNow));
        }

        var view = await hub.WaitForCompletionAsync(location, TimeSpan.FromSeconds(60));
        foreach (var household in view.Households)
        {
            household.Verification.Outcome.ShouldBe("incomplete");
            var refused = household.Verification.Reasons.Where(r => r.Code == ReasonCodes.AgencyQueryRefused).ToList();
            refused.Count.ShouldBe(household.Members);
            refused.ShouldAllBe(r => r.Agency == HousingFund && r.Evidence.Contains("HTTP_401") && r.Severity == "incomplete");
        }

        var @case = await hub.Client.GetFromJsonAsync<CaseView>($"/api/v1/cases/{view.Households[0].CaseId}");
        @case!.Evidence.Where(e => e.Agency == HousingFund).ShouldAllBe(e => e.State == "refused" && e.RefusalCode == "HTTP_401");
    }

    [Fact]
    public async Task An_agency_refusing_the_hubs_key_settles_the_batch_at_once_through_its_adapter()
    {
        // An hour's deadline: a batch completed within the wait below was settled by the refusal.
        await using var hub = await RunningHub.StartAsync("Verification:Deadlines:housing-fund=01:00:00");
        hub.Sandbox.Faults.For(HousingFund).KeyRevoked = true;
        var households = hub.Sandbox.Population.Households(start: 2250).Take(4).ToList();
        var asked = hub.Sandbox.RequestCount(HousingFund);

        var location = (await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!;
        var view = await hub.WaitForCompletionAsync(location, TimeSpan.FromSeconds(60));

        view.Households.ShouldAllBe(h => h.Verification.Outcome == "incomplete" || h.Verification.Outcome == "fail");
        var refused = view.Households.SelectMany(h => h.Verification.Reasons).Where(r => r.Code == ReasonCodes.AgencyQueryRefused).ToList();
        refused.Count.ShouldBe(households.Sum(h => h.Members.Count));
        refused.ShouldAllBe(r => r.Agency == HousingFund && (r.Evidence.Contains("UNAUTHORIZED") || r.Evidence.Contains("HTTP_401")));
        (hub.Sandbox.RequestCount(HousingFund) - asked).ShouldBe(1, "a refusal is not asked again");
    }

    [Fact]
    public async Task A_message_that_cannot_be_sent_is_parked_with_its_error_and_the_rest_flows()
    {
        await using var hub = await RunningHub.StartAsync("Outbox:MaxAttempts=2");
        var poisonId = Guid.CreateVersion7();
        await hub.QueryDatabaseAsync(async db =>
        {
            db.Outbox.Add(new OutboxMessage
            {
                Id = poisonId,
                MessageType = "Dibao.Verification.Contracts.V1.NoSuchMessage",
                Destination = "queue:nowhere",
                Body = "{}",
                CreatedAtUtc = DateTime.UtcNow.AddMinutes(-1),
            });
            return await db.SaveChangesAsync();
        });

        var households = hub.Sandbox.Population.Households(start: 2300).Take(5).ToList();
        var location = (await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!;
        await hub.WaitForCompletionAsync(location);

        var health = await WaitForHealthAsync(hub, h => h.GetProperty("checks").GetProperty("outbox").GetProperty("status").GetString() == "Degraded");
        var outbox = health.GetProperty("checks").GetProperty("outbox");
        outbox.GetProperty("data").GetProperty("parked").GetInt32().ShouldBe(1);
        outbox.GetProperty("data").GetProperty("parkedMessages")[0].GetProperty("lastError").GetString().ShouldNotBeNull().ShouldContain("not a contract type");
        var poison = await hub.QueryDatabaseAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == poisonId));
        (poison.SentAtUtc, poison.Attempts).ShouldBe((null, 2));
        (await hub.QueryDatabaseAsync(db => db.Outbox.CountAsync(m => m.Id != poisonId && m.SentAtUtc == null))).ShouldBe(0);
    }

    [Fact]
    public async Task A_household_that_cannot_be_evaluated_is_parked_as_error_and_the_others_settle()
    {
        string[] settings = ["Verification:Deadlines:housing-fund=00:10:00", "Verification:EvaluationAttempts=2"];
        var first = await RunningHub.StartAsync(settings);
        var hub = first;
        hub.Sandbox.Faults.For(HousingFund).Outage = true;
        var households = hub.Sandbox.Population.Households(start: 2400).Take(3).ToList();
        var location = (await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!;
        await WaitForOnlyAwaitedAsync(hub, HousingFund);

        // A stored answer that no longer reads, in the first household only; then the housing fund's deadline passes.
        var poisoned = households[0].Members[0].IdNumber;
        var poisonedHash = hub.Services.GetRequiredService<PersonalDataProtector>().HashIdNumber(poisoned);
        await hub.QueryDatabaseAsync(db => db.AgencyAnswers.Where(a => a.IdHash == poisonedHash && a.Source == "social-security")
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.FactsJson, "{broken")));
        await hub.QueryDatabaseAsync(db => db.AgencyQueries.Where(q => q.Agency == HousingFund)
            .ExecuteUpdateAsync(set => set.SetProperty(q => q.DeadlineUtc, DateTime.UtcNow.AddMinutes(-1)).SetProperty(q => q.SweepAtUtc, DateTime.UtcNow.AddMinutes(-1))));

        var view = await hub.WaitForCompletionAsync(location);
        var error = view.Households[0];
        error.Verification.Outcome.ShouldBe("error");
        error.Verification.Reasons.ShouldHaveSingleItem().Code.ShouldBe("EVALUATION_ERROR");
        error.CaseId.ShouldBeNull("nothing to sign");
        view.Households.Skip(1).ShouldAllBe(h => h.Verification.Outcome != "error" && h.Verification.Outcome != "pending" && h.CaseId != null);
        var health = await WaitForHealthAsync(hub, h => h.GetProperty("checks").GetProperty("evaluation").GetProperty("status").GetString() == "Degraded");
        var parked = health.GetProperty("checks").GetProperty("evaluation").GetProperty("data");
        parked.GetProperty("parked").GetInt32().ShouldBe(1);
        parked.GetProperty("parkedHouseholds").ToString().ShouldContain(error.Ref);

        // Anyone may ask whether the hub is well, as a load balancer does; which households are parked is the admin's.
        using var anonymous = hub.Anonymous();
        var open = await anonymous.GetStringAsync("/health");
        JsonDocument.Parse(open).RootElement.GetProperty("checks").GetProperty("evaluation").GetProperty("status").GetString().ShouldBe("Degraded");
        open.ShouldNotContain(error.Ref);
        open.ShouldNotContain("\"data\"");
        (await hub.Client.GetStringAsync("/health")).ShouldNotContain(error.Ref, customMessage: "a caseworker is not the hub's operator");

        // Its members were asked about, so the audit trail says so now, not only once a fix lets it settle.
        var subject = "household:" + await hub.QueryDatabaseAsync(db => db.Households.Where(h => h.Ref == error.Ref).Select(h => h.Id).SingleAsync());
        var persons = households[0].Members.Select(m => hub.Services.GetRequiredService<PersonalDataProtector>().HashIdNumber(m.IdNumber)).Order().ToList();
        (await QueriedAsync(hub, subject)).ShouldBe(persons);

        // The stored answer is mended and the hub restarted: the household settles, and its round is not recorded again.
        await hub.QueryDatabaseAsync(db => db.AgencyAnswers.Where(a => a.IdHash == poisonedHash && a.Source == "social-security")
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.FactsJson, (string?)null).SetProperty(a => a.Kind, FindingKind.NoRecords)));
        await using var second = await first.RestartAsync(settings);
        hub = second;
        var settled = await WaitForAsync(hub, location, v => v.Households[0].Verification.Outcome is not ("error" or "pending"));
        settled.Households[0].CaseId.ShouldNotBeNull();
        (await QueriedAsync(hub, subject)).ShouldBe(persons);
    }

    [Fact]
    public async Task A_household_whose_settling_is_cancelled_while_the_hub_is_not_stopping_is_retried_then_parked_and_the_worker_goes_on()
    {
        var cancelled = new SettlingCancelled();
        await using var hub = await RunningHub.StartAsync(
            builder => builder.Services.ConfigureDbContext<HubDbContext>(db => db.AddInterceptors(cancelled)),
            "Verification:EvaluationAttempts=2");
        var households = hub.Sandbox.Population.Households(start: 2500).Take(3).ToList();
        cancelled.HouseholdRef = households[0].HouseholdRef;

        var view = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!);

        var worker = hub.Services.GetServices<IHostedService>().OfType<HouseholdEvaluationWorker>().Single();
        worker.ExecuteTask!.IsCompleted.ShouldBeFalse("a faulted background service stops the hub");
        view.Households[0].Verification.Outcome.ShouldBe("error");
        view.Households.Skip(1).ShouldAllBe(h => h.Verification.Outcome != "error" && h.Verification.Outcome != "pending" && h.CaseId != null);
        cancelled.Count.ShouldBeGreaterThanOrEqualTo(2, "tried again before it was parked");
        var error = await hub.QueryDatabaseAsync(db => db.Households.Where(h => h.Ref == households[0].HouseholdRef).Select(h => h.EvaluationError).SingleAsync());
        error.ShouldNotBeNull().ShouldStartWith(nameof(OperationCanceledException));
    }

    [Fact]
    public async Task Households_whose_last_answers_were_stored_by_an_instance_that_stopped_before_settling_them_settle_all_the_same()
    {
        await using var hub = await RunningHub.StartAsync("Verification:Deadlines:housing-fund=00:10:00", "Verification:ReadyRecheckInterval=00:00:01");
        hub.Sandbox.Faults.For(HousingFund).Outage = true;
        var households = hub.Sandbox.Population.Households(start: 2450).Take(3).ToList();
        var location = (await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!;
        await WaitForOnlyAwaitedAsync(hub, HousingFund);

        // Stored as another hub instance stores a report, which then stopped before it handed the households to its
        // evaluation: nothing here queues them, and the housing fund's deadline is minutes away.
        var at = DateTime.UtcNow;
        await hub.QueryDatabaseAsync(db => db.AgencyAnswers.Where(a => a.Source == HousingFund && a.State == AnswerState.Awaited)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.State, AnswerState.Answered).SetProperty(a => a.Kind, FindingKind.NoRecords).SetProperty(a => a.AnsweredAtUtc, at)));

        var view = await hub.WaitForCompletionAsync(location);
        view.Households.ShouldAllBe(h => h.CaseId != null);
        view.Households.SelectMany(h => h.Verification.Reasons).ShouldNotContain(r => r.Code == ReasonCodes.AgencyUnavailable);
        hub.Log.Events(HouseholdEvaluationWorker.RecheckFailedEvent).ShouldBeEmpty();
    }

    /// <summary>
    /// Cancels every save that would settle the household named, as Npgsql cancels the commands of a connection that broke:
    /// a cancellation the host did not ask for. Parking it is let through.
    /// </summary>
    private sealed class SettlingCancelled : SaveChangesInterceptor
    {
        private volatile string? _householdRef;
        private int _count;

        public string? HouseholdRef
        {
            get => _householdRef;
            set => _householdRef = value;
        }

        /// <summary>Saves cancelled so far.</summary>
        public int Count => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<Household>()
                .Any(e => e.State == EntityState.Modified && e.Entity.Ref == HouseholdRef && e.Entity.CurrentEvaluationId is not null))
            {
                Interlocked.Increment(ref _count);
                throw new OperationCanceledException("Cancelled under the evaluation.");
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }

    /// <summary>The persons the audit trail records as asked about for <paramref name="subject"/>, once per entry.</summary>
    private static async Task<List<string>> QueriedAsync(RunningHub hub, string subject) =>
        [.. (await hub.QueryDatabaseAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Kind == AuditKinds.AgencyQuery && e.Subject == subject).Select(e => e.PersonHash ?? "").ToListAsync())).Order()];

    private static PersonFinding AccountFor(PersonToCheck person) =>
        new(person.IdNumber, FindingKind.RecordsFound, null, new PersonFacts
        {
            HousingFundAccounts = [new HousingFundAccountFact("HF-LATE", HousingFundAccountStatus.Normal, "长春某公司", 9000m, 1080m, 50000m, new DateOnly(2026, 10, 1), null)],
        });

    private static async Task<List<(Guid Id, IReadOnlyList<PersonToCheck> Persons)>> QueriesAsync(RunningHub hub, string source)
    {
        var queries = await hub.QueryDatabaseAsync(db => db.AgencyQueries.AsNoTracking().Where(q => q.Agency == source).Select(q => q.Id).ToListAsync());
        var asked = await hub.QueryDatabaseAsync(db => db.AgencyAnswers.AsNoTracking().Where(a => a.Source == source)
            .Join(db.Members, a => a.MemberId, m => m.Id, (a, m) => new { a.QueryId, m.IdNumber }).ToListAsync());
        return [.. queries.Select(id => (id, (IReadOnlyList<PersonToCheck>)[.. asked.Where(a => a.QueryId == id).Select(a => new PersonToCheck(a.IdNumber, "姓名"))]))];
    }

    private static Task SendToHubAsync<T>(RunningHub hub, T message)
        where T : class =>
        hub.InScopeAsync(async services =>
        {
            var endpoint = await services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:" + HubQueues.AgencyAnswers));
            await endpoint.Send(message);
            return true;
        });

    /// <summary>Every agency but <paramref name="source"/> has answered about everyone.</summary>
    private static Task WaitForOnlyAwaitedAsync(RunningHub hub, string source) =>
        Eventually(() => hub.QueryDatabaseAsync(async db =>
            await db.AgencyAnswers.AnyAsync() && !await db.AgencyAnswers.AnyAsync(a => a.State == AnswerState.Awaited && a.Source != source)));

    private static async Task<BatchView> WaitForAsync(RunningHub hub, Uri location, Func<BatchView, bool> condition)
    {
        BatchView? view = null;
        await Eventually(async () => condition(view = (await hub.Client.GetFromJsonAsync<BatchView>(location))!));
        return view!;
    }

    private static async Task<CaseView> WaitForCaseAsync(RunningHub hub, Guid caseId, Func<CaseView, bool> condition)
    {
        CaseView? view = null;
        await Eventually(async () => condition(view = (await hub.Client.GetFromJsonAsync<CaseView>($"/api/v1/cases/{caseId}"))!));
        return view!;
    }

    private static async Task<JsonElement> WaitForHealthAsync(RunningHub hub, Func<JsonElement, bool> condition)
    {
        JsonElement health = default;
        var admin = hub.ClientAs(HubRoles.Admin, "2201", "admin-01");
        await Eventually(async () => condition(health = JsonDocument.Parse(await admin.GetStringAsync("/health")).RootElement.Clone()));
        return health;
    }

    /// <summary>Generous, for a busy machine: the conditions here come true in seconds when nothing is wrong.</summary>
    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not come true within 90 seconds.");
            }

            await Task.Delay(200);
        }
    }
}
