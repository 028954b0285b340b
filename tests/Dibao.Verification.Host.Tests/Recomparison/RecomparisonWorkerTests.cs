using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Tests.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.Recomparison;

/// <summary>The re-comparison worker's loop alone, on a real SQLite file holding no run.</summary>
public sealed class RecomparisonWorkerTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-recomparison-worker-").FullName;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}", (services, _) => services.AddSingleton<RecomparisonWake>());
        await HubDatabase.MigrateAsync(_services);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_worker_takes_a_cancellation_the_host_did_not_ask_for_as_a_failed_look_and_looks_again()
    {
        var scopes = new ScopesCancelledOnce(_services.GetRequiredService<IServiceScopeFactory>());
        var wake = _services.GetRequiredService<RecomparisonWake>();
        var worker = new RecomparisonWorker(scopes, wake, Options.Create(new RecomparisonOptions()), NullLogger<RecomparisonWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (scopes.Asked < 2 && !worker.ExecuteTask!.IsCompleted && DateTime.UtcNow < deadline)
            {
                wake.Notify();
                await Task.Delay(50);
            }

            worker.ExecuteTask!.IsCompleted.ShouldBeFalse("a faulted background service stops the hub");
            scopes.Asked.ShouldBeGreaterThan(1, "looked for runs again after the refused look");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}
