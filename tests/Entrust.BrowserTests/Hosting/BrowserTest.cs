namespace Entrust.BrowserTests.Hosting;

/// <summary>
/// A fresh browser context (no cookies, Chinese UI) per test, on the app of the test class. Every page of the app the test
/// loads in Chinese is scanned (<see cref="PageScan"/>) as it loads, however the test got there; the test fails at its end
/// if one showed 无权访问, a raw resource key or a Latin word. Set ENTRUST_SCREENSHOTS to a folder and the tests also save
/// the screenshots the README shows.
/// </summary>
public abstract class BrowserTest(ChromiumFixture chromium, AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    public static readonly (int Width, int Height) Desktop = (1366, 768);
    public static readonly (int Width, int Height) Phone = (390, 844);

    private IBrowserContext? _context;
    private readonly List<Task> _scans = [];
    private readonly List<string> _findings = [];

    protected AppFixture App => app;

    protected IPage Page { get; private set; } = null!;

    protected virtual (int Width, int Height) Viewport => Desktop;

    /// <summary>False for a test of the pages as a browser without JavaScript uses them.</summary>
    protected virtual bool JavaScript => true;

    public async Task InitializeAsync()
    {
        _context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new() { Width = Viewport.Width, Height = Viewport.Height },
            IsMobile = Viewport == Phone,
            HasTouch = Viewport == Phone,
            JavaScriptEnabled = JavaScript,
        });
        Page = await _context.NewPageAsync();
        Page.Load += (_, page) =>
        {
            lock (_scans)
            {
                _scans.Add(ScanAsync(page));
            }
        };
    }

    public async Task DisposeAsync()
    {
        Task[] scans;
        lock (_scans)
        {
            scans = [.. _scans];
        }
        await Task.WhenAll(scans);
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
        Assert.True(_findings.Count == 0, "Pages the test visited show what a Chinese page must not:\n" + string.Join("\n", _findings.Distinct()));
    }

    /// <summary>A test that goes where its user may not sets this: 无权访问 is then what it expects to see.</summary>
    protected bool RefusalExpected { get; set; }

    /// <summary>Scans the page shown now and fails at once if it shows what a Chinese page must not.</summary>
    protected async Task AssertPageCleanAsync()
    {
        var problems = await ProblemsOnPageAsync();
        Assert.True(problems.Count == 0, $"{Page.Url}: {string.Join("; ", problems)}");
    }

    /// <summary>What the page shown now shows that a Chinese page must not (<see cref="PageScan"/>).</summary>
    protected Task<IReadOnlyList<string>> ProblemsOnPageAsync() => ProblemsAsync(Page);

    private async Task ScanAsync(IPage page)
    {
        try
        {
            var url = page.Url;
            var problems = await ProblemsAsync(page);
            if (problems.Count > 0)
            {
                lock (_findings)
                {
                    _findings.Add($"{url}: {string.Join("; ", problems)}");
                }
            }
        }
        catch (PlaywrightException)
        {
            // The test moved on before the page could be read (its context went with the navigation): nothing to scan.
        }
    }

    /// <summary>What is wrong with the page's Chinese text; nothing for pages off the app, in English, or the API reference.</summary>
    private async Task<IReadOnlyList<string>> ProblemsAsync(IPage page)
    {
        var url = page.Url;
        if (!url.StartsWith(app.BaseUrl, StringComparison.Ordinal) || new Uri(url).AbsolutePath.StartsWith("/api-reference", StringComparison.Ordinal)
            || await page.EvaluateAsync<string>("() => document.documentElement.lang") != "zh-CN")
        {
            return [];
        }
        var problems = PageScan.Problems(await page.EvaluateAsync<string>(PageScan.TextScript))
            .Concat((await page.EvaluateAsync<string[]>(PageScan.FormScript)).Select(form => $"form without anti-forgery token {form}")).ToList();
        return RefusalExpected ? [.. problems.Where(p => p != "无权访问")] : problems;
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

    /// <summary>
    /// Opens a step's form in its dialog (a case's steps: <c>#open-KEY</c> opens <c>#KEY-form</c>), unless it is open already — as it
    /// is after a refusal, drawn open with its errors beside its fields.
    /// </summary>
    protected async Task OpenStepAsync(string key)
    {
        if (!await Page.Locator($"#{key}-form").IsVisibleAsync())
        {
            await Page.Locator($"#open-{key}").ClickAsync();
        }
        await Expect(Page.Locator($"#{key}-form")).ToBeVisibleAsync();
    }

    /// <summary>Answers the console's confirmation dialog (_ConfirmDialog) that the last click opened: 确定, or 取消.</summary>
    protected async Task ConfirmAsync(bool accept = true)
    {
        var dialog = Page.Locator("#confirm-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator(accept ? "#confirm-ok" : "#confirm-cancel").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }

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
