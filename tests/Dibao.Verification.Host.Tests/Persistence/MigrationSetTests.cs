using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dibao.Verification.Host.Tests.Persistence;

/// <summary>
/// Each provider's migrations describe the model as it is: a change to the model without a migration for every provider
/// fails here. SQL Server cannot run on these machines, so its idempotent script is written and read instead.
/// </summary>
public sealed class MigrationSetTests
{
    private static readonly DesignTimeHubDbContextFactory Factory = new();

    [Theory]
    [InlineData(nameof(HubDbContext), "Persistence/Migrations")]
    [InlineData(nameof(PostgresHubDbContext), "Persistence/Migrations/Postgres")]
    [InlineData(nameof(SqlServerHubDbContext), "Persistence/Migrations/SqlServer")]
    public void The_model_has_no_change_without_a_migration(string context, string folder)
    {
        using var db = Create(context);

        db.Database.HasPendingModelChanges().ShouldBeFalse(
            $"the model changed: cd src/Dibao.Verification.Host && dotnet ef migrations add NAME --context {context} --output-dir {folder}");
        db.Database.GetMigrations().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task The_idempotent_SQL_Server_script_creates_every_table_and_applies_each_migration_only_once()
    {
        using var db = Create(nameof(SqlServerHubDbContext));
        var path = Path.Combine(AppContext.BaseDirectory, "sqlserver-migrations.sql");

        await File.WriteAllTextAsync(path, db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent));

        var script = await File.ReadAllTextAsync(path);
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).Distinct())
        {
            script.ShouldContain($"CREATE TABLE [{table}]");
        }

        foreach (var migration in db.Database.GetMigrations())
        {
            script.ShouldContain($"IF NOT EXISTS (\n    SELECT * FROM [__EFMigrationsHistory]\n    WHERE [MigrationId] = N'{migration}'\n)".ReplaceLineEndings());
        }

        // Filtered indexes are created through EXEC in an idempotent script, hence the doubled quotes.
        script.ShouldContain("[IX_AgencyQueries_OpenChunk] ON [AgencyQueries] ([Chunk]) WHERE \"AnsweredAtUtc\" IS NULL");
        script.ShouldNotContain("TEXT", Case.Sensitive, "no SQLite column type");

        // Quartz's tables, for the scheduler's clustered store, come with the migrations too.
        foreach (var table in new[] { "JOB_DETAILS", "TRIGGERS", "SIMPLE_TRIGGERS", "FIRED_TRIGGERS", "SCHEDULER_STATE", "LOCKS" })
        {
            script.ShouldContain($"IF OBJECT_ID(N'QRTZ_{table}', N'U') IS NULL");
            script.ShouldContain($"CREATE TABLE QRTZ_{table} (");
        }
    }

    private static HubDbContext Create(string context) => context switch
    {
        nameof(PostgresHubDbContext) => ((IDesignTimeDbContextFactory<PostgresHubDbContext>)Factory).CreateDbContext([]),
        nameof(SqlServerHubDbContext) => ((IDesignTimeDbContextFactory<SqlServerHubDbContext>)Factory).CreateDbContext([]),
        _ => Factory.CreateDbContext([]),
    };
}
