using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// A hub that does not migrate at start-up refuses to run on a schema older than its code, in one line naming the
/// command that brings it up to date, rather than failing at its first query.
/// </summary>
public static class PendingMigrationsCheck
{
    public const string Command = "dotnet run --project src/Dibao.Verification.Host -- migrate";

    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        if (options.ShouldMigrateAtStartup)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var pending = (await scope.ServiceProvider.GetRequiredService<HubDbContext>().Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new HubConfigurationException(
                "Database:MigrateAtStartup",
                $"the {options.ParsedProvider} database lacks {pending.Count} migrations ({string.Join(", ", pending)}) and Database:MigrateAtStartup is off: " +
                $"apply them first with `{Command}` (installed: `dotnet Dibao.Verification.Host.dll migrate`), with the same Database settings");
        }
    }
}
