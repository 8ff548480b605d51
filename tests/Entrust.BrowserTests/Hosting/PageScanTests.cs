namespace Entrust.BrowserTests.Hosting;

/// <summary>The scan's own rules, without a browser: what it flags and what it lets pass.</summary>
public sealed class PageScanTests
{
    [Theory]
    [InlineData("状态: 全部")]
    [InlineData("歇马镇,天生街道")]
    [InlineData("已签收(2026-12-01)")]
    [InlineData("是否确认?")]
    [InlineData("保存成功!")]
    [InlineData("科室;镇街")]
    public void AsciiPunctuationAgainstChineseIsFlagged(string text) =>
        Assert.Contains(PageScan.Problems(text), p => p.StartsWith("ASCII punctuation", StringComparison.Ordinal));

    [Theory]
    [InlineData("状态：全部")]
    [InlineData("会议 2026-12-01 09:00")]
    [InlineData("罚款 1,000 元")]
    [InlineData("歇马镇（天生街道）")]
    [InlineData("详见 /Public/Agreements?page=2 页面")]
    [InlineData("编号 AJ(2026)001")]
    public void FullWidthMarksNumbersAndAddressesPass(string text) =>
        Assert.DoesNotContain(PageScan.Problems(text), p => p.StartsWith("ASCII punctuation", StringComparison.Ordinal));
}
