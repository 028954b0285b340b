using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Host.Tests.Startup;

/// <summary>The hub hosts the agencies' adapters on the embedded default, and none when agency hosts answer.</summary>
public sealed class AdaptersInProcessTests
{
    [Fact]
    public async Task Without_adapters_in_process_the_hub_receives_only_its_own_queues_and_needs_no_agency_settings()
    {
        // No sandbox and no Agencies:* address: a hub that read any adapter's settings would refuse to start.
        var queues = await QueuesAsync("--Verification:AdaptersInProcess=false");

        queues.ShouldContain("hub-agency-findings");
        queues.ShouldNotContain(q => q.StartsWith("agency-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_the_embedded_default_the_hub_hosts_every_adapter()
    {
        var queues = await QueuesAsync("--Sandbox:Enabled=true");

        queues.Where(q => q.StartsWith("agency-", StringComparison.Ordinal)).Order().ShouldBe(
            ["agency-bank", "agency-business-registry", "agency-housing-fund", "agency-social-security", "agency-tax", "agency-vehicle"]);
    }

    private static async Task<List<string>> QueuesAsync(params string[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("dibao-adapters-");
        try
        {
            string[] args =
            [
                "--environment=Testing",
                "--Urls=http://127.0.0.1:0",
                $"--Database:ConnectionString=Data Source={Path.Combine(folder.FullName, "hub.db")}",
                .. settings,
            ];
            await using var app = await HubHost.BuildAsync(args, builder => builder.Logging.ClearProviders());
            await app.StartAsync();
            try
            {
                return [.. app.Services.GetRequiredService<IBusControl>().CheckHealth().Endpoints.Keys.Select(address => new Uri(address).AbsolutePath.Trim('/'))];
            }
            finally
            {
                await app.StopAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
