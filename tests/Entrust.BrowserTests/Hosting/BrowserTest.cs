namespace Entrust.BrowserTests.Hosting;

/// <summary>
/// A fresh browser context (no cookies, Chinese UI) per test, on the app of the test class. Set
/// ENTRUST_SCREENSHOTS to a folder and the tests also save the screenshots the README shows.
/// </summary>
public abstract class BrowserTest(ChromiumFixture chromium, AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    public static readonly (int Width, int Height) Desktop = (1366, 768);
    public static readonly (int Width, int Height) Phone = (390, 844);

    private IBrowserContext? _context;

    protected AppFixture App => app;

    protected IPage Page { get; private set; } = null!;

    protected virtual (int Width, int Height) Viewport => Desktop;

    public async Task InitializeAsync()
    {
        _context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new() { Width = Viewport.Width, Height = Viewport.Height },
            IsMobile = Viewport == Phone,
            HasTouch = Viewport == Phone,
        });
        Page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
    }

    protected async Task SignInAsync(string userName = "office")
    {
        await Page.GotoAsync("/Account/Login");
        await Page.Locator("#UserName").FillAsync(userName);
        await Page.Locator("#Password").FillAsync(AppFixture.Password);
        await Page.Locator("#login").ClickAsync();
        // #current-user is hidden on a phone's narrow header; the sign-out button shows everywhere.
        await Expect(Page.Locator("#sign-out")).ToBeVisibleAsync();
    }

    protected ILocator TableRows => Page.Locator("table.data-table tbody tr");

    /// <summary>Saves the page as docs/images/NAME.png when ENTRUST_SCREENSHOTS names the folder; otherwise does nothing.</summary>
    protected async Task ScreenshotAsync(string name, int? height = null)
    {
        var folder = Environment.GetEnvironmentVariable("ENTRUST_SCREENSHOTS");
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }
        Directory.CreateDirectory(folder);
        // A height cuts the picture to its top part: the README's images should stay under 200 KB.
        var clip = height is { } h ? new Clip { X = 0, Y = 0, Width = Viewport.Width, Height = Math.Min(h, Viewport.Height) } : null;
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), Type = ScreenshotType.Png, Clip = clip });
    }
}
