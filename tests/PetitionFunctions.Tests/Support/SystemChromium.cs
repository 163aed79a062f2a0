using Microsoft.Playwright;

namespace PetitionFunctions.Tests.Support;

/// <summary>Headless Chromium from the operating system (Debian's package). Playwright's own browser downloads are never used.</summary>
public static class SystemChromium
{
    public const string Path = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(Path))
            throw new InvalidOperationException($"The browser tests need Debian's Chromium at {Path} (apt-get install chromium); Playwright's own downloads are not used.");
        return playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Path,
            Headless = true,
            Timeout = 30_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }
}
