using Dibao.Verification.Sandbox;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>
/// The simulated agencies of every test answer as on the day the tests ask about (their <c>asOf</c>): drawn relative to
/// the real date, their records drifted away from it month by month, and tests that passed in November 2026 failed
/// by the next summer.
/// </summary>
public static class TestSandbox
{
    public static readonly DateOnly Today = new(2026, 11, 15);

    /// <summary>A sandbox of the tests' own, its day pinned.</summary>
    public static Task<SandboxServer> StartAsync(string? apiKey = null) =>
        SandboxServer.StartAsync(apiKey is null ? new SandboxOptions { Today = Today } : new SandboxOptions { Today = Today, ApiKey = apiKey });
}
