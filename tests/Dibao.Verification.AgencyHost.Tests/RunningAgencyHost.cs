using Dibao.Verification.Sandbox;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.AgencyHost.Tests;

/// <summary>
/// The agency host built as its program builds it, on the in-memory bus and a loopback port, its adapters pointed at
/// the sandbox's simulators.
/// </summary>
public sealed class RunningAgencyHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxServer _sandbox;

    private RunningAgencyHost(WebApplication app, SandboxServer sandbox)
    {
        _app = app;
        _sandbox = sandbox;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
    }

    public HttpClient Client { get; }

    public SandboxServer Sandbox => _sandbox;

    public IServiceProvider Services => _app.Services;

    public IBus Bus => _app.Services.GetRequiredService<IBus>();

    /// <summary>The names of the queues this host's bus receives from (<c>agency-tax</c>, …).</summary>
    public IReadOnlyList<string> Queues =>
        [.. _app.Services.GetRequiredService<IBusControl>().CheckHealth().Endpoints.Keys.Select(address => new Uri(address).AbsolutePath.Trim('/'))];

    /// <param name="agencies">The codes listed in <c>AgencyHost:Agencies</c>.</param>
    public static Task<RunningAgencyHost> StartAsync(params string[] agencies) => StartAsync(_ => { }, agencies);

    /// <param name="customize">Changes to the host's builder before the host registers its own services.</param>
    /// <inheritdoc cref="StartAsync(string[])"/>
    public static async Task<RunningAgencyHost> StartAsync(Action<WebApplicationBuilder> customize, params string[] agencies)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        try
        {
            string[] args =
            [
                // Production, the environment of a host nobody named, refuses the sandbox's well-known keys.
                "--environment=Testing",
                "--Urls=http://127.0.0.1:0",
                .. agencies.Select((agency, index) => $"--AgencyHost:Agencies:{index}={agency}"),
                .. sandbox.HubSettings().Select(setting => $"--{setting.Key}={setting.Value}"),
            ];
            var app = AgencyHostApplication.Build(args, builder =>
            {
                builder.Logging.ClearProviders();
                customize(builder);
            });
            await app.StartAsync();
            return new RunningAgencyHost(app, sandbox);
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _sandbox.DisposeAsync();
    }
}
