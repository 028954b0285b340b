using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dibao.Verification.Host.Tests.RabbitMq;

/// <summary>
/// A private RabbitMQ node for one test run, started from the installed binaries (Debian's <c>rabbitmq-server</c>) in a
/// temporary folder on free loopback ports, and stopped at the end. Each test takes a virtual host of its own, so queues
/// left by one test never reach another. No plugin is enabled: the hub must work on a bare broker.
/// </summary>
public sealed class RabbitMqNode : IAsyncLifetime
{
    public const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string Ctl = "/usr/lib/rabbitmq/bin/rabbitmqctl";
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromMinutes(3);

    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-rabbitmq-").FullName;
    private readonly string _node = $"dibao{Environment.ProcessId}x{Random.Shared.Next(100_000):D5}@localhost";
    private Dictionary<string, string> _environment = [];
    private Process? _server;

    public int Port { get; private set; }

    /// <summary>Whether this machine can run the node; <c>DIBAO_REQUIRE_SERVERS=1</c> makes its absence a failure rather than a skip.</summary>
    public static string? SkipReason =>
        File.Exists(Server) || Environment.GetEnvironmentVariable("DIBAO_REQUIRE_SERVERS") == "1"
            ? null
            : "RabbitMQ is not installed: apt-get install rabbitmq-server (or set DIBAO_REQUIRE_SERVERS=1 to fail instead).";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Server))
        {
            // Every test of the collection is skipped then, unless DIBAO_REQUIRE_SERVERS=1 asked for them to fail.
            if (SkipReason is not null)
            {
                return;
            }

            throw new InvalidOperationException($"DIBAO_REQUIRE_SERVERS=1 but {Server} is missing: apt-get install rabbitmq-server.");
        }

        Port = LoopbackPorts.Free();
        var home = Directory.CreateDirectory(Path.Combine(_folder, "home")).FullName;
        var cookie = Path.Combine(home, ".erlang.cookie");
        await File.WriteAllTextAsync(cookie, Guid.NewGuid().ToString("N"));
        if (!OperatingSystem.IsWindows())
        {
            // Erlang refuses a cookie others may read.
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }
        var plugins = Path.Combine(_folder, "enabled_plugins");
        await File.WriteAllTextAsync(plugins, "[].");
        _environment = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = _node,
            ["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Directory.CreateDirectory(Path.Combine(_folder, "mnesia")).FullName,
            ["RABBITMQ_LOG_BASE"] = Directory.CreateDirectory(Path.Combine(_folder, "log")).FullName,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,

            // The settings a deployment takes from deploy/rabbitmq, so the tests run the broker the hub is shipped for.
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(AppContext.BaseDirectory, "RabbitMq", "advanced.config"),
            ["HOME"] = home,
        };

        var start = new ProcessStartInfo("/bin/sh", ["-c", $"exec {Server} > '{Path.Combine(_folder, "server.out")}' 2>&1"]) { UseShellExecute = false };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start.");
        var deadline = DateTime.UtcNow + StartupDeadline;
        while (true)
        {
            // The node takes seconds to register; await_startup fails until it has.
            var (exitCode, output) = await CtlAsync(["await_startup", "--timeout", "30"], throwOnFailure: false);
            if (exitCode == 0)
            {
                return;
            }

            if (_server.HasExited || DateTime.UtcNow > deadline)
            {
                var log = File.Exists(Path.Combine(_folder, "server.out")) ? await File.ReadAllTextAsync(Path.Combine(_folder, "server.out")) : "";
                throw new InvalidOperationException($"RabbitMQ node {_node} did not start: {output}\n{log}");
            }

            await Task.Delay(1000);
        }
    }

    /// <summary>A fresh virtual host the guest user may use.</summary>
    public async Task<BrokerVirtualHost> NewVirtualHostAsync()
    {
        var vhost = "t" + Guid.NewGuid().ToString("N")[..12];
        await CtlAsync(["add_vhost", vhost]);
        await CtlAsync(["set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"]);
        return new BrokerVirtualHost(Port, vhost);
    }

    /// <summary>A broker user with <paramref name="password"/> and its permissions on <paramref name="vhost"/>, as an operator creates it.</summary>
    public async Task AddUserAsync(string vhost, Dibao.Verification.Host.Messaging.BrokerUser user, string password)
    {
        // Users belong to the node, not to a test's virtual host: one left by an earlier test is replaced.
        await CtlAsync(["delete_user", user.Name], throwOnFailure: false);
        await CtlAsync(["add_user", user.Name, password]);
        await CtlAsync(["set_permissions", "-p", vhost, user.Name, user.Configure, user.Write, user.Read]);
    }

    /// <summary>rabbitmqctl's table for <paramref name="command"/> (<c>list_queues</c>, <c>list_consumers</c>) in a virtual host, one row per line.</summary>
    public async Task<IReadOnlyList<string[]>> ListAsync(string vhost, string command, params string[] columns)
    {
        var (_, output) = await CtlAsync(["-q", command, "-p", vhost, .. columns, "--no-table-headers"]);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => line.Split('\t'))];
    }

    /// <summary>Stops the broker application, as a broker going down would; the node itself stays up to be started again.</summary>
    public Task StopAppAsync() => CtlAsync(["stop_app"]);

    public Task StartAppAsync() => CtlAsync(["start_app"]);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await CtlAsync(["stop"], throwOnFailure: false);
            if (!_server.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _server.Kill(entireProcessTree: true);
            }

            _server.Dispose();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A log file still being closed by the exiting node; the folder is in the temporary directory anyway.
        }
    }

    private async Task<(int ExitCode, string Output)> CtlAsync(string[] arguments, bool throwOnFailure = true)
    {
        var start = new ProcessStartInfo(Ctl, ["-n", _node, .. arguments])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("rabbitmqctl did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = (await output) + (await error);
        if (throwOnFailure && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {text}");
        }

        return (process.ExitCode, text);
    }
}
