using System.Net;
using System.Text.RegularExpressions;
using Entrust.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using static Entrust.Tests.Hosting.FormPosts;

namespace Entrust.Tests.Api;

/// <summary>
/// Issue 18, items 5 and 6: a form's required dropdown starts on 请选择 for a new record, never on its first real option; posted
/// so, the form comes back with 请选择“…” beside that select (highlighted), every other refusal with it, what was typed kept,
/// and nothing saved.
/// </summary>
public abstract class FormChoicesTests(HostFixture host) : OfficerTest(host)
{
    /// <summary>The form page, after checking that the select <paramref name="id"/> offers 请选择 first and chooses nothing.</summary>
    private static async Task<string> StartsOnChooseAsync(HttpClient console, string url, params string[] ids)
    {
        var page = WebUtility.HtmlDecode(await console.GetStringAsync(url));
        foreach (var id in ids)
        {
            var select = Regex.Match(page, $"<select [^>]*\\bid=\"{id}\"[^>]*>(?<options>.*?)</select>", RegexOptions.Singleline);
            Assert.True(select.Success, id);
            Assert.Matches("^\\s*<option value=\"\">请选择</option>", select.Groups["options"].Value);
            Assert.DoesNotContain("selected", select.Groups["options"].Value);
        }
        return page;
    }

    [Fact]
    public async Task ANewOfficersGenderAndStaffTypeStartOnChooseAndLeftSoAreRefusedBesideThem()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await StartsOnChooseAsync(console, "/Officers/Edit", "Gender", "StaffType");
        var before = await OfficerCountAsync();
        var html = await PostAsync(console, "/Officers/Edit", page, ("UnitId", Ids.Xiema.ToString()), ("Input.Name", "选择测试"),
            ("Input.Gender", ""), ("Input.IdNumber", NewIdNumber()), ("Input.Phone", "13800000000"), ("Input.Post", "执法队员"),
            ("Input.StaffType", ""));
        RefusedBeside(html, "Gender", "请选择性别。");
        RefusedBeside(html, "StaffType", "请选择人员类别。");
        Assert.Contains("value=\"选择测试\"", html);
        Assert.Matches($"<option value=\"{Ids.Xiema}\" selected=\"selected\">", html);
        Assert.Equal(before, await OfficerCountAsync());
    }

    [Fact]
    public async Task AnOfficersMissingUnitIsRefusedWithTheMissingChoicesAtOnce()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await console.GetStringAsync("/Officers/Edit");
        var html = await PostAsync(console, "/Officers/Edit", page, ("UnitId", ""), ("Input.Name", "选择测试"), ("Input.Gender", ""),
            ("Input.IdNumber", NewIdNumber()), ("Input.Phone", "13800000000"), ("Input.Post", "执法队员"), ("Input.StaffType", "Established"));
        RefusedBeside(html, "UnitId", "请选择所属单位（镇街或区级部门，二者选一）。");
        RefusedBeside(html, "Gender", "请选择性别。");
        Assert.Matches("<option value=\"Established\" selected=\"selected\">", html);
    }

    [Fact]
    public async Task ANewTargetsKindAndRiskStartOnChooseAndLeftSoAreRefusedBesideThem()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        var page = await StartsOnChooseAsync(console, "/Targets/Edit", "Kind", "RiskLevel");
        var before = await Host.WithDbAsync(db => db.Targets.IgnoreQueryFilters().CountAsync());
        var html = await PostAsync(console, "/Targets/Edit", page, ("Input.Name", "请选择测试小卖部"), ("Input.Kind", ""),
            ("Input.Address", "歇马镇卫星村1组"), ("Input.RiskLevel", ""));
        RefusedBeside(html, "Kind", "请选择“类别”。");
        RefusedBeside(html, "RiskLevel", "请选择“风险等级”。");
        Assert.Contains("value=\"请选择测试小卖部\"", html);
        Assert.Equal(before, await Host.WithDbAsync(db => db.Targets.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task ANewMattersKindAndEntrustabilityStartOnChooseAndLeftSoAreRefusedBesideThem()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await StartsOnChooseAsync(console, "/Catalog/Edit/Matter", "DepartmentId", "Domain", "Kind", "Entrustability");
        var before = await MatterCountAsync();
        var code = UniqueCode("CH");
        var html = await PostAsync(console, "/Catalog/Edit/Matter", page, ("Input.Code", code), ("Input.Name", "请选择测试事项"),
            ("Input.DepartmentId", Ids.Safety.ToString()), ("Input.Domain", "work-safety"), ("Input.Kind", ""),
            ("Input.LawName", "中华人民共和国安全生产法"), ("Input.LawArticle", "第六十五条"), ("Input.Entrustability", ""));
        RefusedBeside(html, "Kind", "请选择“类别”。");
        RefusedBeside(html, "Entrustability", "请选择“委托范围”。");
        Assert.Contains($"value=\"{code}\"", html);
        Assert.Matches($"<option value=\"{Ids.Safety}\" selected=\"selected\">", html);
        Assert.Equal(before, await MatterCountAsync());
    }

    [Fact]
    public async Task ANewTownshipsKindAndTheAdminsDistrictStartOnChooseAndLeftSoAreRefusedBesideThem()
    {
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await StartsOnChooseAsync(office, "/Catalog/Edit/Township", "Kind");
        var before = await Host.WithDbAsync(db => db.Townships.IgnoreQueryFilters().CountAsync());
        var html = await PostAsync(office, "/Catalog/Edit/Township", page, ("Input.Code", UniqueCode("T")), ("Input.Name", "请选择镇"),
            ("Input.Kind", ""));
        RefusedBeside(html, "Kind", "请选择“类别”。");
        Assert.Contains("value=\"请选择镇\"", html);

        // The admin names the district, which starts on 请选择 too; left so, the refusal stands beside it.
        var admin = await ConsoleSignIn.SignInAsync(Host, "admin");
        page = await StartsOnChooseAsync(admin, "/Catalog/Edit/Township", "DistrictId", "Kind");
        html = await PostAsync(admin, "/Catalog/Edit/Township", page, ("Input.DistrictId", ""), ("Input.Code", UniqueCode("T")),
            ("Input.Name", "请选择镇"), ("Input.Kind", "Town"));
        RefusedBeside(html, "DistrictId", "请指定所属区县。");
        Assert.Matches("<option value=\"Town\" selected=\"selected\">", html);
        Assert.Equal(before, await Host.WithDbAsync(db => db.Townships.IgnoreQueryFilters().CountAsync()));
    }
    [Fact]
    public async Task ACasesPartyKindStartsOnChooseAndLeftSoIsRefusedBesideIt()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        var page = await StartsOnChooseAsync(console, "/Cases/File", "PartyKind");
        var before = await Host.WithDbAsync(db => db.Cases.IgnoreQueryFilters().CountAsync());
        var html = await PostAsync(console, "/Cases/File", page, ("Input.MatterId", (await DemoMatterAsync("198-05")).ToString()),
            ("Input.PartyKind", ""), ("Input.PartyName", "刘某"), ("Input.PartyIdentifier", NewIdNumber()), ("Input.Facts", "未经批准擅自砍伐林木"),
            ("Input.ActOn", Day(Today.AddDays(-5))));
        RefusedBeside(html, "PartyKind", "请选择“当事人类型”。");
        Assert.Contains("value=\"刘某\"", html);
        Assert.Equal(before, await Host.WithDbAsync(db => db.Cases.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task AnAccountabilitysFaultStartsOnChooseAndLeftSoIsRefusedBesideIt()
    {
        var officer = await OfficerOfAsync(Ids.Xiema, "追责选择");
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await StartsOnChooseAsync(console, "/Assessment/Accountability", "open-officer", "open-fault");
        var before = await Host.WithDbAsync(db => db.Accountabilities.IgnoreQueryFilters().CountAsync());
        var html = await PostAsync(console, "/Assessment/Accountability?handler=Open", page, ("Input.OfficerId", officer.ToString()),
            ("Input.Fault", ""), ("Input.Facts", "未选过错情形时填写的事实"));
        RefusedBeside(html, "open-fault", "请选择过错情形（故意或重大过失）");
        Assert.Contains("未选过错情形时填写的事实</textarea>", html);
        Assert.Equal(before, await Host.WithDbAsync(db => db.Accountabilities.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task AConflictsOfficerIsPickedThroughTheSharedSelectWithUnitsAndLeftOnChooseIsRefusedBesideIt()
    {
        var officer = await OfficerOfAsync(Ids.Xiema, "回避选择");
        var console = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        var page = await StartsOnChooseAsync(console, "/RandomPlans/Conflicts", "OfficerId");
        Assert.Contains($"<option value=\"{officer}\">回避选择（歇马镇）</option>", page);
        var before = await Host.WithDbAsync(db => db.OfficerConflicts.IgnoreQueryFilters().CountAsync());
        var html = await PostAsync(console, "/RandomPlans/Conflicts?handler=Add", page, ("OfficerId", ""), ("TargetId", ""),
            ("Reason", "亲属经营"));
        RefusedBeside(html, "OfficerId", "请填写“执法人员”。");
        RefusedBeside(html, "TargetId", "请填写“检查对象”。");
        Assert.Contains("value=\"亲属经营\"", html);
        Assert.Equal(before, await Host.WithDbAsync(db => db.OfficerConflicts.IgnoreQueryFilters().CountAsync()));
    }
    [Fact]
    public async Task AMeetingsKindStartsOnChooseAndLeftSoIsRefusedBesideIt()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await StartsOnChooseAsync(console, "/Meetings", "call-kind");
        var before = await Host.WithDbAsync(db => db.Meetings.IgnoreQueryFilters().CountAsync());
        var html = await PostAsync(console, "/Meetings", page, ("Input.Kind", ""), ("Input.Title", "请选择专题会"), ("Input.Day", Day(Today.AddDays(3))),
            ("Input.Time", "09:00"), ("Input.Place", "三楼会议室"), ("Input.Chair", "张三"), ("Input.DepartmentIds", Ids.Safety.ToString()));
        RefusedBeside(html, "call-kind", "请选择“类别”。");
        Assert.Contains("value=\"请选择专题会\"", html);
        Assert.Equal(before, await Host.WithDbAsync(db => db.Meetings.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task AnAgreementsModeStartsOnChooseAndLeftSoIsRefusedBesideItOnlyThere()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await StartsOnChooseAsync(console, "/Agreements/Edit", "Mode");
        var before = await AgreementCountAsync();
        var html = await PostAsync(console, "/Agreements/Edit", page, ("Input.DepartmentId", Ids.Safety.ToString()),
            ("Input.TownshipId", Ids.Xiema.ToString()), ("Input.Mode", ""), ("Input.TermStart", Day(Today)), ("Input.TermEnd", Day(Today.AddYears(1))),
            ("Input.RightsAndObligations", "请选择测试的权利义务"));
        RefusedBeside(html, "Mode", "请选择“方式”。");
        Assert.Single(Regex.Matches(html, "请选择“方式”。"));
        Assert.Contains("请选择测试的权利义务</textarea>", html);
        Assert.Equal(before, await AgreementCountAsync());
    }
    [Fact]
    public async Task AScopeDecisionsChangeStartsOnChooseAndLeftSoIsRefusedBesideIt()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await StartsOnChooseAsync(console, "/Scope", "Change");
        var before = await Host.WithDbAsync(db => db.ScopeDecisions.IgnoreQueryFilters().CountAsync());
        var html = await PostAsync(console, "/Scope?handler=Decision", page, ("Decision.Change", ""), ("Decision.TownshipId", Ids.Tiansheng.ToString()),
            ("Decision.DocumentNumber", "北碚府发〔2026〕选1号"), ("Decision.DecidedOn", Day(Today)), ("Decision.Reason", "请选择测试"));
        RefusedBeside(html, "Change", "请选择“调整内容”。");
        Assert.Contains("value=\"北碚府发〔2026〕选1号\"", html);
        Assert.Equal(before, await Host.WithDbAsync(db => db.ScopeDecisions.IgnoreQueryFilters().CountAsync()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FormChoicesTests_Sqlite(SqliteHost host) : FormChoicesTests(host);

[Collection(PostgresCollection.Name)]
public sealed class FormChoicesTests_Postgres(PostgresHost host) : FormChoicesTests(host);
