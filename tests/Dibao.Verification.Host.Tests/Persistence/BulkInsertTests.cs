using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Tests.PersonalData;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Dibao.Verification.Host.Tests.Persistence;

/// <summary>Rows inserted in bulk read back exactly as <c>SaveChanges</c> would have stored them, on a real SQLite file.</summary>
public sealed class BulkInsertTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-bulk-").FullName;
    private readonly ServiceProvider _services;

    public BulkInsertTests()
    {
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}");
    }

    /// <param name="count">One row and many.</param>
    [Theory]
    [InlineData(1)]
    [InlineData(131)]
    public async Task Every_column_of_every_row_reads_back_as_stored(int count)
    {
        var rows = Enumerable.Range(0, count).Select(Answer).ToList();
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            await db.Database.MigrateAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.InsertAsync(rows, CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using var read = _services.CreateAsyncScope();
        var stored = await read.ServiceProvider.GetRequiredService<HubDbContext>().AgencyAnswers.AsNoTracking().ToDictionaryAsync(a => a.Id);
        stored.Count.ShouldBe(count);
        foreach (var row in rows)
        {
            var back = stored[row.Id];
            foreach (var property in typeof(AgencyAnswerRecord).GetProperties().Where(p => p.CanWrite))
            {
                property.GetValue(back).ShouldBe(property.GetValue(row), $"{property.Name} of row {row.Id}");
            }
        }
    }

    /// <summary>Rows unlike each other: nulls and values, every state, converted enums and times.</summary>
    internal static AgencyAnswerRecord Answer(int i) => new()
    {
        Id = Guid.CreateVersion7(),
        QueryId = Guid.NewGuid(),
        BatchId = Guid.NewGuid(),
        HouseholdId = Guid.NewGuid(),
        RoundId = Guid.NewGuid(),
        MemberId = Guid.NewGuid(),
        Source = i % 2 == 0 ? "tax" : "bank:ICBC",
        IdHash = TestPersonalData.Hash($"22010519800315{i:0000}"),
        State = (AnswerState)(i % Enum.GetValues<AnswerState>().Length),
        Kind = i % 3 == 0 ? null : FindingKind.RecordsFound,
        RefusalCode = i % 5 == 0 ? "NOT_AUTHORIZED" : null,
        FactsJson = i % 4 == 0 ? null : $"{{\"n\":{i}}}",
        AnsweredAtUtc = i % 3 == 0 ? null : new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc).AddMilliseconds(i),
        LateAtUtc = i % 7 == 0 ? new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc) : null,
        LateKind = i % 7 == 0 ? FindingKind.NoRecords : null,
        LateRefusalCode = null,
        LateFactsJson = i % 14 == 0 ? "{}" : null,
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
