using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dibao.Verification.Host.Tests.Startup;

/// <summary><c>sandbox</c> serves the simulators alone on fixed ports, for agency hosts in other processes.</summary>
public sealed class SandboxCommandTests
{
    private static readonly string[] Agencies = ["social-security", "housing-fund", "tax", "business-registry", "vehicle", "bank"];

    [Fact]
    public async Task It_serves_every_agency_on_its_configured_port_and_prints_the_settings_that_point_an_adapter_there()
    {
        var ports = Agencies.ToDictionary(agency => agency, _ => LoopbackPorts.Free());
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dibao.Verification.Host.dll"));
        start.ArgumentList.Add("sandbox");
        foreach (var (agency, port) in ports)
        {
            start.ArgumentList.Add($"--Sandbox:Ports:{agency}={port}");
        }

        foreach (var inherited in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        try
        {
            var printed = await ReadUntilReadyAsync(process);

            foreach (var (agency, port) in ports)
            {
                printed.ShouldContain($"{agency} http://127.0.0.1:{port}/\n");
            }

            printed.ShouldContain($"--Agencies:Tax:BaseUrl=http://127.0.0.1:{ports["tax"]}/");
            printed.ShouldContain("--Agencies:Tax:ClientSecret=");
            printed.ShouldContain($"--Agencies:Bank:Banks:0:BaseUrl=http://127.0.0.1:{ports["bank"]}/icbc/");
            printed.ShouldContain("--Verification:Banks:0=ICBC");

            // The vehicle administration wants its key; the printed one is the one it accepts.
            var key = printed.Split('\n').Single(line => line.StartsWith("  --Agencies:Vehicle:ApiKey=", StringComparison.Ordinal)).Split('=', 2)[1];
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports["vehicle"]}/") };
            using (var refused = await client.GetAsync(new Uri("anything", UriKind.Relative)))
            {
                refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            }

            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            using var accepted = await client.GetAsync(new Uri("anything", UriKind.Relative));
            accepted.StatusCode.ShouldBe(HttpStatusCode.NotFound, "past the key check, a path the agency does not publish");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task It_is_refused_in_Production()
    {
        var result = await HubProcess.RunAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, "sandbox");

        result.ShouldBeOneLineConfigurationError("Sandbox:Enabled", "Production");
    }

    [Fact]
    public async Task A_port_already_taken_stops_it_in_one_line_naming_the_key()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await HubProcess.RunAsync(new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Testing" }, "sandbox", $"--Sandbox:Ports:social-security={port}");

        result.ShouldBeOneLineConfigurationError("Sandbox:Ports");
    }

    private static async Task<string> ReadUntilReadyAsync(Process process)
    {
        var printed = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            printed.Append(line).Append('\n');
            if (line == "Sandbox ready.")
            {
                return printed.ToString();
            }
        }

        throw new InvalidOperationException($"The sandbox stopped before it was ready: {printed}{await process.StandardError.ReadToEndAsync()}");
    }
}
