using Dibao.Verification.Host.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace Dibao.Verification.Host.Tests.Persistence;

/// <summary>
/// What is written goes through the write-ahead log into the database file without any writer copying it: SQLite's own
/// checkpoint is off here, so only the checkpointer can move it.
/// </summary>
public sealed class SqliteCheckpointerTests : IAsyncLifetime, IDisposable
{
    private const int Rows = 400;
    private const int RowBytes = 8192;

    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-checkpoint-").FullName;
    private SqliteConnection _writer = null!;

    private string File => Path.Combine(_folder, "hub.db");

    private DatabaseOptions Options => new() { ConnectionString = $"Data Source={File}" };

    [Fact]
    public async Task A_checkpoint_copies_every_frame_of_the_log_into_the_database_file()
    {
        var checkpointer = new SqliteCheckpointer(Options, TimeProvider.System, NullLogger<SqliteCheckpointer>.Instance);

        var (frames, copied) = await checkpointer.CheckpointAsync(CancellationToken.None);

        frames.ShouldBeGreaterThan(Rows, "each row filled at least a page of the log");
        copied.ShouldBe(frames);
        new FileInfo(File).Length.ShouldBeGreaterThan(Rows * RowBytes, "the rows are in the database file");
    }

    [Fact]
    public async Task It_never_creates_the_database_the_migrations_are_to_create()
    {
        var missing = Path.Combine(_folder, "not-yet.db");
        var checkpointer = new SqliteCheckpointer(new DatabaseOptions { ConnectionString = $"Data Source={missing}" }, TimeProvider.System, NullLogger<SqliteCheckpointer>.Instance);

        (await checkpointer.CheckpointAsync(CancellationToken.None)).ShouldBe((0L, 0L));

        System.IO.File.Exists(missing).ShouldBeFalse();
    }

    [Fact]
    public async Task Running_it_brings_the_log_into_the_database_file_within_seconds()
    {
        using var checkpointer = new SqliteCheckpointer(Options, TimeProvider.System, NullLogger<SqliteCheckpointer>.Instance);
        new FileInfo(File).Length.ShouldBeLessThan(Rows * RowBytes, "before, the rows are only in the log");

        await checkpointer.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (new FileInfo(File).Length < Rows * RowBytes && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            await checkpointer.StopAsync(CancellationToken.None);
        }

        new FileInfo(File).Length.ShouldBeGreaterThan(Rows * RowBytes);
    }

    /// <summary>Rows written and committed by a connection that stays open, so closing it checkpoints nothing.</summary>
    public async Task InitializeAsync()
    {
        _writer = new SqliteConnection($"Data Source={File};Pooling=False");
        await _writer.OpenAsync();
        await using var command = _writer.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE Rows (Value BLOB NOT NULL);";
        await command.ExecuteNonQueryAsync();
        await using var transaction = (SqliteTransaction)await _writer.BeginTransactionAsync();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO Rows (Value) VALUES (randomblob(@bytes));";
        command.Parameters.AddWithValue("@bytes", RowBytes);
        for (var row = 0; row < Rows; row++)
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    public void Dispose() => _writer.Dispose();
}
