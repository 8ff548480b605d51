using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Demo;
using Entrust.Web.Features.Officers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Entrust.Tests.Api;

/// <summary>
/// GET /api/cases/{id}/documents/notice|decision: a .docx in the entrusting department's name for whoever sees the case, 404 for
/// anyone else or an unknown kind, 409 naming the state before the case has reached the document.
/// </summary>
public abstract class CaseDocumentsApiTests(HostFixture host) : ApiTest(host)
{
    private Task<Guid> DemoCaseAsync(int n) => Host.WithDbAsync(db =>
        db.Cases.AsNoTracking().Where(c => c.Number == DemoCases.CaseNumber(n)).Select(c => c.Id).SingleAsync());

    /// <summary>A case of 歇马镇 on the demo's 计划生育 matter filed (and, if asked, notified) on 2 November.</summary>
    private async Task<Guid> XiemaCaseAsync(bool notify, string? address = null)
    {
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Entrust.Web.Data.EntrustDbContext>();
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Code == DemoCases.MatterCode);
        var day = new DateOnly(2026, 11, 2);
        var entitlement = await scope.ServiceProvider.GetRequiredService<Entitlements>()
            .CheckAsync(Ids.Xiema, matter.Id, Authority.GeneralPenalty, day);
        var officers = (await db.Officers.AsNoTracking().Where(o => o.TownshipId == Ids.Xiema).OrderBy(o => o.Id).Take(2).ToListAsync())
            .Select(o => new ActingOfficer(o.Id, o.Name, MayActAnswer.Yes)).ToList();
        var c = new Case(new CaseFiling(matter.DistrictId, Ids.Xiema, matter.Id, "北碚测立〔2026〕" + Guid.NewGuid().ToString("N")[..6] + "号",
            new CaseParty(PartyKind.Person, "测试人", "500109199001011234", address), "伪造计划生育证明", day.AddDays(-5), null, false, day, day,
            DepartmentId: matter.DepartmentId), entitlement, officers, CaseSettings.Defaults);
        if (notify)
        {
            c.BeginInvestigation(day, officers);
            c.AddEvidence(day, "书证", "伪造的证明一份", officers);
            c.Notify(new NoticeFacts(day, Penalty.FineOf(1000m), "事实清楚"), CaseSettings.Defaults,
                Entrust.Web.Features.Calendar.WorkingDayCalendar.Empty);
        }
        db.Cases.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    }

    internal static async Task<string> DocxTextAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CaseDocumentsApi.DocxType, response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".docx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        return string.Concat(document.MainDocumentPart!.Document!.Body!.Descendants<WordText>().Select(t => t.Text));
    }

    [Fact]
    public async Task TheDecisionIsADocxInTheEntrustingDepartmentsNameWithEveryItem()
    {
        var id = await DemoCaseAsync(1);

        foreach (var userName in new[] { "town.xiema", "officer.xiema", "office", "auditor" })
        {
            using var response = await (await As(userName)).GetAsync($"/api/cases/{id}/documents/decision");
            var text = await DocxTextAsync(response);
            // The deciding body and the township by the full legal names the catalogue sets (the demo seeds them).
            Assert.StartsWith("重庆市北碚区人口计生委行政处罚决定书", text);
            Assert.Contains("区人口计生委罚决字〔2026〕1号", text);
            Assert.Contains("当事人：冉启明", text);
            Assert.Contains("公民身份号码：500109198304122718", text);
            Assert.Contains("《中华人民共和国人口与计划生育法》第四十一条", text);
            Assert.Contains("罚款人民币伍仟元整", text);
            Assert.Contains("十五日内", text);
            Assert.Contains("六十日内向北碚区人民政府申请行政复议，被申请人为重庆市北碚区人口计生委", text);
            Assert.Contains("六个月内依法向北碚区人民法院提起行政诉讼，被告为重庆市北碚区人口计生委", text);
            Assert.Contains("重庆市北碚区歇马镇人民政府受本机关委托（委托协议：北碚委托〔2026〕", text);
            Assert.Contains("重庆市北碚区人口计生委（印章）", text);
        }
    }

    [Fact]
    public async Task ASummaryDecisionNamesEachOfficersCertificateValidThatDay()
    {
        var day = new DateOnly(2026, 11, 2);
        Guid id;
        List<(string Name, string Number)> expected;
        using (var scope = Host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Entrust.Web.Data.EntrustDbContext>();
            var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Code == DemoCases.MatterCode);
            var entitlement = await scope.ServiceProvider.GetRequiredService<Entitlements>()
                .CheckAsync(Ids.Xiema, matter.Id, Authority.GeneralPenalty, day);
            // Two of 歇马镇's officers holding exactly one certificate valid that day.
            var valid = await db.Certificates.AsNoTracking().Where(x => x.TownshipId == Ids.Xiema).Where(Certificate.ValidOnDay(day)).ToListAsync();
            var held = valid.GroupBy(x => x.OfficerId).Where(g => g.Count() == 1).Select(g => g.Single()).OrderBy(x => x.OfficerId).Take(2).ToList();
            Assert.Equal(2, held.Count);
            var ids = held.Select(x => x.OfficerId).ToList();
            var names = await db.Officers.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
            var officers = held.Select(x => new ActingOfficer(x.OfficerId, names[x.OfficerId], MayActAnswer.Yes)).ToList();
            expected = held.Select(x => (names[x.OfficerId], x.Number)).ToList();
            var c = Case.DecideOnTheSpot(new CaseFiling(matter.DistrictId, Ids.Xiema, matter.Id, "北碚测立〔2026〕" + Guid.NewGuid().ToString("N")[..6] + "号",
                    new CaseParty(PartyKind.Person, "测试人", "500109199001011234"), "当场查实", day, null, false, day, day, DepartmentId: matter.DepartmentId),
                "北碚测简罚〔2026〕" + Guid.NewGuid().ToString("N")[..6] + "号", new Penalty(true, 50m, 0m, PenaltyMeasure.None), entitlement, officers,
                CaseSettings.Defaults, new OnTheSpotFacts("歇马镇凤凰村3组", new TimeOnly(10, 30)));
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            id = c.Id;
        }

        using var response = await (await As("town.xiema")).GetAsync($"/api/cases/{id}/documents/decision");
        var text = await DocxTextAsync(response);

        // The officers in either order: each with the number of the one certificate that was valid that day.
        var start = text.IndexOf("执法证件号：", StringComparison.Ordinal);
        Assert.True(start >= 0, text);
        var line = text[start..text.IndexOf("（签名）", start, StringComparison.Ordinal)];
        Assert.All(expected, e => Assert.Contains($"{e.Name} {e.Number}", line));
        // The time and the place of the act on the spot are printed (APL 52 ¶2).
        Assert.Contains("2026年11月2日10时30分，在歇马镇凤凰村3组", text);
    }

    [Fact]
    public async Task ThePartysAddressGivenAtFilingIsStatedAndOtherwiseLeftToFillIn()
    {
        var given = await XiemaCaseAsync(notify: true, address: "重庆市北碚区歇马镇凤凰村3组12号");
        var text = await DocxTextAsync(await (await As("town.xiema")).GetAsync($"/api/cases/{given}/documents/notice"));
        Assert.Contains("住址：重庆市北碚区歇马镇凤凰村3组12号", text);

        var none = await XiemaCaseAsync(notify: true);
        Assert.DoesNotContain("凤凰村", await DocxTextAsync(await (await As("town.xiema")).GetAsync($"/api/cases/{none}/documents/notice")));
    }

    [Fact]
    public async Task TheNoticeStatesTheIntendedPenaltyAndTheRights()
    {
        var id = await DemoCaseAsync(2);

        using var response = await (await As("town.xiema")).GetAsync($"/api/cases/{id}/documents/NOTICE");
        var text = await DocxTextAsync(response);

        Assert.StartsWith("重庆市北碚区人口计生委行政处罚事先告知书", text);
        Assert.Contains("重庆歇马某某医疗门诊部有限公司", text);
        Assert.Contains("本机关拟对你单位作出如下行政处罚", text);
        Assert.Contains("享有陈述、申辩的权利", text);
    }

    [Fact]
    public async Task AnotherUnitsCaseAnUnknownCaseOrAnUnknownKindIsNotFound()
    {
        var id = await DemoCaseAsync(1);

        await (await As("town.tiansheng")).GetAsync($"/api/cases/{id}/documents/decision").ExpectStatusAsync(HttpStatusCode.NotFound);
        // 区林业局 is neither the entrusting department nor leading the case.
        await (await As("dept.forestry")).GetAsync($"/api/cases/{id}/documents/notice").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("office")).GetAsync($"/api/cases/{Guid.NewGuid()}/documents/decision").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("office")).GetAsync($"/api/cases/{id}/documents/summary").ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADocumentTheCaseHasNotReachedIsAConflictNamingTheState()
    {
        var filed = await XiemaCaseAsync(notify: false);
        var notified = await XiemaCaseAsync(notify: true);
        var xiema = await As("town.xiema");

        var noNotice = await xiema.GetAsync($"/api/cases/{filed}/documents/notice").ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("CaseDocument.NotNotified", noNotice.Code());
        Assert.Contains("已立案", noNotice.Str("detail"));
        var noDecision = await xiema.GetAsync($"/api/cases/{notified}/documents/decision").ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("CaseDocument.NotDecided", noDecision.Code());
        Assert.Contains("已告知", noDecision.Str("detail"));
        var english = await (await As("town.xiema", "en")).GetAsync($"/api/cases/{notified}/documents/decision").ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("no penalty has been decided", english.Str("detail"));

        using var notice = await xiema.GetAsync($"/api/cases/{notified}/documents/notice");
        Assert.Contains("行政处罚事先告知书", await DocxTextAsync(notice));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CaseDocumentsApiTests_Sqlite(SqliteHost host) : CaseDocumentsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class CaseDocumentsApiTests_Postgres(PostgresHost host) : CaseDocumentsApiTests(host);
