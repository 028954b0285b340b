using System.Diagnostics;
using System.Text;

namespace Dibao.Verification.Host.Tests.Deployment;

/// <summary>Debian's <c>docker-compose</c> (1.29), run on the repository's <c>docker-compose.yml</c>; <c>config</c> needs no daemon.</summary>
public static class DockerCompose
{
    /// <summary>Why the tests that need docker-compose skip, or null when they must run (installed, or <c>DIBAO_REQUIRE_SERVERS=1</c>).</summary>
    public static string? SkipReason =>
        Executable is null && Environment.GetEnvironmentVariable("DIBAO_REQUIRE_SERVERS") != "1"
            ? "docker-compose is not installed: apt-get install docker-compose (DIBAO_REQUIRE_SERVERS=1 makes this a failure)."
            : null;

    private static string? Executable =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "docker-compose"))
            .FirstOrDefault(File.Exists);

    /// <summary>The folder holding <c>docker-compose.yml</c>, found upwards from the tests' build.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "docker-compose.yml")) && File.Exists(Path.Combine(folder.FullName, "Dibao.Verification.sln")))
                {
                    return folder.FullName;
                }
            }

            throw new DirectoryNotFoundException($"No docker-compose.yml above {AppContext.BaseDirectory}.");
        }
    }

    /// <param name="environment">The only variables docker-compose sees beyond PATH and HOME: nothing the machine exports leaks in.</param>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Executable ?? throw new FileNotFoundException("docker-compose is not installed: apt-get install docker-compose."))
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var inherited in start.Environment.Keys.Where(k => k is not ("PATH" or "HOME")).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.ArgumentList.Add("--file");
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "docker-compose.yml"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("docker-compose did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
