using System.Data.Common;
using Dibao.Verification.Host.Operations;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dibao.Verification.Host.Cli;

/// <summary>
/// <c>migrate</c>: applies the configured provider's pending migrations, one at a time, printing each, and nothing else of
/// the hub starts. Reads the same settings as the hub (<c>Database:*</c> from appsettings, environment and
/// <c>--Database:Key=value</c>). Exit codes: 0 up to date, 1 the database refused or could not be reached; a configuration
/// error is thrown for the program to report like the hub's own.
/// </summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = UnwatchedConfiguration.Args(args), ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        HubHost.AddDatabaseForCommand(builder.Services, builder.Configuration);
        await using var app = builder.Build();
        var provider = app.Services.GetRequiredService<DatabaseOptions>().ParsedProvider;

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            var migrator = db.GetService<IMigrator>();
            foreach (var migration in pending)
            {
                await migrator.MigrateAsync(migration);
                Console.WriteLine($"Applied {migration}");
            }

            Console.WriteLine(pending.Count == 0
                ? $"The {provider} database is up to date; nothing to apply."
                : $"The {provider} database is up to date: {pending.Count} migrations applied.");
            return 0;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException { InnerException: DbException })
        {
            Console.Error.WriteLine($"Migrating the {provider} database failed: {ex.InnerException?.Message ?? ex.Message}".ReplaceLineEndings(" "));
            return 1;
        }
    }
}
