using Microsoft.Playwright;

namespace Dibao.Verification.Host.Tests.Browser;

/// <summary>
/// Debian's chromium, driven by Playwright through its executable path: Playwright's own browser download cannot run here,
/// so the browser tests skip, naming the package, where it is not installed, unless DIBAO_REQUIRE_SERVERS=1 asks them to fail.
/// One browser serves every test of the collection; each user gets a context of their own, as a separate person would.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string? SkipReason =>
        File.Exists(ExecutablePath) || Environment.GetEnvironmentVariable("DIBAO_REQUIRE_SERVERS") == "1"
            ? null
            : "chromium is not installed: apt-get install chromium (or set DIBAO_REQUIRE_SERVERS=1 to fail instead).";

    /// <summary>Where the tests keep screenshots of the main pages: <c>screenshots/</c> in the test project's output folder.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException($"{ExecutablePath} is missing: apt-get install chromium.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            if (SkipReason is not null)
            {
                return;
            }

            throw new InvalidOperationException($"DIBAO_REQUIRE_SERVERS=1 but {ExecutablePath} is missing: apt-get install chromium.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
    }

    /// <summary>A new person at an office screen of 1366×768, speaking Chinese, at the hub's address.</summary>
    public async Task<IPage> OpenAsync(string baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        // The machine is shared by several builds: generous, but still a bound.
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
