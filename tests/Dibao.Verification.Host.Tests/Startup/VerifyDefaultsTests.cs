using Dibao.Verification.Host.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Dibao.Verification.Host.Tests.Startup;

/// <summary><c>verify</c> runs on the sandbox when nothing says otherwise, and anything that does say otherwise wins.</summary>
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

    public void Dispose() => _folder.Delete(recursive: true);

    private bool SandboxEnabled(string environment, params string[] args)
    {
        // No watching of a folder the test deletes.
        string[] settings = ["--hostBuilder:reloadConfigOnChange=false", .. args];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings, ContentRootPath = _folder.FullName, EnvironmentName = environment });
        VerifyDefaults.Apply(builder.Configuration);
        return builder.Configuration.GetValue<bool>("Sandbox:Enabled");
    }
}
