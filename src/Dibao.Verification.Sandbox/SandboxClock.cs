namespace Dibao.Verification.Sandbox;

internal static class SandboxClock
{
    /// <summary>The day the agencies answer "about today": in China Standard Time, not in the server's zone, unless pinned (<see cref="SandboxDay"/>).</summary>
    public static DateOnly Today(TimeProvider time) => time is SandboxDay pinned ? pinned.Today : ChinaDate(time);

    public static DateOnly ChinaDate(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddHours(8));
}
