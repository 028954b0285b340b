using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Startup;

/// <summary>
/// The hub reads its settings once and does not watch its settings files, whose watcher covered the whole content root
/// and woke on every write of a database below it; an operator can still turn the watching on.
/// </summary>
public sealed class ConfigurationWatchTests
{
    [Fact]
    public async Task The_settings_files_are_not_watched_for_changes()
    {
        await using var hub = await RunningHub.StartAsync();

        var files = SettingsFiles(hub);

        files.ShouldNotBeEmpty("appsettings.json is read");
        files.ShouldAllBe(file => !file.Source.ReloadOnChange);
    }

    [Fact]
    public async Task The_operator_can_turn_the_watching_on_on_the_command_line()
    {
        await using var hub = await RunningHub.StartAsync("hostBuilder:reloadConfigOnChange=true");

        var files = SettingsFiles(hub);

        files.ShouldNotBeEmpty();
        files.ShouldAllBe(file => file.Source.ReloadOnChange);
    }

    private static List<FileConfigurationProvider> SettingsFiles(RunningHub hub) =>
        [.. ((IConfigurationRoot)hub.Services.GetRequiredService<IConfiguration>()).Providers.OfType<FileConfigurationProvider>()];
}
