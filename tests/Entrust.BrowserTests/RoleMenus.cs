using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

/// <summary>
/// Each demo role walks its whole menu in the browser: every entry opens (never 无权访问), is highlighted on its page, and the
/// page shows no raw resource key and no Latin word (<see cref="PageScan"/>). The menu is grouped for the role's work, and
/// 接口文档 is the admin's alone, a reference that loads nothing from elsewhere.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleMenus(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    private sealed record Entry(string Group, string Id, string Href, string Label);

    /// <summary>The menu as shown: each link with the group heading above it.</summary>
    private async Task<List<Entry>> MenuAsync()
    {
        var rows = await Page.Locator("nav.sidebar").EvaluateAsync<string[][]>("""
            nav => { let group = ''; const rows = [];
                for (const e of nav.children) {
                    if (e.classList.contains('menu-group')) group = e.textContent.trim();
                    else if (e.matches('a[data-menu]')) rows.push([group, e.dataset.menu, e.getAttribute('href'), e.textContent.trim()]);
                }
                return rows; }
            """);
        return [.. rows.Select(r => new Entry(r[0], r[1], r[2], r[3]))];
    }

    [Theory]
    [InlineData("officer.xiema")]
    [InlineData("town.xiema")]
    [InlineData("dept.safety")]
    [InlineData("office")]
    [InlineData("auditor")]
    [InlineData("admin")]
    public async Task EveryEntryOfTheRolesMenuOpensCleanly(string userName)
    {
        await SignInAsync(userName);
        await AssertPageCleanAsync();
        var menu = await MenuAsync();
        Assert.True(menu.Count > 4, $"{userName} has a menu of {menu.Count}");
        Assert.Equal(userName == "admin", menu.Any(e => e.Id == "api"));

        var found = new List<string>();
        foreach (var entry in menu.Where(e => e.Id is not ("home" or "api")))
        {
            var response = await Page.GotoAsync(entry.Href);
            Assert.True(response is { Status: 200 }, $"{userName}: {entry.Label} ({entry.Href}) answered {response?.Status}");
            Assert.DoesNotContain("/Account/Denied", Page.Url);
            await Expect(Page.Locator($"a[data-menu=\"{entry.Id}\"]")).ToHaveClassAsync("active");
            found.AddRange((await ProblemsOnPageAsync()).Select(p => $"{entry.Label} {entry.Href}: {p}"));
        }
        Assert.True(found.Count == 0, $"{userName}:\n{string.Join("\n", found)}");

        var work = menu.Where(e => e.Group == "我的工作").Select(e => e.Label).ToList();
        switch (userName)
        {
            case "officer.xiema":
                // The officer's day: record an inspection, then his inspections, his cases and his certificate, first of all.
                Assert.Equal(["记录检查", "我的检查", "我的案件", "我的执法证"], work);
                Assert.Equal("我的工作", menu[1].Group);
                break;
            case "town.xiema":
                // The township's day: record, its inspections, rectifications and cases with their deadlines.
                Assert.Equal(["记录检查", "检查记录", "整改", "案件", "办案期限"], work.Take(5));
                break;
            case "dept.safety":
                Assert.Equal(["委托协议", "检查记录", "案件", "办案期限"], work.Take(4));
                break;
            case "office":
                Assert.Equal("委托协议", work[0]);
                Assert.Contains(menu, e => e.Id == "users");
                break;
            case "auditor":
                // The auditor reads: the record of everything first, and writes nothing (no 记录检查, no accounts).
                Assert.Equal("全过程记录", work[0]);
                Assert.DoesNotContain(menu, e => e.Id is "record" or "users");
                break;
            case "admin":
                Assert.Equal("系统管理", menu[1].Group);
                Assert.Equal("接口文档", menu[^1].Label);
                break;
        }
        Assert.Equal(userName is "office" or "admin", menu.Any(e => e.Id == "users"));
    }

    /// <summary>The admin's API reference works on a machine without the internet: nothing requested from another host, nothing
    /// refused by the page's security policy, and its title is the platform's.</summary>
    [Fact]
    public async Task TheApiReferenceLoadsNothingFromElsewhere()
    {
        var elsewhere = new List<string>();
        var refused = new List<string>();
        Page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(App.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        Page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };
        await SignInAsync("admin");

        await Page.Locator("a[data-menu=api]").ClickAsync();

        await Expect(Page).ToHaveTitleAsync(new Regex("接口文档"));
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "/api/auth/login" }).First).ToBeVisibleAsync();
        await Expect(Page.GetByText("Deploy .NET")).ToHaveCountAsync(0);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(elsewhere);
        Assert.Empty(refused);
    }
}
