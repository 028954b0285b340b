namespace Dibao.Verification.Host.Tests.Startup;

public sealed record HubProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Asserts the hub stopped on a configuration error as an operator should see it: one line naming every key, no trace.</summary>
    public string ShouldBeOneLineConfigurationError(params string[] keys)
    {
        var lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(1, $"stderr:\n{Stderr}\nstdout:\n{Stdout}");
        ExitCode.ShouldBe(ConfigurationErrors.ExitCode, lines[0]);
        lines[0].ShouldStartWith("Configuration error: ");
        foreach (var key in keys)
        {
            lines[0].ShouldContain(key, Case.Sensitive);
        }

        (Stdout + Stderr).ShouldNotContain("   at ", Case.Sensitive, "no stack trace");
        return lines[0];
    }
}
