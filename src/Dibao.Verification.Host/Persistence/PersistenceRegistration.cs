using Dibao.Verification.Host.PersonalData;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Dibao.Verification.Host.Persistence;

public static class PersistenceRegistration
{
    /// <summary>
    /// The hub's database with what keeps it in shape while the hub runs: the migrations and the re-encryption at start-up,
    /// SQLite's checkpoints, the health check.
    /// </summary>
    public static IServiceCollection AddHubPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.AddHubDatabase(configuration).ParsedProvider == DatabaseProvider.Sqlite)
        {
            services.AddHostedService<SqliteCheckpointer>();
        }

        services.AddScoped<PersonalDataReencryption>();
        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// The hub's database context alone, for the commands that migrate or read it and run nothing beside it; its personal
    /// data is protected by the <see cref="PersonalDataProtector"/> registered beside it (<c>AddPersonalData</c>), if any.
    /// Nothing is registered that such a command could not build: in Development every registration is built to check it.
    /// </summary>
    public static DatabaseOptions AddHubDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        switch (options.ParsedProvider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = PrepareSqlite(options.ConnectionString);
                services.AddDbContext<HubDbContext>((sp, db) => Protected(
                    db.UseSqlite(sqlite).AddInterceptors(new SqliteWriteAheadLog()).ConfigureWarnings(MigrationAuthorNotes), sp));
                break;
            case DatabaseProvider.Postgres:
                // Parsed here so that a malformed string stops the start-up naming the key, not the first query.
                var postgres = new NpgsqlConnectionStringBuilder(options.ConnectionString).ConnectionString;
                services.AddDbContext<HubDbContext, PostgresHubDbContext>((sp, db) => Protected(db.UseNpgsql(postgres, npgsql => npgsql.EnableRetryOnFailure()), sp));
                break;
            case DatabaseProvider.SqlServer:
                var sqlServer = new SqlConnectionStringBuilder(options.ConnectionString).ConnectionString;
                // A list of ids travels as one JSON parameter: as one parameter per id, the deadline sweep's pages of 2,000
                // would come near SQL Server's limit of 2,100 parameters a statement.
                services.AddDbContext<HubDbContext, SqlServerHubDbContext>((sp, db) => Protected(db.UseSqlServer(sqlServer, sql => sql
                    .EnableRetryOnFailure()
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)), sp));
                break;
        }

        return options;
    }

    /// <summary>
    /// The hub's personal columns encrypted with the registered protector. The <c>migrate</c> and <c>verify-audit</c> commands
    /// register none, so that they need no key: they never read or write a personal value, and a context without a protector
    /// refuses any it is asked to.
    /// </summary>
    private static DbContextOptionsBuilder Protected(DbContextOptionsBuilder options, IServiceProvider services) =>
        services.GetService<PersonalDataProtector>() is { } protector ? options.UsePersonalDataProtection(protector) : options;

    /// <summary>
    /// EF Core's notes to whoever writes a migration that rebuilds SQLite tables (a statement run while a rebuild is pending,
    /// a pragma outside the transaction) are logged as warnings at every start that migrates: seven of them, "the database
    /// may not be in an expected state", before the <c>verify</c> command's first line on a fresh clone. The migrations they
    /// speak of are shipped and their data steps tested (the <c>*UpgradeTests</c>); an operator can do nothing about them.
    /// Kept at Debug, for whoever writes the next migration.
    /// </summary>
    private static void MigrationAuthorNotes(WarningsConfigurationBuilder warnings) => warnings.Log(
        (SqliteEventId.TableRebuildPendingWarning, LogLevel.Debug),
        (RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug));

    /// <summary>SQLite will not create the data folder itself; a busy timeout lets concurrent writers queue instead of failing.</summary>
    internal static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30 };
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }
}
