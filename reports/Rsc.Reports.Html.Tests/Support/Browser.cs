using Microsoft.Playwright;

namespace Rsc.Reports.Html.Tests.Support;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright (its bundled driver, no browser download),
/// with a fresh profile and no network of its own. Where Chromium is missing the test is ignored,
/// except under CI, which installs it and so must fail without it.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowserContext _browser;
    private readonly string _profile;

    private Browser(IPlaywright playwright, IBrowserContext browser, string profile)
    {
        _playwright = playwright;
        _browser = browser;
        _profile = profile;
    }

    public static async Task<Browser> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            var message = $"{ChromiumPath} is missing (Debian package chromium; .ci/run installs it)";
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            {
                Assert.Fail(message);
            }
            Assert.Ignore(message);
        }
        var profile = SampleRuns.TempFolder("chromium-profile");
        var playwright = await Playwright.CreateAsync();
        // The fresh profile is Chromium's --user-data-dir; Playwright passes it through a persistent context.
        var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        return new Browser(playwright, browser, profile);
    }

    /// <summary>Opens a report file as a person would: from file://, nothing served.</summary>
    public async Task<IPage> OpenAsync(string file, string fragment = "")
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(new Uri(file).AbsoluteUri + fragment);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be letting go of its profile; it is under the temp folder.
        }
    }
}
