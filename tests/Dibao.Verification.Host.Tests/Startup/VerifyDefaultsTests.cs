using Dibao.Verification.Host.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Dibao.Verification.Host.Tests.Startup;

/// <summary>
/// <c>verify</c> runs on the sandbox when nothing says otherwise, answering as on its <c>--as-of</c> day, and anything that
/// does say otherwise wins.
/// </summary>
public sealed class VerifyDefaultsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dibao-settings-");

    public VerifyDefaultsTests() =>
        File.WriteAllText(Path.Combine(_folder.FullName, "appsettings.json"), """{ "Sandbox": { "Enabled": false } }""");

    [Fact]
    public void Verify_turns_the_sandbox_on_over_appsettings_json() =>
        SandboxEnabled("Staging").ShouldBeTrue();

    [Fact]
    public void The_command_line_turns_it_off() =>
        SandboxEnabled("Staging", "--Sandbox:Enabled=false").ShouldBeFalse();

    [Fact]
    public void The_environment_s_appsettings_file_turns_it_off()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "appsettings.Staging.json"), """{ "Sandbox": { "Enabled": false } }""");

        SandboxEnabled("Staging").ShouldBeFalse();
    }

    [Fact]
    public void With_as_of_the_sandbox_answers_as_on_that_day_and_still_runs()
    {
        var configuration = Configuration("Staging", new DateOnly(2026, 11, 15));

        configuration["Sandbox:Today"].ShouldBe("2026-11-15");
        configuration.GetValue<bool>("Sandbox:Enabled").ShouldBeTrue();
    }

    [Fact]
    public void Without_as_of_the_sandbox_answers_about_today() =>
        Configuration("Staging", asOf: null)["Sandbox:Today"].ShouldBeNull();

    [Fact]
    public void The_command_line_s_sandbox_day_wins_over_as_of() =>
        Configuration("Staging", new DateOnly(2026, 11, 15), "--Sandbox:Today=2026-10-01")["Sandbox:Today"].ShouldBe("2026-10-01");

    public void Dispose() => _folder.Delete(recursive: true);

    private bool SandboxEnabled(string environment, params string[] args)
    {
        var builder = Builder(environment, args);
        VerifyDefaults.Apply(builder.Configuration);
        return builder.Configuration.GetValue<bool>("Sandbox:Enabled");
    }

    private IConfiguration Configuration(string environment, DateOnly? asOf, params string[] args)
    {
        var builder = Builder(environment, args);
        VerifyDefaults.Apply(builder.Configuration, asOf);
        return builder.Configuration;
    }

    private WebApplicationBuilder Builder(string environment, string[] args)
    {
        // No watching of a folder the test deletes.
        string[] settings = ["--hostBuilder:reloadConfigOnChange=false", .. args];
        return WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings, ContentRootPath = _folder.FullName, EnvironmentName = environment });
    }
}
