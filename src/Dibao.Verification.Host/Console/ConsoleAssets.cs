namespace Dibao.Verification.Host.WebConsole;

/// <summary>The console's stylesheet and script, embedded in the hub so it serves them itself, from any folder it is started in.</summary>
public static class ConsoleAssets
{
    private const string Prefix = "console-assets/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
    };

    public static IResult Serve(string file)
    {
        var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream(Prefix + file);
        if (stream is null || !ContentTypes.TryGetValue(Path.GetExtension(file), out var contentType))
        {
            stream?.Dispose();
            return Problems.HubProblems.NotFound();
        }

        return Results.Stream(stream, contentType);
    }
}
