using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace Dibao.Verification.Host.Cli;

/// <summary>A command's own defaults, just above appsettings.json: the environment's settings file, environment variables and the command line override them.</summary>
internal static class CommandDefaults
{
    public static void Apply(IConfigurationBuilder configuration, IReadOnlyDictionary<string, string?> settings)
    {
        var sources = configuration.Sources;
        var appsettings = sources.Select((source, index) => (source, index))
            .LastOrDefault(s => s.source is JsonConfigurationSource { Path: "appsettings.json" }, (null!, -1)).index;
        sources.Insert(appsettings + 1, new MemoryConfigurationSource { InitialData = settings });
    }
}
