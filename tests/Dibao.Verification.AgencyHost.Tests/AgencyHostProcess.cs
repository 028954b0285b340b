using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dibao.Verification.AgencyHost.Tests;

/// <summary>
/// The built agency host run as an operator runs it, <c>dotnet Dibao.Verification.AgencyHost.dll --AgencyHost:Agencies:0=tax …</c>,
/// in a process of its own. Dispose to kill it.
/// </summary>
public sealed class AgencyHostProcess : IAsyncDisposable
{
    /// <summary>Generous: starting takes seconds, but the machine may be busy compiling.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AgencyHostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Where the host serves <c>/health</c>.</summary>
    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the host on a free loopback port and waits until its <c>/health</c> answers 200.</summary>
    /// <param name="args">Its settings as <c>--Section:Key=value</c>; <c>--Urls</c> is added.</param>
    public static async Task<AgencyHostProcess> StartAsync(params string[] args)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var host = new AgencyHostProcess(Process.Start(StartInfo([.. args, $"--Urls={baseAddress}"], new Dictionary<string, string>()))
            ?? throw new InvalidOperationException("The agency host's process did not start."), baseAddress);
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            if (host._process.HasExited)
            {
                await host._process.WaitForExitAsync();
                throw new InvalidOperationException($"The agency host exited with {host._process.ExitCode} at start-up: {host.Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                await host.DisposeAsync();
                throw new TimeoutException($"The agency host was not healthy after {Timeout}: {host.Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Runs the host until it exits by itself, as a refused configuration makes it.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo([.. args, "--Urls=http://127.0.0.1:0"], environment))
            ?? throw new InvalidOperationException("The agency host's process did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"The agency host was still running after {Timeout}; it should have stopped at start-up. Its error output: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };

        // The copy beside the tests is the build of the agency host they reference, with its appsettings.json.
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dibao.Verification.AgencyHost.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only the test decides the settings, not whatever the machine or the test runner exports.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                     || k.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
