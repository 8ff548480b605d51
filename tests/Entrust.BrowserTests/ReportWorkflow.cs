using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ReportWorkflow(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    private async Task SwitchToAsync(string userName)
    {
        await Page.Locator("#sign-out").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Login"));
        await SignInAsync(userName);
    }

    /// <summary>
    /// 歇马镇 writes its remarks on this month's report to 区林业局 and submits it; the department returns it with a comment; the
    /// township reads the comment and submits version 2; the department acknowledges it. Both versions stay on the page.
    /// </summary>
    [Fact]
    public async Task TheTownshipSubmitsTheDepartmentReturnsAndAcknowledgesTheSecondVersion()
    {
        await SignInAsync("town.xiema");
        await Page.Locator("a[data-menu=reports]").ClickAsync();
        var row = Page.Locator("#reports tbody tr").Filter(new() { HasText = "区林业局" });
        await Expect(row).ToHaveCountAsync(1);
        await row.Locator("a[href^='/Reports/Detail/']").ClickAsync();
        var address = Page.Url;
        await Page.Locator("#remarks").FillAsync("本月开展森林防火检查，发现问题已责令整改。");
        await Page.Locator("#submit").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("报表已报送");
        await Expect(Page.Locator("#report-state")).ToHaveTextAsync("已报送");
        await Expect(Page.Locator("#submit")).ToHaveCountAsync(0);

        await SwitchToAsync("dept.forestry");
        await Page.GotoAsync(address);
        await Page.Locator("#comment").FillAsync("请补充森林防火检查发现的问题及整改情况。");
        await Page.Locator("#return").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("报表已退回");
        await Expect(Page.Locator("#report-state")).ToHaveTextAsync("已退回");

        await SwitchToAsync("town.xiema");
        await Page.GotoAsync(address);
        await Expect(Page.Locator("#department-comment")).ToContainTextAsync("请补充森林防火检查发现的问题");
        await Page.Locator("#remarks").FillAsync("本月开展森林防火检查，发现火源管理问题2处，均已整改完毕。");
        await Page.Locator("#submit").ClickAsync();
        await Expect(Page.Locator("#report-state")).ToHaveTextAsync("已报送");

        await SwitchToAsync("dept.forestry");
        await Page.GotoAsync(address);
        await Expect(Page.Locator("#remarks-text")).ToContainTextAsync("均已整改完毕");
        await Page.Locator("#comment").FillAsync("收悉。");
        await Page.Locator("#acknowledge").ClickAsync();
        await Expect(Page.Locator("#report-state")).ToHaveTextAsync("已确认");
        await Expect(Page.Locator("#versions tr[data-version]")).ToHaveCountAsync(2);
        await Expect(Page.Locator("#versions tr[data-version='1']")).ToContainTextAsync("已退回");
        await Expect(Page.Locator("#versions tr[data-version='2']")).ToContainTextAsync("已确认");
    }

    /// <summary>The statistics of the first half of 2026: the charts are drawn (an svg in each) and each has its table beside it.</summary>
    [Fact]
    public async Task TheStatisticsPageDrawsItsChartsBesideTheirTables()
    {
        await SignInAsync("office");
        await Page.Locator("a[data-menu=statistics]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Reports/Statistics"));
        await Page.Locator("#from").FillAsync("2026-01");
        await Page.Locator("#to").FillAsync("2026-06");
        await Page.Locator("#search").ClickAsync();

        foreach (var id in new[] { "by-month", "by-township", "by-department", "coverage" })
        {
            var chart = Page.Locator($"#{id} [data-statistics-chart]");
            await Expect(chart).ToHaveAttributeAsync("data-chart-ready", "true");
            await Expect(chart.Locator("svg")).Not.ToHaveCountAsync(0);
            await Expect(Page.Locator($"#{id}-table tbody tr").First).ToBeVisibleAsync();
        }
        // The statistics start at the first month with an agreement in force: the demo's first agreements run from 1 April 2026.
        await Expect(Page.Locator("#by-month-table tbody tr")).ToHaveCountAsync(3);
        await Expect(Page.Locator("#by-township-table")).ToContainTextAsync("歇马镇");
        await ScreenshotAsync("statistics", 700);
    }
}

/// <summary>The statistics page on a phone: every chart is drawn inside the screen's width, and what it draws is its table's figures.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportStatisticsOnAPhone(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    protected override (int Width, int Height) Viewport => Phone;

    [Fact]
    public async Task TheChartsFitTheScreenAndDrawTheirTables()
    {
        await SignInAsync("office");
        await Page.GotoAsync("/Reports/Statistics?from=2026-01&to=2026-06");
        foreach (var id in new[] { "by-month", "by-township", "by-department", "coverage" })
        {
            var chart = Page.Locator($"#{id} [data-statistics-chart]");
            await Expect(chart).ToHaveAttributeAsync("data-chart-ready", "true");
            await Expect(chart.Locator("svg")).Not.ToHaveCountAsync(0);
            var box = await chart.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.InRange(box.Width, 100, Phone.Width);
            Assert.True(box.Height > 100);
        }

        // The month chart's first line is the table's first measure, month by month.
        var table = await Page.Locator("#by-month-table tbody tr td[data-measure=Inspections]").AllInnerTextsAsync();
        var drawn = await Page.EvaluateAsync<string[]>(
            "() => echarts.getInstanceByDom(document.querySelector('#by-month [data-statistics-chart]')).getOption().series[0].data.map(String)");
        // The months asked for, from the first with an agreement in force (the demo's begin in the spring).
        Assert.InRange(table.Count, 1, 6);
        Assert.Equal(table.Select(t => t.Trim()), drawn);

        // One coverage line per township in the table, each point its month's share.
        var rows = await Page.Locator("#coverage-table tbody tr[data-id]").CountAsync();
        Assert.True(rows > 0);
        var lines = await Page.EvaluateAsync<int>(
            "() => echarts.getInstanceByDom(document.querySelector('#coverage [data-statistics-chart]')).getOption().series.length");
        Assert.Equal(rows, lines);
        var certified = await Page.Locator("#coverage-table tbody tr[data-id]").First.Locator("td[data-month]").EvaluateAllAsync<string[]>(
            "cells => cells.map(c => c.dataset.acting === '0' ? 'null' : String(Math.round(1000 * c.dataset.certified / c.dataset.acting) / 10))");
        var points = await Page.EvaluateAsync<string[]>(
            "() => echarts.getInstanceByDom(document.querySelector('#coverage [data-statistics-chart]')).getOption().series[0].data.map(String)");
        Assert.Equal(certified, points);
        await ScreenshotAsync("statistics-phone");
    }
}
