using System.Net;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Tests.Startup;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.Postgres;

/// <summary>The hub on a real PostgreSQL server: its migrations, its refusal to run on a schema behind it, and a batch end to end.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresHubTests(PostgresCluster cluster)
{
    [PostgresFact]
    public async Task Migrate_applies_every_PostgreSQL_migration_then_finds_nothing_to_apply()
    {
        var database = await cluster.CreateDatabaseAsync();
        string[] command = ["migrate", "--Database:Provider=postgres", $"--Database:ConnectionString={database}"];

        var first = await HubProcess.RunAsync(new Dictionary<string, string>(), command);
        var second = await HubProcess.RunAsync(new Dictionary<string, string>(), command);

        first.ExitCode.ShouldBe(0, first.Stderr);
        await using var services = HubDatabase.Services("Postgres", database);
        var (migrations, pending, outbox) = await HubDatabase.InScopeAsync(services, async db =>
            (db.Database.GetMigrations().ToList(), (await db.Database.GetPendingMigrationsAsync()).ToList(), await db.Outbox.CountAsync()));
        migrations.ShouldNotBeEmpty();
        foreach (var migration in migrations)
        {
            first.Stdout.ShouldContain($"Applied {migration}");
        }

        pending.ShouldBeEmpty();
        outbox.ShouldBe(0);
        second.ExitCode.ShouldBe(0, second.Stderr);
        second.Stdout.ShouldNotContain("Applied ");
        second.Stdout.ShouldContain("nothing to apply");
    }

    [PostgresFact]
    public async Task A_hub_that_does_not_migrate_at_start_up_refuses_a_database_lacking_migrations_naming_migrate()
    {
        var database = await cluster.CreateDatabaseAsync();

        var result = await HubProcess.RunAsync(
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" },
            "--Database:Provider=Postgres",
            $"--Database:ConnectionString={database}");

        result.ShouldBeOneLineConfigurationError("Database:MigrateAtStartup", "-- migrate");
    }

    [PostgresFact]
    public async Task A_batch_verified_on_PostgreSQL_gets_the_outcomes_the_policy_gives_with_one_case_per_household()
    {
        await using var hub = await RunningHub.StartOnPostgresAsync(await cluster.CreateDatabaseAsync());
        var households = hub.Sandbox.Population.Households(start: 1100).Take(120).ToList();

        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, BatchVerificationTests.AsOf));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var view = await hub.WaitForCompletionAsync(response.Headers.Location!);
        view.Households.Select(h => h.Ref).ShouldBe(households.Select(h => h.HouseholdRef));
        BatchVerificationTests.ShouldMatchPolicy(hub.Oracle, households, view);
        view.Households.Select(h => h.Verification.Outcome).Distinct().Count().ShouldBeGreaterThanOrEqualTo(2);
        var cases = await hub.QueryDatabaseAsync(db => db.Cases.AsNoTracking().Select(c => c.HouseholdRef).ToListAsync());
        cases.Order(StringComparer.Ordinal).ShouldBe(households.Select(h => h.HouseholdRef).Order(StringComparer.Ordinal));

        // The announcements of the results follow them out of the outbox.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await hub.QueryDatabaseAsync(db => db.Outbox.AsNoTracking().AnyAsync(m => m.SentAtUtc == null)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var outbox = await hub.QueryDatabaseAsync(db => db.Outbox.AsNoTracking().ToListAsync());
        outbox.ShouldAllBe(m => m.SentAtUtc != null && m.Attempts == 1);
    }

    [PostgresFact]
    public async Task Questions_lost_with_a_stopped_hub_are_asked_again_after_restart_and_nothing_is_counted_twice()
    {
        var first = await RunningHub.StartOnPostgresAsync(
            await cluster.CreateDatabaseAsync(), "Sandbox:Faults:housing-fund:Outage=true", "Agencies:HousingFund:Deadline=00:10:00");
        var households = first.Sandbox.Population.Households(start: 1300).Take(15).ToList();
        var response = await first.SubmitAsync(HouseholdBatches.Json(households, BatchVerificationTests.AsOf));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await first.QueryDatabaseAsync(db => db.AgencyQueries.AnyAsync(q => q.Agency == "social-security" && q.AnsweredAtUtc != null)))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "social security never answered");
            await Task.Delay(100);
        }

        await using var second = await first.RestartAsync();
        var view = await second.WaitForCompletionAsync(response.Headers.Location!);

        BatchVerificationTests.ShouldMatchPolicy(second.Oracle, households, view);
        var answers = await second.QueryDatabaseAsync(db => db.AgencyAnswers.AsNoTracking().ToListAsync());
        answers.GroupBy(a => (a.MemberId, a.Source)).ShouldAllBe(g => g.Count() == 1);
        second.Sandbox.RequestCount("social-security").ShouldBe(0, "social security had answered before the restart");
        second.Sandbox.RequestCount("housing-fund").ShouldBeGreaterThan(0);
    }

    [PostgresFact]
    public async Task A_batch_sent_again_at_the_same_moment_with_its_key_is_stored_once()
    {
        await using var hub = await RunningHub.StartOnPostgresAsync(await cluster.CreateDatabaseAsync());

        await SubmissionKeyTests.ShouldBeStoredOnceWhenSentAtOnceAsync(hub);
    }
}
