namespace Dibao.Verification.Host.Operations;

/// <summary>
/// The hub's settings are read once, at start-up (options, not monitors), so it does not watch appsettings.json for
/// changes. The watcher covers the whole content root: started from its own folder, as the container image is, the
/// embedded database's <c>data/</c> lies under it, and every write woke the watcher's thread. A change of settings takes
/// a restart, as it always did; <c>--hostBuilder:reloadConfigOnChange=true</c> given later on the command line still
/// turns the watching on.
/// </summary>
public static class UnwatchedConfiguration
{
    /// <summary>The command line with the watching turned off first, so that anything the operator gives wins.</summary>
    public static string[] Args(IEnumerable<string> args) => ["--hostBuilder:reloadConfigOnChange=false", .. args];
}
