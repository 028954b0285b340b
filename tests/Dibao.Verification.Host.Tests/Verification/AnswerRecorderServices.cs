using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Tests.PersonalData;
using Microsoft.EntityFrameworkCore;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Tests.Audit;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Verification;

/// <summary>The hub's answer recording alone, as the hub registers it.</summary>
public static class AnswerRecorderServices
{
    /// <summary>On a SQLite file in <c>folder</c>.</summary>
    public static ServiceProvider On(string folder) => On("Sqlite", $"Data Source={Path.Combine(folder, "hub.db")}");

    public static ServiceProvider On(string provider, string connectionString) =>
        HubDatabase.Services(provider, connectionString, (services, _) => Register(services));

    /// <summary>The recorder and what it needs beside the database.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<EvaluationQueue>();
        services.AddScoped<AgencyAnswerRecorder>();
        services.AddScoped<ChunkAnswers>();
        services.AddSingleton<RecomparisonWake>();
        services.AddSingleton<HeldMessagesSignal>();
        services.AddTestAudit();
    }

    /// <summary>A question sent to the agency about the persons, its answers awaited, migrating the database first.</summary>
    /// <returns>The question's id.</returns>
    public static async Task<Guid> SeedQuestionAsync(IServiceProvider services, string agency, Guid? chunk, DateTime deadline, params Asked[] persons)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await db.Database.MigrateAsync();
        var query = new AgencyQuery { Id = Guid.CreateVersion7(), BatchId = Guid.NewGuid(), Agency = agency, Chunk = chunk, SentAtUtc = DateTime.UtcNow, DeadlineUtc = deadline, SweepAtUtc = deadline };
        db.AgencyQueries.Add(query);
        db.AgencyAnswers.AddRange(persons.Select(person => new AgencyAnswerRecord
        {
            Id = Guid.CreateVersion7(),
            QueryId = query.Id,
            BatchId = query.BatchId,
            HouseholdId = person.Household,
            RoundId = person.Round,
            MemberId = Guid.NewGuid(),
            Source = agency,
            IdHash = TestPersonalData.Hash(person.IdNumber),
        }));
        await db.SaveChangesAsync();
        return query.Id;
    }
}
