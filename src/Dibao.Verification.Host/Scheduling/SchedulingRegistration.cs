using Dibao.Verification.Host.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Quartz;

namespace Dibao.Verification.Host.Scheduling;

public static class SchedulingRegistration
{
    /// <summary>
    /// The scheduler's name, which Quartz stores with every row: the hub instances sharing a database are one cluster
    /// under it.
    /// </summary>
    public const string SchedulerName = "dibao-hub";

    /// <summary>
    /// The hub's one Quartz scheduler, kept in the hub's own database in the tables its migrations create. On PostgreSQL
    /// and SQL Server the instances sharing the database form a cluster, so each firing of a trigger runs on one of them,
    /// and the others take over the triggers of an instance that stops. Quartz refuses to cluster on SQLite, the embedded
    /// default of one instance, where the store is only persistent.
    /// </summary>
    /// <param name="schedule">Declares the jobs and their triggers.</param>
    public static IServiceCollection AddHubScheduler(this IServiceCollection services, IConfiguration configuration, Action<IQuartzBuilder> schedule)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

        services.AddQuartz(quartz =>
        {
            // Quartz 4 keeps its registry of schedulers per container, so hubs built in one process (the tests start
            // many) share the name without meeting.
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = SchedulerName);
            quartz.UsePersistentStore(store =>
            {
                switch (database.ParsedProvider)
                {
                    case DatabaseProvider.Postgres:
                        store.UsePostgres(NpgsqlFactory.Instance, new NpgsqlConnectionStringBuilder(database.ConnectionString).ConnectionString);
                        store.UseClustering();
                        break;
                    case DatabaseProvider.SqlServer:
                        store.UseSqlServer(SqlClientFactory.Instance, new SqlConnectionStringBuilder(database.ConnectionString).ConnectionString);
                        store.UseClustering();
                        break;
                    default:
                        store.UseSqlite(SqliteFactory.Instance, PersistenceRegistration.PrepareSqlite(database.ConnectionString));
                        break;
                }

                store.ConfigureStore(options => options.TablePrefix = QuartzSchema.TablePrefix);
            });
            schedule(quartz);
        });
        services.AddQuartzHostedService(quartz => quartz.WaitForJobsToComplete = true);
        services.AddHostedService<StoredTriggers>();
        return services;
    }

    /// <summary>
    /// Declares a trigger of a job added with <c>StoreDurably()</c>: stored at start-up if missing, replaced only when its
    /// schedule changed (<see cref="StoredTriggers"/>). Quartz's own <c>AddTrigger</c> would replace the stored trigger at
    /// every instance's start.
    /// </summary>
    public static IServiceCollection AddHubTrigger(this IServiceCollection services, ITrigger trigger) =>
        services.AddSingleton(new DeclaredTrigger(trigger));
}
