using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dibao.Verification.Host.Tests.Production;

/// <summary>
/// A built service (the hub, an agency host) run as an operator runs it, <c>dotnet X.dll --Key=value …</c>, in a process of
/// its own on a loopback port, ready once its <c>/health</c> answers 200. <see cref="Kill"/> is SIGKILL: nothing in the
/// process gets to clean up.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>Generous: starting takes seconds, but the machine may be busy compiling.</summary>
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(3);
    private const int KeptLines = 300;

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private ServiceProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>The last lines the process printed, for a failure to explain itself.</summary>
    public string Tail
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output.Select(line => $"[{Name}] {line}"));
            }
        }
    }

    /// <param name="dll">The service's entry assembly, in its build folder beside its appsettings.json.</param>
    /// <param name="args">Its settings as <c>Section:Key=value</c>; <c>--Urls</c> is added.</param>
    public static async Task<ServiceProcess> StartAsync(string name, string dll, IEnumerable<string> args)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args.Append($"Urls={baseAddress}"))
        {
            start.ArgumentList.Add("--" + arg);
        }

        // Only the test decides the settings, not whatever the machine or the test runner exports.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                     || k.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        var service = new ServiceProcess(name, Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start."), baseAddress);
        try
        {
            await service.WaitHealthyAsync();
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} at start-up:{Environment.NewLine}{Tail}");
            }

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

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not healthy after {StartupTimeout}:{Environment.NewLine}{Tail}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }
}
