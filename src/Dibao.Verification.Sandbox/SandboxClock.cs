namespace Dibao.Verification.Sandbox;

internal static class SandboxClock
{
    /// <summary>The agencies answer "about today" in China Standard Time, not in the server's zone.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddHours(8));
}
