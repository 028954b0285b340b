using Dibao.Verification.Host.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// Brings the schema up to date before anything else touches the database, then every personal value under the current
/// encryption key (<see cref="PersonalDataReencryption"/>), whoever applied the migrations.
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, DatabaseOptions options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        if (options.ShouldMigrateAtStartup)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<PersonalDataReencryption>().RunAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
