using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dibao.Verification.Sandbox;

namespace Dibao.Verification.Benchmarks;

/// <summary>
/// One built agency host per agency, each a process of its own (<c>dotnet Dibao.Verification.AgencyHost.dll
/// --AgencyHost:Agencies:0=tax …</c>), asking the simulators of this process and answering the hub over the broker
/// the settings name: the production topology, for <c>--agency-hosts</c>.
/// </summary>
internal sealed class AgencyHostProcesses : IAsyncDisposable
{
    private static readonly string[] Agencies = ["social-security", "housing-fund", "tax", "business-registry", "vehicle", "bank"];

    private readonly List<Process> _processes = [];

    /// <param name="busSettings">The broker, as <c>--Bus:Key=value</c>, the same as the hub's.</param>
    public static async Task<AgencyHostProcesses> StartAsync(SandboxServer sandbox, IReadOnlyList<string> busSettings)
    {
        var hosts = new AgencyHostProcesses();
        try
        {
            foreach (var agency in Agencies)
            {
                await hosts.StartOneAsync(agency, sandbox, busSettings);
            }

            return hosts;
        }
        catch
        {
            await hosts.DisposeAsync();
            throw;
        }
    }

    private async Task StartOneAsync(string agency, SandboxServer sandbox, IReadOnlyList<string> busSettings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Built());
        foreach (var argument in new[] { "--environment=Benchmark", $"--Urls={baseAddress}", $"--AgencyHost:Agencies:0={agency}", "--Logging:LogLevel:Default=Warning" }
                     .Concat(sandbox.HubSettings(agency).Select(s => $"--{s.Key}={s.Value}"))
                     .Concat(busSettings))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"The {agency} agency host did not start.");
        _processes.Add(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"  {agency}: {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The {agency} agency host did not become healthy.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The agency host's build output, in this benchmark's configuration: the benchmark references it only to have it built
    /// first, and copies nothing of it, as its appsettings.json would replace the hub's here.
    /// </summary>
    private static string Built()
    {
        var benchmark = new DirectoryInfo(AppContext.BaseDirectory);
        var root = benchmark;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Dibao.Verification.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Dibao.Verification.sln not found above the benchmark."),
            "src", "Dibao.Verification.AgencyHost", "bin", benchmark.Parent!.Name, benchmark.Name, "Dibao.Verification.AgencyHost.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the agency host first: dotnet build -c {benchmark.Parent!.Name} src/Dibao.Verification.AgencyHost", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
