using Dibao.Verification.Host.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Host.Tests.Persistence;

/// <summary>What an operator's log shows of the migrations on the embedded default.</summary>
public sealed class MigrationLogTests
{
    [Fact]
    public async Task A_fresh_embedded_database_is_migrated_without_a_warning()
    {
        var folder = Directory.CreateTempSubdirectory("dibao-migration-log-").FullName;
        var log = new LogLines();
        try
        {
            await using (var services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(folder, "hub.db")}",
                (s, _) => s.AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Debug))))
            {
                await HubDatabase.MigrateAsync(services);
            }

            // EF Core's notes to migration authors are still written, below the operator's level.
            log.Lines.ShouldContain(line => line.StartsWith("Debug Microsoft.EntityFrameworkCore.Migrations", StringComparison.Ordinal)
                && line.Contains("rebuild of table", StringComparison.Ordinal));
            log.Lines.Where(line => line.StartsWith("Warning", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal))
                .ShouldBeEmpty();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
