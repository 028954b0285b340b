using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.PersonalData;

/// <summary>Every way the hub writes a personal column stores it encrypted, the set-based updates included.</summary>
public sealed class PersonalDataColumnsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-columns-").FullName;
    private ServiceProvider? _services;

    public async Task InitializeAsync()
    {
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}");
        await HubDatabase.MigrateAsync(_services);
    }

    /// <summary>The consent check rewrites a held question's body by a set-based update, past the change tracker.</summary>
    [Fact]
    public async Task A_body_rewritten_by_a_set_based_update_is_stored_encrypted_and_reads_back()
    {
        var id = Guid.CreateVersion7();
        const string question = "{\"persons\":[{\"idNumber\":\"11010519491231002X\",\"name\":\"欧阳娜娜\"}]}";
        await HubDatabase.InScopeAsync(_services!, async db =>
        {
            db.Outbox.Add(new OutboxMessage { Id = id, MessageType = "QueryAgency", Body = "{}", CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(set => set.SetProperty(m => m.Body, question));
        });

        var (stored, read) = await HubDatabase.InScopeAsync(_services!, async db =>
            (await db.Database.SqlQueryRaw<string>("SELECT \"Body\" AS \"Value\" FROM \"Outbox\"").SingleAsync(),
             await db.Outbox.AsNoTracking().Select(m => m.Body).SingleAsync()));

        stored.ShouldStartWith("enc:1:");
        stored.ShouldNotContain("11010519491231002X");
        read.ShouldBe(question);
    }

    public async Task DisposeAsync()
    {
        await _services!.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
