using Dibao.Verification.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Sandbox;

/// <summary>
/// One agency on its own Kestrel instance and loopback port, so adapters talk real HTTP to it and
/// each agency can be slowed or broken alone.
/// </summary>
internal sealed class SimulatedAgency : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IAgencySimulator _simulator;
    private readonly FaultInjector _faults;
    private readonly string _apiKey;
    private long _requests;

    private SimulatedAgency(WebApplication app, IAgencySimulator simulator, FaultInjector faults, string apiKey)
    {
        _app = app;
        _simulator = simulator;
        _faults = faults;
        _apiKey = apiKey;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public string ApiKey => _apiKey;

    public long RequestCount => Interlocked.Read(ref _requests);

    public IEnumerable<KeyValuePair<string, string?>> HubSettings => _simulator.HubSettings(BaseUrl, _apiKey);

    /// <param name="listenUrl">Where Kestrel listens, e.g. <c>http://127.0.0.1:0</c> for any free loopback port.</param>
    /// <param name="advertisedHost">The host name in <see cref="BaseUrl"/>, for those that reach the simulator from elsewhere.</param>
    public static async Task<SimulatedAgency> StartAsync(IAgencySimulator simulator, string apiKey, FaultInjector faults, string listenUrl, string advertisedHost, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatedAgency).Assembly.GetName().Name,
            EnvironmentName = "Production",

            // Its content root is the working directory: watching its settings for changes woke a thread on every write
            // of a database below it, the hub's own included, a tenth of the CPU of the hub's benchmark.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });

        // The embedding host's appsettings and environment (URLS, Kestrel endpoints, log levels) are not the simulator's.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls(listenUrl);
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);

        // A failure to start (a port already taken) is thrown to the caller, who reports it in its own words.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        var app = builder.Build();
        var agency = new SimulatedAgency(app, simulator, faults, apiKey);
        app.Use(agency.ServeAsync);
        simulator.Map(app);
        await app.StartAsync(ct);
        agency.BaseUrl = new UriBuilder(app.Urls.Single()) { Host = advertisedHost, Path = "/" }.Uri;
        return agency;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Faults come before authentication: they stand for the network and the agency's gateway.</summary>
    private async Task ServeAsync(HttpContext context, RequestDelegate next)
    {
        Interlocked.Increment(ref _requests);
        var settings = _faults.Settings;
        var latency = settings.Latency;
        if (latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(latency, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (settings.Outage)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        switch (_faults.Next())
        {
            case TransientFault.TooManyRequests:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                return;
            case TransientFault.InternalServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            case TransientFault.BadGateway:
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                return;
            case TransientFault.ServiceUnavailable:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            case TransientFault.GatewayTimeout:
                context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
                return;
            case TransientFault.ConnectionAborted:
                context.Abort();
                return;
            case null:
                break;
        }

        if (settings.KeyRevoked || _simulator.RequiresApiKey && !string.Equals(context.Request.Headers["X-Api-Key"], _apiKey, StringComparison.Ordinal))
        {
            await SandboxJson.Error(StatusCodes.Status401Unauthorized, "UNAUTHORIZED").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
