using System.Runtime.InteropServices;
using Dibao.Verification.Host.Operations;
using Dibao.Verification.Host.Sandbox;
using Dibao.Verification.Sandbox;

namespace Dibao.Verification.Host.Cli;

/// <summary>
/// <c>sandbox</c>: serves the agency simulators alone, on fixed ports, until stopped, so agency hosts in other processes or
/// containers can be pointed at them; prints each agency's base URL and the settings that point an adapter at it.
/// The sandbox's refusals apply as to the hub: never in the Production environment.
/// </summary>
public static class SandboxCommand
{
    /// <summary>The fixed ports, just above appsettings.json; <c>--Sandbox:Ports:tax=…</c> and the like override them.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        [EnabledKey] = "true",
        ["Sandbox:Ports:social-security"] = "7101",
        ["Sandbox:Ports:housing-fund"] = "7102",
        ["Sandbox:Ports:tax"] = "7103",
        ["Sandbox:Ports:business-registry"] = "7104",
        ["Sandbox:Ports:vehicle"] = "7105",
        ["Sandbox:Ports:bank"] = "7106",
    };

    private const string EnabledKey = SandboxOptions.SectionName + ":" + nameof(SandboxOptions.Enabled);

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = UnwatchedConfiguration.Args(args), ContentRootPath = AppContext.BaseDirectory });
        CommandDefaults.Apply(builder.Configuration, Defaults);

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        SandboxServer? sandbox;
        try
        {
            sandbox = await SandboxBootstrap.StartIfEnabledAsync(builder.Configuration, builder.Environment, stop.Token);
        }
        catch (IOException ex)
        {
            // Kestrel could not bind: the port is taken or the address is not this machine's.
            throw new HubConfigurationException("Sandbox:Ports", $"Sandbox:Ports or Sandbox:ListenAddress: {ex.Message}", ex);
        }

        await using (sandbox ?? throw new HubConfigurationException(EnabledKey, $"{EnabledKey} is false: the sandbox command serves the simulators only when it is true."))
        {
            Print(sandbox);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Out.WriteLine("Sandbox stopped.");
            }
        }

        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static void Print(SandboxServer sandbox)
    {
        var output = Console.Out;
        output.WriteLine($"Sandbox agencies (seed {sandbox.Population.Seed}) serving until stopped (Ctrl+C). Synthetic persons only: never point a real hub's agency hosts here.");
        foreach (var agency in sandbox.Agencies)
        {
            output.WriteLine($"{agency} {sandbox.BaseUrl(agency)}");
            // The adapter's settings first, then the hub's (the banks it asks).
            foreach (var (key, value) in sandbox.HubSettings(agency).OrderBy(s => s.Key.StartsWith("Verification:", StringComparison.Ordinal)))
            {
                output.WriteLine($"  --{key}={value}");
            }
        }

        output.WriteLine("Sandbox ready.");
    }
}
