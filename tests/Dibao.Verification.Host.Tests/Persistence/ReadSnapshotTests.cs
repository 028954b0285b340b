using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Dibao.Verification.Host.Tests.Persistence;

/// <summary>A view's several queries see one committed state, and a reader does not hold up a writer, on a real SQLite file.</summary>
public sealed class ReadSnapshotTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-snapshot-").FullName;
    private readonly ServiceProvider _services;

    public ReadSnapshotTests()
    {
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}");
    }

    [Fact]
    public async Task A_commit_made_while_a_view_reads_is_not_seen_by_the_rest_of_that_view()
    {
        await using var reader = _services.CreateAsyncScope();
        var db = reader.ServiceProvider.GetRequiredService<HubDbContext>();
        await db.Database.MigrateAsync();
        await AddBatchAsync("220105001");

        var counts = await db.ReadInSnapshotAsync(
            async token =>
            {
                var first = await db.Batches.CountAsync(token);
                var writing = AddBatchAsync("220105002");
                (await Task.WhenAny(writing, Task.Delay(TimeSpan.FromSeconds(60), token))).ShouldBe(writing, "a reader must not hold up a writer");
                await writing;
                return (first, second: await db.Batches.CountAsync(token));
            },
            CancellationToken.None);

        counts.ShouldBe((1, 1), "the second query of the view reads the state the first one read");
        (await db.Batches.CountAsync()).ShouldBe(2);
    }

    private async Task AddBatchAsync(string township)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        db.Batches.Add(new Batch { Id = Guid.CreateVersion7(), Township = township, Purpose = "new-application", PolicyName = "reference", SubmittedAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
