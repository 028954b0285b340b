using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Dibao.Verification.Host.Tests.Postgres;

/// <summary>
/// A private PostgreSQL 15 cluster for one test run, from the installed binaries, in a temporary folder on a free loopback
/// port; each test takes a fresh database of its own (<see cref="CreateDatabaseAsync"/>). PostgreSQL refuses to run as
/// root, so as root the cluster runs as the <c>postgres</c> user in a folder it owns. Durability is turned off: the tests
/// kill no machine, and a busy one runs them faster.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    public const string Binaries = "/usr/lib/postgresql/15/bin";

    /// <summary>Set by CI: a missing server fails the tests instead of skipping them.</summary>
    public const string RequireServers = "DIBAO_REQUIRE_SERVERS";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private string? _folder;
    private int _port;
    private int _databases;

    public static bool Installed => File.Exists(Path.Combine(Binaries, "initdb")) && File.Exists(Path.Combine(Binaries, "pg_ctl"));

    public static bool Required => Environment.GetEnvironmentVariable(RequireServers) == "1";

    public static string NotInstalled => $"PostgreSQL 15 is not installed ({Binaries} is missing): apt-get install postgresql";

    private string DataFolder => Path.Combine(_folder!, "data");

    public async Task InitializeAsync()
    {
        if (!Installed)
        {
            // Tests are skipped by their attribute unless servers are required; then they fail here, saying why.
            if (Required)
            {
                throw new InvalidOperationException($"{NotInstalled} ({RequireServers}=1 requires it).");
            }

            return;
        }

        _folder = Directory.CreateTempSubdirectory("dibao-pg-").FullName;
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ["postgres:postgres", _folder]);
        }

        await AsPostgresAsync($"{Binaries}/initdb -D {DataFolder} -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync");
        _port = LoopbackPorts.Free();
        await AsPostgresAsync(
            $"{Binaries}/pg_ctl -D {DataFolder} -l {_folder}/log -w -t 120 " +
            $"-o \"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start");
    }

    /// <summary>A new empty database on the cluster.</summary>
    /// <returns>Its connection string, as <c>Database:ConnectionString</c> takes it.</returns>
    public async Task<string> CreateDatabaseAsync()
    {
        if (_folder is null)
        {
            throw new InvalidOperationException(NotInstalled);
        }

        var name = $"dibao_test_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        if (_folder is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await AsPostgresAsync($"{Binaries}/pg_ctl -D {DataFolder} -m fast -w stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = _port,
            Username = "postgres",
            Database = database,
            IncludeErrorDetail = true,
        }.ConnectionString;

    private static Task AsPostgresAsync(string command) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", command])
            : RunAsync("/bin/sh", ["-c", command]);

    private static async Task RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} still ran after {CommandTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {await stdout} {await stderr}");
        }
    }
}
