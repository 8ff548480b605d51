using System.Net;
using Entrust.Tests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>
/// The demo's first half of 2026 compiles from the records, with no total typed by hand, to the seed's figures for 歇马镇; its May and
/// June reports are submitted and acknowledged (January to April have no agreement in force, so no report).
/// </summary>
public abstract class DemoReportsTests(HostFixture host) : ApiTest(host)
{
    [Fact]
    public async Task TheFirstHalfOf2026CompilesToTheSeedsFigures()
    {
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var matters = await db.Matters.AsNoTracking().Where(m => m.DistrictId == Ids.Beibei).ToDictionaryAsync(m => m.Code, m => m.Id);
        var half = await scope.ServiceProvider.GetRequiredService<ReportFigures>()
            .ComputeAsync(new FigureScope(Ids.Beibei, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), [Ids.Xiema]));
        decimal Of(string code, string measure) =>
            half.Values.Sum(f => f.Value(FigureGroup.Matter, matters[code].ToString(), measure));

        Assert.Equal(7m, Of("QQ-02", Measures.CasesFiled));       // 计划生育方面立案7件
        Assert.Equal(5m, Of("QQ-02", Measures.CasesDecided));     // 查处5件 (decided; one of them also closed by 30 June)
        Assert.Equal(1m, Of("QQ-02", Measures.CasesConcluded));
        Assert.Equal(25m, Of("198-04", Measures.Inspections));    // 森林防火检查25次
        Assert.Equal(6m, Of("198-03", Measures.Inspections));     // 环境保护6次
        Assert.Equal(7m, Of("198-01", Measures.Inspections));     // 烟花爆竹检查7次
        Assert.Equal(5m, Of("198-01", Measures.OrdersIssued));    // 责令隐患整改5家
        Assert.Equal(4m, Of("198-01", Measures.Reinspections));   // the demo's re-inspections fall in June too, counted apart
        Assert.Equal(12m, Of("198-09", Measures.Inspections));    // 道路交通12次
        Assert.Equal(15m, Of("198-06", Measures.Inspections));    // 食品卫生15次
        Assert.True(Of("198-06", Measures.TargetsCovered) >= 80); // 80余家
        Assert.Equal(5m, Of("198-02", Measures.Inspections));     // 煤矿、非煤矿山5次
        Assert.Equal(0m, half.Values.Sum(f => f.Remedies(RemedyKind.Reconsideration))); // no reconsideration
        Assert.Equal(0m, half.Values.Sum(f => f.Remedies(RemedyKind.Litigation)));      // nor litigation
    }

    [Fact]
    public async Task XiemasMayAndJuneReportsAreSubmittedAndAcknowledged()
    {
        foreach (var month in new[] { "2026-05", "2026-06" })
        {
            var reports = (await (await As("town.xiema")).GetAsync($"/api/reports?month={month}").ExpectAsync(HttpStatusCode.OK)).Items().ToList();
            Assert.Equal(11, reports.Count); // the 11 departments whose agreements were signed on 26 April
            Assert.All(reports, r => Assert.Equal("Acknowledged", r.Str("state")));
            Assert.All(reports, r => Assert.False(r.GetProperty("submittedLate").GetBoolean()));
        }
        Assert.Empty((await (await As("town.xiema")).GetAsync("/api/reports?month=2026-04").ExpectAsync(HttpStatusCode.OK)).Items());
        var june = (await (await As("dept.forestry")).GetAsync("/api/reports?month=2026-06").ExpectAsync(HttpStatusCode.OK)).Items()
            .Single(r => r.GetProperty("townshipId").GetGuid() == Ids.Xiema);
        var detail = await (await As("dept.forestry")).GetAsync($"/api/reports/{june.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(detail.GetProperty("changedSinceSubmitted").EnumerateArray());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DemoReportsTests_Sqlite(SqliteHost host) : DemoReportsTests(host);

[Collection(PostgresCollection.Name)]
public sealed class DemoReportsTests_Postgres(PostgresHost host) : DemoReportsTests(host);
