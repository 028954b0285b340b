using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Dibao.Verification.Host.Tests.Postgres;

/// <summary>
/// Rows inserted in bulk on PostgreSQL go through <c>COPY</c>; what it stores must be what EF's own parameters store,
/// for every property of the model, in the column type the migrations give it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCopyTests(PostgresCluster cluster)
{
    [PostgresFact]
    public async Task Every_value_of_every_property_is_copied_as_the_command_binds_it()
    {
        await using var services = HubDatabase.Services("Postgres", await cluster.CreateDatabaseAsync());
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync();

        var compared = 0;
        var properties = db.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.GetColumnType() is not null).ToList();
        for (var table = 0; table < properties.Count; table++)
        {
            var property = properties[table];
            var values = await BoundByCommandAsync(connection, transaction, property, $"by_command_{table}");
            if (values.Count == 0)
            {
                continue;
            }

            await Run(connection, $"CREATE TEMP TABLE copied_{table} (k integer, v {property.GetColumnType()})");
            await using (var writer = await connection.BeginBinaryImportAsync($"COPY copied_{table} (k, v) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (key, value) in values)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(key, NpgsqlDbType.Integer);
                    await PostgresCopy.WriteAsync(writer, value, CancellationToken.None);
                }

                await writer.CompleteAsync();
            }

            var name = $"{property.DeclaringType.DisplayName()}.{property.Name} ({property.GetColumnType()})";
            (await AsTextAsync(connection, $"copied_{table}")).ShouldBe(await AsTextAsync(connection, $"by_command_{table}"), name);
            compared++;
        }

        compared.ShouldBeGreaterThan(100);
    }

    [PostgresFact]
    public async Task Answers_inserted_in_bulk_read_back_as_stored()
    {
        await using var services = HubDatabase.Services("Postgres", await cluster.CreateDatabaseAsync());
        await HubDatabase.MigrateAsync(services);
        var rows = Enumerable.Range(0, 131).Select(BulkInsertTests.Answer).ToList();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.InsertAsync(rows, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var stored = await HubDatabase.InScopeAsync(services, db => db.AgencyAnswers.AsNoTracking().ToDictionaryAsync(a => a.Id));
        stored.Count.ShouldBe(rows.Count);
        foreach (var row in rows)
        {
            foreach (var property in typeof(AgencyAnswerRecord).GetProperties().Where(p => p.CanWrite))
            {
                property.GetValue(stored[row.Id]).ShouldBe(property.GetValue(row), $"{property.Name} of row {row.Id}");
            }
        }
    }

    /// <summary>
    /// Each sample of the property's type inserted through a parameter made by its EF mapping, as <c>SaveChanges</c> binds
    /// it. A sample the column refuses (too long, out of range) is left out, as it could not be stored either way.
    /// </summary>
    /// <returns>Each sample stored, by its key, as the value handed to the provider.</returns>
    private static async Task<List<(int Key, object Value)>> BoundByCommandAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IProperty property, string table)
    {
        var stored = new List<(int, object)>();
        var samples = PropertySamples.Of(property.ClrType).ToList();
        if (samples.Count == 0)
        {
            return stored;
        }

        await Run(connection, $"CREATE TEMP TABLE {table} (k integer, v {property.GetColumnType()})");
        var mapping = property.GetRelationalTypeMapping();
        for (var key = 0; key < samples.Count; key++)
        {
            var value = PreparedStatement.ProviderValue(mapping, samples[key]);
            await using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO {table} (k, v) VALUES ({key}, @v)";
            var parameter = mapping.CreateParameter(command, "@v", null, nullable: true);
            parameter.Value = value;
            command.Parameters.Add(parameter);
            await transaction.SaveAsync("sample");
            try
            {
                await command.ExecuteNonQueryAsync();
                stored.Add((key, value));
            }
            catch (Exception ex) when (ex is PostgresException or InvalidCastException or ArgumentException)
            {
                await transaction.RollbackAsync("sample");
            }
        }

        return stored;
    }

    private static async Task<List<string>> AsTextAsync(NpgsqlConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT k || ' ' || coalesce(pg_typeof(v)::text || ' ' || v::text, 'null') FROM {table} ORDER BY k";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task Run(NpgsqlConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
