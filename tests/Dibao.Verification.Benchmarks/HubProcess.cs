using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Dibao.Verification.Sandbox;

namespace Dibao.Verification.Benchmarks;

/// <summary>
/// The built hub in a process of its own, as an operator starts it (<c>dotnet Dibao.Verification.Host.dll</c>), asking
/// the simulators of this process: its memory is then the hub's alone, without the simulators' or the benchmark's.
/// </summary>
internal sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly string[] _database;

    private HubProcess(Process process, string folder, string[] database, Uri baseAddress)
    {
        _process = process;
        _folder = folder;
        _database = database;
        BaseAddress = baseAddress;
        Batches = BatchClient.SignedIn(baseAddress, folder);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"  hub: {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public BatchClient Batches { get; }

    public Uri BaseAddress { get; }

    /// <summary>The folder of the hub's SQLite database and local keys, for a command that is to work on the same data.</summary>
    public string Folder => _folder;

    /// <summary>The hub's database and keys, as arguments of a command of the hub (<c>seed-roll</c>) that is to share them.</summary>
    public string[] DataSettings =>
        [$"--Database:ConnectionString=Data Source={Path.Combine(_folder, "hub.db")}", .. BatchClient.HubSettings(_folder), .. _database];

    /// <summary>The most physical memory the hub's process has held so far (Linux's VmHWM), in MiB.</summary>
    public double PeakWorkingSetMiB => Status("VmHWM:");

    /// <summary>The physical memory the hub's process holds now (Linux's VmRSS), in MiB.</summary>
    public double WorkingSetMiB => Status("VmRSS:");

    private double Status(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <param name="settings">More configuration, as <c>--Section:Key=value</c>.</param>
    public static async Task<HubProcess> StartAsync(SandboxServer sandbox, IEnumerable<string> settings)
    {
        var folder = Directory.CreateTempSubdirectory("dibao-bench-hub-").FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dibao.Verification.Host.dll"));
        foreach (var argument in new[]
                 {
                     "--environment=Benchmark",
                     $"--Urls={baseAddress}",
                     $"--Database:ConnectionString=Data Source={Path.Combine(folder, "hub.db")}",
                     "--Batches:MaxHouseholds=100000",
                     // The benchmark measures, not schedules: only the run it starts.
                     "--Recomparison:Schedule=0 0 2 1 1 ? 2099",
                     "--Logging:LogLevel:Default=Warning",
                 }
                 .Concat(BatchClient.HubSettings(folder))
                 .Concat(sandbox.HubSettings().Select(s => $"--{s.Key}={s.Value}"))
                 .Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        // A database given here replaces the default file, for the hub and for the commands that share its data.
        string[] database = [.. settings.Where(s => s.StartsWith("--Database:", StringComparison.Ordinal))];
        var hub = new HubProcess(Process.Start(start) ?? throw new InvalidOperationException("The hub's process did not start."), folder, database, baseAddress);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                using var response = await hub.Batches.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return hub;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (hub._process.HasExited || DateTime.UtcNow > deadline)
            {
                await hub.DisposeAsync();
                throw new InvalidOperationException("The hub's process did not become healthy.");
            }

            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Batches.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
