namespace Dibao.Verification.Host.Tests.Browser;

/// <summary>A test in a real browser: skipped, naming the package to install, where chromium is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
