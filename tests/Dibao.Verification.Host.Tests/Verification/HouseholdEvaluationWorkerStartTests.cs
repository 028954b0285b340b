using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.Verification;

/// <summary>The evaluation worker's start, on a real SQLite file, when its first read of the database fails.</summary>
public sealed class HouseholdEvaluationWorkerStartTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-evaluation-worker-").FullName;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}", (_, _) => { });
        await HubDatabase.MigrateAsync(_services);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_failed_first_read_at_start_is_tried_again_rather_than_stopping_the_hub()
    {
        var scopes = new ScopesCancelledOnce(_services.GetRequiredService<IServiceScopeFactory>());
        var worker = new HouseholdEvaluationWorker(
            scopes, new EvaluationQueue(), Options.Create(new VerificationOptions()), TimeProvider.System, NullLogger<HouseholdEvaluationWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (scopes.Asked < 2 && !worker.ExecuteTask!.IsCompleted && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            worker.ExecuteTask!.IsCompleted.ShouldBeFalse("a faulted background service stops the hub");
            scopes.Asked.ShouldBeGreaterThan(1, "read the unsettled households again after the refused read");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}
