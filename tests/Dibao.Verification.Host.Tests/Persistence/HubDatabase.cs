using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Tests.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Persistence;

/// <summary>The hub's persistence alone, registered as the hub registers it, on a database given by provider and connection string.</summary>
public static class HubDatabase
{
    /// <param name="extra">Further services, e.g. a bus.</param>
    public static ServiceProvider Services(string provider, string connectionString, Action<IServiceCollection, IConfiguration>? extra = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TestPersonalData.Protector);
        services.AddHubPersistence(configuration);
        extra?.Invoke(services, configuration);
        return services.BuildServiceProvider();
    }

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HubDbContext>().Database.MigrateAsync();
    }

    /// <summary>Down to the migration before the one named (by the end of its id), then up again, as an upgrade would run.</summary>
    public static async Task UpgradeThroughAsync(IServiceProvider services, string migration)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith($"_{migration}", StringComparison.Ordinal)) - 1]);
        await migrator.MigrateAsync();
    }

    /// <summary>Down or up to the migration named (by the end of its id), as the hub of that version left the schema.</summary>
    public static async Task MigrateToAsync(IServiceProvider services, string migration)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith($"_{migration}", StringComparison.Ordinal)));
    }

    public static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<HubDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }
}
