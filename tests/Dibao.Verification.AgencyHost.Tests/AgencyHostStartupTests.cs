using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox;

namespace Dibao.Verification.AgencyHost.Tests;

/// <summary>The agency host as a process: it starts from its command line alone, and a wrong setting stops it in one line.</summary>
public sealed class AgencyHostStartupTests
{
    [Theory]
    [InlineData("no list", new string[0], "names no agency")]
    [InlineData("unknown agency", new[] { "--AgencyHost:Agencies:0=tax", "--AgencyHost:Agencies:1=land-registry" }, "'land-registry'")]
    [InlineData("single value", new[] { "--AgencyHost:Agencies=tax" }, "AgencyHost:Agencies:0=tax")]
    public async Task An_agency_list_it_cannot_serve_stops_it_in_one_line_naming_the_key(string _, string[] args, string detail)
    {
        var (exitCode, stdout, stderr) = await AgencyHostProcess.RunToExitAsync(new Dictionary<string, string>(), args);

        var line = ShouldBeOneLineConfigurationError(exitCode, stdout, stderr);
        line.ShouldContain("AgencyHost:Agencies", Case.Sensitive);
        line.ShouldContain(detail, Case.Sensitive);
    }

    [Fact]
    public async Task An_adapter_without_its_agencys_address_stops_it_in_one_line_naming_the_key()
    {
        var (exitCode, stdout, stderr) = await AgencyHostProcess.RunToExitAsync(
            new Dictionary<string, string> { ["AgencyHost__Agencies__0"] = "vehicle" });

        ShouldBeOneLineConfigurationError(exitCode, stdout, stderr).ShouldContain("Agencies:Vehicle:BaseUrl", Case.Sensitive);
    }

    /// <summary>A host started with neither ASPNETCORE_ENVIRONMENT nor DOTNET_ENVIRONMENT is in Production.</summary>
    [Theory]
    [InlineData(AgencyCodes.Tax, "Agencies:Tax:ClientSecret")]
    [InlineData(AgencyCodes.Bank, "Agencies:Bank:Banks:0:ApiKey")]
    public async Task The_sandboxs_well_known_keys_stop_it_in_Production_in_one_line_naming_the_key(string agency, string key)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());

        var (exitCode, stdout, stderr) = await AgencyHostProcess.RunToExitAsync(
            new Dictionary<string, string>(), [$"--AgencyHost:Agencies:0={agency}", .. sandbox.HubSettings(agency).Select(s => $"--{s.Key}={s.Value}")]);

        var line = ShouldBeOneLineConfigurationError(exitCode, stdout, stderr);
        line.ShouldContain(key, Case.Sensitive);
        line.ShouldContain("Production", Case.Sensitive);
    }

    [Fact]
    public async Task It_starts_as_a_process_from_its_command_line_and_reports_healthy()
    {
        // Any key but the sandbox's well-known one, which Production (the environment of a host nobody named) refuses.
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { ApiKey = Guid.NewGuid().ToString("N") });

        await using var host = await AgencyHostProcess.StartAsync(
            ["--AgencyHost:Agencies:0=social-security", .. sandbox.HubSettings().Select(s => $"--{s.Key}={s.Value}")]);

        host.Output.ShouldContain("Agency host answering for social-security");
    }

    private static string ShouldBeOneLineConfigurationError(int exitCode, string stdout, string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(1, $"stderr:\n{stderr}\nstdout:\n{stdout}");
        exitCode.ShouldBe(StartupErrors.ExitCode, lines[0]);
        lines[0].ShouldStartWith("Configuration error: ");
        (stdout + stderr).ShouldNotContain("   at ", Case.Sensitive, "no stack trace");
        return lines[0];
    }
}
