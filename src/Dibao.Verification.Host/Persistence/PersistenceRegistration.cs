using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Persistence;

public static class PersistenceRegistration
{
    public static IServiceCollection AddHubPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        switch (options.Provider.Trim().ToLowerInvariant())
        {
            case "sqlite":
                var connectionString = PrepareSqlite(options.ConnectionString);
                services.AddDbContext<HubDbContext>(db => db.UseSqlite(connectionString).AddInterceptors(new SqliteWriteAheadLog()));
                break;
            default:
                throw new InvalidOperationException(
                    $"Database:Provider '{options.Provider}' is not supported by this build; use 'Sqlite'.");
        }

        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>SQLite will not create the data folder itself; a busy timeout lets concurrent writers queue instead of failing.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30 };
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }
}
