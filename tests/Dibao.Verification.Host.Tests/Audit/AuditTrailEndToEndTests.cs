using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Problems;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Audit;

/// <summary>The audit trail of the real hub: what a batch, its readers, its reviewers and its refusals leave in it, and the auditors' API.</summary>
public sealed class AuditTrailEndToEndTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task A_batch_leaves_an_entry_per_member_with_every_agency_s_answer_and_every_read_decision_and_refusal_is_audited()
    {
        await using var hub = await RunningHub.StartAsync("Confirmation:Tiers:Township:AutoConfirm=Never");
        var households = hub.Sandbox.Population.Households(start: 2400).Take(3).ToList();
        var location = (await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!;
        var batch = await hub.WaitForCompletionAsync(location);
        var persons = hub.Services.GetRequiredService<PersonHasher>();
        var numbers = households.SelectMany(h => h.Members).ToDictionary(m => persons.Hash(m.IdNumber), m => m.IdNumber);

        // Every member once, by the submitting caseworker, with each source asked and its answer in summary.
        var answers = await hub.QueryDatabaseAsync(db => db.AgencyAnswers.AsNoTracking().ToListAsync());
        var queries = (await EntriesAsync(hub)).Where(e => e.Kind == AuditKinds.AgencyQuery).ToList();
        // Each answer names its member by the keyed hash of their number, which the audit trail uses too.
        answers.Select(a => numbers[a.IdHash]).Distinct().Count().ShouldBe(households.Sum(h => h.Members.Count));
        queries.Select(e => (e.PersonHash, e.Subject)).Order().ShouldBe(answers.Select(a => ((string?)a.IdHash, (string?)("household:" + a.HouseholdId))).Distinct().Order());
        foreach (var answer in answers)
        {
            queries.Single(e => e.PersonHash == answer.IdHash).Detail!.ShouldContain($"{answer.Source} {Summary(answer)} at ");
        }

        foreach (var person in answers.GroupBy(a => a.IdHash))
        {
            queries.Single(e => e.PersonHash == person.Key).Outcome.ShouldBe($"answered:{person.Count()}");
        }

        queries.ShouldAllBe(e => e.User == RunningHub.Caseworker && e.Purpose == "new-application" && e.Township == RunningHub.Township && e.Agency == null);
        answers.ShouldContain(a => a.Kind == FindingKind.RecordsFound);

        // A case read, a decision, a read outside the caller's township and a role refused.
        var caseId = batch.Households[0].CaseId!.Value;
        var view = await hub.Client.GetFromJsonAsync<CaseView>($"/api/v1/cases/{caseId}");
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "confirm", version = view!.Version })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hub.ClientAs(HubRoles.TownshipCaseworker, "220105002", "neighbour-01").GetAsync($"/api/v1/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-01").PostAsJsonAsync("/api/v1/batches", HouseholdBatches.Json(households, AsOf)))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var entries = await EntriesAsync(hub);
        entries.ShouldContain(e => e.Kind == AuditKinds.Read && e.Subject == $"batch:{batch.BatchId}" && e.User == RunningHub.Caseworker && e.Township == RunningHub.Township);
        entries.ShouldContain(e => e.Kind == AuditKinds.Read && e.Subject == $"case:{caseId}" && e.User == RunningHub.Caseworker && e.Role == HubRoles.TownshipCaseworker);
        var decision = entries.Single(e => e.Kind == AuditKinds.Decision);
        (decision.User, decision.Role, decision.Jurisdiction, decision.Subject, decision.Outcome, decision.Township)
            .ShouldBe((RunningHub.Caseworker, HubRoles.TownshipCaseworker, RunningHub.Township, $"case:{caseId}", "confirm", RunningHub.Township));
        decision.Detail.ShouldNotBeNull().ShouldContain("tier township");
        entries.ShouldContain(e => e.Kind == AuditKinds.AccessDenied && e.User == "neighbour-01" && e.Subject == $"case:{caseId}"
            && e.Outcome == ProblemCodes.OutsideJurisdiction && e.Township == RunningHub.Township);
        entries.ShouldContain(e => e.Kind == AuditKinds.AccessDenied && e.User == "county-01" && e.Outcome == ProblemCodes.RoleNotPermitted && e.Detail == "POST /api/v1/batches");
        entries.ShouldNotContain(e => e.Kind == AuditKinds.Read && e.User == "neighbour-01");

        // No identity number is kept in the trail: persons are named by their keyed hash only.
        var stored = JsonSerializer.Serialize(entries);
        households.SelectMany(h => h.Members).ShouldAllBe(m => !stored.Contains(m.IdNumber, StringComparison.Ordinal));

        await using var check = hub.Services.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Auditors_query_the_trail_by_person_user_and_period_within_their_jurisdiction_and_check_the_chain()
    {
        await using var hub = await RunningHub.StartAsync();
        var households = hub.Sandbox.Population.Households(start: 2450).Take(2).ToList();
        var location = (await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!;
        await hub.WaitForCompletionAsync(location);
        (await hub.ClientAs(HubRoles.TownshipCaseworker, "220105002", "neighbour-01").GetAsync(location)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var auditor = hub.ClientAs(HubRoles.Auditor, "2201", "auditor-01");
        var person = households[1].Members[0].IdNumber;
        var hash = hub.Services.GetRequiredService<PersonHasher>().Hash(person);

        var byPerson = await PageAsync(auditor, $"/api/v1/audit?idNumber={person}&pageSize=1000");
        var asked = await hub.QueryDatabaseAsync(db => db.AgencyAnswers.Where(a => a.IdHash == hash).Select(a => a.Source).ToListAsync());
        asked.Count.ShouldBeGreaterThanOrEqualTo(hub.Agencies.Count);
        byPerson.Entries.ShouldHaveSingleItem().Kind.ShouldBe(AuditKinds.AgencyQuery);
        byPerson.Entries[0].PersonHash.ShouldBe(hash);
        asked.ShouldAllBe(source => byPerson.Entries[0].Detail!.Contains(source + " answered:"));

        var byUser = await PageAsync(auditor, "/api/v1/audit?user=neighbour-01");
        byUser.Entries.ShouldHaveSingleItem().Outcome.ShouldBe(ProblemCodes.OutsideJurisdiction);

        var all = await EntriesAsync(hub);
        var middle = all[all.Count / 2].AtUtc;
        var since = await PageAsync(auditor, $"/api/v1/audit?from={Time(middle)}&pageSize=1000");
        var before = await PageAsync(auditor, $"/api/v1/audit?to={Time(middle)}&pageSize=1000");
        since.Entries.ShouldAllBe(e => e.AtUtc >= middle);
        before.Entries.ShouldAllBe(e => e.AtUtc < middle);
        (since.Entries.Count + before.Entries.Count).ShouldBeGreaterThanOrEqualTo(all.Count);

        // Pages, newest first, follow one another (of the caseworker's entries: the auditor's reads add their own).
        var first = await PageAsync(auditor, $"/api/v1/audit?user={RunningHub.Caseworker}&page=1&pageSize=5");
        var second = await PageAsync(auditor, $"/api/v1/audit?user={RunningHub.Caseworker}&page=2&pageSize=5");
        first.HasMore.ShouldBeTrue();
        first.Entries.Concat(second.Entries).Select(e => e.Sequence).ShouldBe(first.Entries.Concat(second.Entries).Select(e => e.Sequence).OrderDescending());
        second.Entries[0].Sequence.ShouldBe(all.Last(e => e.User == RunningHub.Caseworker && e.Sequence < first.Entries[^1].Sequence).Sequence);

        // The auditor's own lookup is audited by the person's hash, and the identity number is neither stored nor logged.
        (await EntriesAsync(hub)).ShouldContain(e => e.Kind == AuditKinds.Read && e.User == "auditor-01" && e.PersonHash == hash && e.Detail == "GET /api/v1/audit");
        hub.Log.Tail(100_000).ShouldNotContain(person);

        // An auditor of another city sees none of it; other roles may not read the trail at all.
        (await PageAsync(hub.ClientAs(HubRoles.Auditor, "2202", "auditor-02"), $"/api/v1/audit?idNumber={person}")).Entries.ShouldBeEmpty();
        (await hub.ClientAs(HubRoles.Auditor, "2202", "auditor-02").GetAsync($"/api/v1/audit?jurisdiction={RunningHub.Township}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var (role, code) in new[] { (HubRoles.TownshipCaseworker, RunningHub.Township), (HubRoles.CityReviewer, "2201"), (HubRoles.Admin, "2201") })
        {
            (await hub.ClientAs(role, code, role).GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
            (await hub.ClientAs(role, code, role).GetAsync("/api/v1/audit/verification")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
        }

        var verification = await auditor.GetFromJsonAsync<AuditVerification>("/api/v1/audit/verification", HubJson.Options);
        verification!.Intact.ShouldBeTrue();
        verification.Entries.ShouldBeGreaterThanOrEqualTo(all.Count);
        (await EntriesAsync(hub)).ShouldContain(e => e.Kind == AuditKinds.Read && e.User == "auditor-01" && e.Detail == "GET /api/v1/audit/verification");

        // A refusal outside the jurisdiction on the staff-relatives register is audited as every other.
        var admin = hub.ClientAs(HubRoles.Admin, "220105", "admin-01");
        (await admin.PostAsJsonAsync("/api/v1/staff-relatives", new { staffUser = "county-07", idNumber = person, relation = "sibling", jurisdiction = "220106" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await EntriesAsync(hub)).ShouldContain(e => e.Kind == AuditKinds.AccessDenied && e.User == "admin-01" && e.Outcome == ProblemCodes.OutsideJurisdiction);
        await hub.QueryDatabaseAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "User" = 'someone-else' WHERE "Sequence" = 2"""));
        var broken = await auditor.GetFromJsonAsync<AuditVerification>("/api/v1/audit/verification", HubJson.Options);
        (broken!.Intact, broken.FirstBroken?.Sequence).ShouldBe((false, 2L));
    }

    [Fact]
    public async Task Refused_and_unanswered_questions_are_audited_as_fully_as_answered_ones()
    {
        await using var hub = await RunningHub.StartAsync(
            "Sandbox:Faults:housing-fund:KeyRevoked=true", "Verification:Deadlines:housing-fund=01:00:00",
            "Sandbox:Faults:vehicle:Outage=true", "Verification:Deadlines:vehicle=00:00:03");
        var households = hub.Sandbox.Population.Households(start: 2500).Take(2).ToList();
        var location = (await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!;
        await hub.WaitForCompletionAsync(location, TimeSpan.FromSeconds(90));
        var persons = hub.Services.GetRequiredService<PersonHasher>();
        var members = households.SelectMany(h => h.Members).Select(m => persons.Hash(m.IdNumber)).Order().ToList();

        var queries = (await EntriesAsync(hub)).Where(e => e.Kind == AuditKinds.AgencyQuery).ToList();
        queries.Select(e => e.PersonHash).Order().ShouldBe(members!);
        queries.ShouldAllBe(e => e.User == RunningHub.Caseworker && e.Purpose == "new-application" && e.Subject!.StartsWith("household:"));
        queries.ShouldAllBe(e => e.Outcome!.Contains("refused:1") && e.Outcome.Contains("unavailable:1") && e.Outcome.Contains("answered:"));
        queries.ShouldAllBe(e => Regex.IsMatch(e.Detail!, @"housing-fund refused:\S+ at \S+Z"));
        queries.ShouldAllBe(e => Regex.IsMatch(e.Detail!, @"vehicle unavailable deadline \S+Z"));
        queries.ShouldAllBe(e => e.Detail!.Contains("tax answered:"));
    }

    private static string Summary(AgencyAnswerRecord answer) => answer.Kind switch
    {
        FindingKind.RecordsFound => "answered:records-found",
        FindingKind.NoRecords => "answered:no-records",
        _ => "answered:refused:" + answer.RefusalCode,
    };

    private static async Task<List<AuditEntry>> EntriesAsync(RunningHub hub) =>
        await hub.QueryDatabaseAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());

    private static async Task<AuditPage> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AuditPage>(HubJson.Options))!;
    }

    private static string Time(DateTime utc) => Uri.EscapeDataString(DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O"));
}
