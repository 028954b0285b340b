using System.Diagnostics;
using System.Text;

namespace Dibao.Verification.Host.Tests.Startup;

/// <summary>
/// The built hub run as an operator runs it, <c>dotnet Dibao.Verification.Host.dll</c>, in a process of its own: what it
/// prints and how it exits are only seen from outside.
/// </summary>
public static class HubProcess
{
    /// <summary>Generous: a refusal takes seconds, but the machine may be busy compiling.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <param name="environment">The process's environment variables beyond the machine's, e.g. <c>ASPNETCORE_ENVIRONMENT</c>.</param>
    /// <param name="args">The hub's arguments; a loopback port and, unless they name one, a SQLite database of its own are added.</param>
    public static async Task<HubProcessResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("dibao-process-");
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
                UseShellExecute = false,
            };

            // The copy beside the tests is the build of the hub they reference, with its appsettings files.
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dibao.Verification.Host.dll"));
            var database = args.Any(a => a.StartsWith("--Database:ConnectionString=", StringComparison.Ordinal))
                ? []
                : new[] { $"--Database:ConnectionString=Data Source={Path.Combine(folder.FullName, "hub.db")}" };
            foreach (var arg in args.Concat(["--Urls=http://127.0.0.1:0", .. database]))
            {
                start.ArgumentList.Add(arg);
            }

            // Only the test decides the environment and the settings, not whatever the machine or the test runner exports.
            foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                         || k.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) || k.Contains("__", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(inherited);
            }

            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("The hub's process did not start.");
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
                throw new TimeoutException($"The hub was still running after {Timeout}; it should have stopped at start-up. Its error output: {await stderr}");
            }

            return new HubProcessResult(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
