using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Dibao.Verification.Host.Tests.Persistence;

/// <summary>
/// The SQLite fast path of a prepared statement stores every value of every property in the hub's model exactly as
/// Microsoft.Data.Sqlite stores it for <c>SaveChanges</c>: same storage class, same text, same bytes.
/// </summary>
public sealed class SqliteRawStatementTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-raw-").FullName;
    private readonly ServiceProvider _services;

    public SqliteRawStatementTests()
    {
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}");
    }

    [Fact]
    public async Task Every_value_of_every_property_is_bound_as_the_command_binds_it()
    {
        await using var scope = _services.CreateAsyncScope();
        var (db, connection) = await OpenAsync(scope);
        await Run(connection, "CREATE TEMP TABLE bound_by_command (k INTEGER, v); CREATE TEMP TABLE bound_here (k INTEGER, v);");
        await using var transaction = await connection.BeginTransactionAsync();

        var key = 0;
        var properties = 0;
        var named = new List<string>();
        foreach (var property in db.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            var mapping = property.GetRelationalTypeMapping();
            var samples = PropertySamples.Of(property.ClrType).ToList();
            if (samples.Count == 0)
            {
                continue;
            }

            properties++;
            foreach (var sample in samples)
            {
                var value = (sample is null ? null : mapping.Converter is { } converter ? converter.ConvertToProvider(sample) : sample) ?? DBNull.Value;
                key++;
                await using (var command = Command(connection, mapping, $"INSERT INTO bound_by_command (k, v) VALUES ({key}, @v)", value))
                {
                    await command.ExecuteNonQueryAsync();
                }

                await using var fast = Command(connection, mapping, $"INSERT INTO bound_here (k, v) VALUES ({key}, @v)", value);
                using var statement = SqliteRawStatement.TryPrepare(fast, [(fast.Parameters[0], mapping.Converter?.ProviderClrType ?? mapping.ClrType)]);
                statement.ShouldNotBeNull($"{property.DeclaringType.DisplayName()}.{property.Name} has no fast path");
                statement.Execute().ShouldBe(1);
                named.Add($"{property.DeclaringType.DisplayName()}.{property.Name} = {sample}");
            }
        }

        var byCommand = await Quoted(connection, "bound_by_command");
        var here = await Quoted(connection, "bound_here");
        properties.ShouldBeGreaterThan(100);
        here.Count.ShouldBe(byCommand.Count);
        for (var i = 0; i < byCommand.Count; i++)
        {
            here[i].ShouldBe(byCommand[i], named[i]);
        }
    }

    [Fact]
    public async Task A_failed_step_throws_as_the_command_would_and_the_statement_runs_again()
    {
        await using var scope = _services.CreateAsyncScope();
        var (db, connection) = await OpenAsync(scope);
        await Run(connection, "CREATE TEMP TABLE once (v TEXT PRIMARY KEY);");
        await using var transaction = await connection.BeginTransactionAsync();
        var mapping = SourceMapping(db);
        await using var command = Command(connection, mapping, "INSERT INTO once (v) VALUES (@v)", "tax");
        using var statement = SqliteRawStatement.TryPrepare(command, [(command.Parameters[0], typeof(string))])!;

        statement.Execute().ShouldBe(1);
        Should.Throw<SqliteException>(() => statement.Execute()).SqliteErrorCode.ShouldBe(SQLitePCL.raw.SQLITE_CONSTRAINT);
        command.Parameters[0].Value = "bank:ICBC";
        statement.Execute().ShouldBe(1);
    }

    [Fact]
    public async Task A_statement_it_cannot_run_exactly_is_left_to_the_command()
    {
        await using var scope = _services.CreateAsyncScope();
        var (db, connection) = await OpenAsync(scope);
        var mapping = SourceMapping(db);

        await using var two = Command(connection, mapping, "SELECT @v; SELECT 1", "x");
        SqliteRawStatement.TryPrepare(two, [(two.Parameters[0], typeof(string))]).ShouldBeNull();
        await using var unnamed = Command(connection, mapping, "SELECT @v, @w", "x");
        SqliteRawStatement.TryPrepare(unnamed, [(unnamed.Parameters[0], typeof(string))]).ShouldBeNull();
        await using var julian = Command(connection, mapping, "SELECT @v", DateTime.UtcNow);
        ((SqliteParameter)julian.Parameters[0]).SqliteType = SqliteType.Real;
        SqliteRawStatement.TryPrepare(julian, [(julian.Parameters[0], typeof(DateTime))]).ShouldBeNull();
    }

    private static async Task<(HubDbContext Db, SqliteConnection Connection)> OpenAsync(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await db.Database.OpenConnectionAsync();
        return (db, (SqliteConnection)db.Database.GetDbConnection());
    }

    private static RelationalTypeMapping SourceMapping(HubDbContext db) =>
        db.Model.FindEntityType(typeof(AgencyAnswerRecord))!.FindProperty(nameof(AgencyAnswerRecord.Source))!.GetRelationalTypeMapping();

    private static SqliteCommand Command(SqliteConnection connection, RelationalTypeMapping mapping, string sql, object value)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = mapping.CreateParameter(command, "@v", null, nullable: true);
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return command;
    }

    private static async Task Run(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> Quoted(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT typeof(v) || ' ' || quote(v) FROM {table} ORDER BY k";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
