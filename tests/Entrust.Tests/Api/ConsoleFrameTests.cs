using System.Net;
using System.Text.RegularExpressions;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Shared;

namespace Entrust.Tests.Api;

/// <summary>
/// The console's frame as a browser meets it: a missing record or page answers the console's own Chinese 404 page (in the
/// layout, never JSON) while the API keeps its ProblemDetails; a page the role may not open answers 无权访问 in the layout;
/// each demo role's menu offers only pages that open for it, with no raw resource key, and 接口文档 only to the admin.
/// </summary>
public abstract partial class ConsoleFrameTests(HostFixture host) : ApiTest(host)
{
    [Fact]
    public async Task AMissingRecordIsTheConsoles404PageForABrowserAndProblemDetailsForTheApi()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var id = Guid.NewGuid();
        using var page = await console.GetAsync($"/Cases/Detail/{id}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("页面不存在", html);
        Assert.Contains("data-status=\"404\"", html);
        Assert.Contains("class=\"sidebar\"", html);
        Assert.DoesNotContain("\"status\":", html);

        using var unknown = await Host.Anonymous().GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("页面不存在", await unknown.Content.ReadAsStringAsync());

        using var api = await (await As("office")).GetAsync($"/api/cases/{id}");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":404", await api.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APageTheRoleMayNotOpenIsRefusedInTheLayoutNotWithJson()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        using var settings = await console.GetAsync("/Cases/Settings");
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.StartsWith("/Account/Denied", settings.Headers.Location!.PathAndQuery());
        using var denied = await console.GetAsync(settings.Headers.Location);
        var html = await denied.Content.ReadAsStringAsync();
        Assert.Equal("text/html", denied.Content.Headers.ContentType?.MediaType);
        Assert.Contains("无权访问", html);
        Assert.Contains("class=\"sidebar\"", html);
    }

    [GeneratedRegex("<tr data-case=\"[^\"]+\" data-deadline=\"[^\"]+\" class=\"([^\"]*)\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex DeadlineRow();

    [GeneratedRegex("<span class=\"tag ?([a-z-]*)\">(逾期|剩)(\\d+)个工作日</span>")]
    private static partial Regex DaysTag();

    /// <summary>One set of signals: on the deadline list an overdue deadline is red, row and tag, and one due within the ten
    /// working days amber; on the case list a next deadline is red when overdue, amber within ten working days, plain after.</summary>
    [Fact]
    public async Task OverdueDeadlinesAreRedAndThoseDueSoonAmber()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var rows = DeadlineRow().Matches(await console.GetStringAsync("/Cases/Deadlines"))
            .Select(m => (Class: m.Groups[1].Value, Cells: m.Groups[2].Value)).ToList();
        Assert.Contains(rows, r => r.Cells.Contains("逾期", StringComparison.Ordinal));
        foreach (var (signal, cells) in rows)
        {
            Assert.Equal(cells.Contains("逾期", StringComparison.Ordinal) ? "signal-red" : "signal-amber", signal);
            Assert.Contains($"class=\"tag {signal}\"", cells);
        }

        var tags = DaysTag().Matches(await console.GetStringAsync("/Cases"))
            .Select(m => (Class: m.Groups[1].Value, Overdue: m.Groups[2].Value == "逾期", Days: int.Parse(m.Groups[3].Value))).ToList();
        Assert.Contains(tags, t => t.Overdue);
        Assert.All(tags, t => Assert.Equal(t.Overdue ? "signal-red" : t.Days <= 10 ? "signal-amber" : "", t.Class));
        // The demo has no deadline a few days ahead: the boundaries, from the one place that chooses.
        Assert.Equal(["signal-red", "signal-amber", "signal-amber", ""], new[] { -1, 0, 10, 11 }.Select(d => Signals.OfDaysLeft(d)));
    }

    [GeneratedRegex("<a href=\"([^\"]+)\" class=\"[^\"]*\" data-menu=\"([^\"]+)\">([^<]*)</a>")]
    private static partial Regex MenuLink();

    /// <summary>A resource key shown instead of its text: Word.Word between tags.</summary>
    [GeneratedRegex(@">\s*[A-Z][A-Za-z]+\.[A-Z][A-Za-z.]*\s*<")]
    private static partial Regex RawKey();

    [Theory]
    [InlineData("admin")]
    [InlineData("office")]
    [InlineData("dept.safety")]
    [InlineData("town.xiema")]
    [InlineData("officer.xiema")]
    [InlineData("auditor")]
    public async Task EveryMenuEntryOfADemoRoleOpensForIt(string userName)
    {
        var console = await ConsoleSignIn.SignInAsync(Host, userName);
        var home = await console.GetStringAsync("/");
        var nav = home[home.IndexOf("<nav class=\"sidebar\"", StringComparison.Ordinal)..];
        nav = nav[..nav.IndexOf("</nav>", StringComparison.Ordinal)];
        var links = MenuLink().Matches(nav).Select(m => (Href: WebUtility.HtmlDecode(m.Groups[1].Value), Id: m.Groups[2].Value, Label: m.Groups[3].Value)).ToList();
        Assert.True(links.Count > 3, $"{userName} has a menu of {links.Count}");
        Assert.DoesNotMatch(RawKey(), nav);
        Assert.Equal(userName == "admin", links.Any(l => l.Id == "api"));
        foreach (var (href, id, label) in links.Where(l => l.Id != "api"))
        {
            using var response = await console.GetAsync(href);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{userName}: {label} ({href}) answered {(int)response.StatusCode} {response.Headers.Location}");
            Assert.DoesNotContain("无权访问", html);
            Assert.DoesNotMatch(RawKey(), html);
            Assert.Contains($"data-menu=\"{id}\">", html);
        }
        if (userName == "officer.xiema")
        {
            Assert.Equal(["record", "inspections", "cases", "my-certificate"], links.Skip(1).Take(4).Select(l => l.Id));
            Assert.Equal("记录检查", links[1].Label);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConsoleFrameTests_Sqlite(SqliteHost host) : ConsoleFrameTests(host);

[Collection(PostgresCollection.Name)]
public sealed class ConsoleFrameTests_Postgres(PostgresHost host) : ConsoleFrameTests(host);
