using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Entrust.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using static Entrust.Tests.Hosting.FormPosts;

namespace Entrust.Tests.Api;

/// <summary>
/// Issue 18, item 5: a form posted with several fields wrong comes back with every refusal at once, each beside its field and
/// highlighted, the list above the form keeping only what names no field, what was typed kept, and nothing saved.
/// </summary>
public abstract class FormErrorsTests(HostFixture host) : OfficerTest(host)
{
    [Fact]
    public async Task TheAdminsCatalogueFormsRefuseAMissingDistrictWithTheOtherFields()
    {
        var admin = await ConsoleSignIn.SignInAsync(Host, "admin");
        var before = await Host.WithDbAsync(db => db.Townships.IgnoreQueryFilters().CountAsync());
        var page = await admin.GetStringAsync("/Catalog/Edit/Township");
        var html = await PostAsync(admin, "/Catalog/Edit/Township", page, ("Input.DistrictId", ""), ("Input.Code", ""),
            ("Input.Name", "缺区县镇"), ("Input.Kind", ""));
        RefusedBeside(html, "DistrictId", "请指定所属区县。");
        RefusedBeside(html, "Code", "请填写“编码”。");
        RefusedBeside(html, "Kind", "请选择“类别”。");
        ShownOnce(html, "请指定所属区县。");
        Assert.Contains("value=\"缺区县镇\"", html);
        Assert.Equal(before, await Host.WithDbAsync(db => db.Townships.IgnoreQueryFilters().CountAsync()));

        page = await admin.GetStringAsync("/Catalog/Edit/Department");
        html = await PostAsync(admin, "/Catalog/Edit/Department", page, ("Input.DistrictId", ""), ("Input.Code", UniqueCode("D")), ("Input.Name", ""));
        RefusedBeside(html, "DistrictId", "请指定所属区县。");
        RefusedBeside(html, "Name", "请填写“名称”。");

        page = await admin.GetStringAsync("/Catalog/Edit/Matter");
        html = await PostAsync(admin, "/Catalog/Edit/Matter", page, ("Input.DistrictId", ""), ("Input.Code", ""), ("Input.Name", "缺区县事项"),
            ("Input.DepartmentId", Ids.Safety.ToString()), ("Input.Domain", "work-safety"), ("Input.Kind", "Penalty"),
            ("Input.LawName", "中华人民共和国安全生产法"), ("Input.LawArticle", "第六十五条"), ("Input.Entrustability", "NotEntrusted"));
        RefusedBeside(html, "DistrictId", "请指定所属区县。");
        RefusedBeside(html, "Code", "请填写“编码”。");
        Assert.Contains("value=\"缺区县事项\"", html);
    }

    [Fact]
    public async Task ABatchSigningRefusedIsAnsweredBesideTheAgreementsOrTheDate()
    {
        var township = (await CreateTownshipAsync()).Id();
        var agreement = (await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem((await ScopedMatterAsync(Ids.Safety)).Id)]))).Id();
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var url = $"/Agreements/BatchSign?township={township}";
        var page = await office.GetStringAsync(url);

        var html = await PostAsync(office, url, page, ("Input.SignedOn", Today.ToString("yyyy-MM-dd")), ("Input.TownshipSignatory", "镇长"));
        Assert.Matches("data-for=\"AgreementIds\">请选择要签订的协议。", html);
        ShownOnce(html, "请选择要签订的协议。");
        Assert.Matches("<input type=\"checkbox\" name=\"Input.AgreementIds\"[^>]*aria-invalid=\"true\"", html);

        var tomorrow = Today.AddDays(1).ToString("yyyy-MM-dd");
        html = await PostAsync(office, url, page, ("Input.AgreementIds", agreement.ToString()), ("Input.SignedOn", tomorrow),
            ("Input.TownshipSignatory", "镇长"));
        RefusedBeside(html, "SignedOn", "晚于今天");
        Assert.Contains("value=\"镇长\"", html);
        Assert.Equal(Entrust.Web.Features.Agreements.AgreementState.Reviewed, await Host.WithDbAsync(db => db.Agreements.IgnoreQueryFilters()
            .Where(a => a.Id == agreement).Select(a => a.State).SingleAsync()));
    }

    [Fact]
    public async Task ABatchAnswersEveryAgreementsRefusalBesideItsRowAndSignsNone()
    {
        var township = (await CreateTownshipAsync()).Id();
        var matter = (await ScopedMatterAsync(Ids.Safety)).Id;
        var inForce = await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter)]));
        var incomplete = await ReviewedAsync(AgreementBody(Ids.Forestry, township, [MatterItem((await ScopedMatterAsync(Ids.Forestry)).Id)], checklist: false));
        var overlapping = (await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter)]))).Id();
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var url = $"/Agreements/BatchSign?township={township}";
        var page = await office.GetStringAsync(url);

        var html = await PostAsync(office, url, page, ("Input.AgreementIds", incomplete.Id().ToString()), ("Input.AgreementIds", overlapping.ToString()),
            ("Input.SignedOn", Day(Today.AddDays(1))), ("Input.TownshipSignatory", ""), ($"Input.DepartmentSignatories[{Ids.Safety}]", "安监局局长"));

        var rowErrors = new[] { (incomplete.Id(), $"协议“{incomplete.Str("number")}”的受托条件核查未全部通过"), (overlapping, $"已有生效的协议“{inForce.Str("number")}”") };
        foreach (var (id, message) in rowErrors)
        {
            Assert.Matches($"<input type=\"checkbox\" name=\"Input.AgreementIds\" value=\"{id}\"[^>]*checked=\"checked\"[^>]*aria-invalid=\"true\"", html);
            Assert.Matches($"<label for=\"pick-{id}\">[^<]*</label>\\s*<span class=\"field-error\" data-for=\"pick-{id}\">[^<]*{Regex.Escape(message)}", html);
            ShownOnce(html, message);
        }
        RefusedBeside(html, "SignedOn", "晚于今天");
        ShownOnce(html, "晚于今天");
        RefusedBeside(html, "TownshipSignatory", "请填写双方签字人。");
        ShownOnce(html, "请填写双方签字人。");
        Assert.Contains("value=\"安监局局长\"", html);
        Assert.DoesNotContain("id=\"batch-errors\"", html);
        Assert.Equal(2, await Host.WithDbAsync(db => db.Agreements.IgnoreQueryFilters()
            .CountAsync(a => (a.Id == incomplete.Id() || a.Id == overlapping) && a.State == Entrust.Web.Features.Agreements.AgreementState.Reviewed)));
    }

    [Fact]
    public async Task AMattersDepartmentOfAnotherDistrictIsRefusedWithTheOtherFields()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var before = await Host.WithDbAsync(db => db.Matters.IgnoreQueryFilters().CountAsync());
        foreach (var url in new[] { "/Catalog/Edit/Matter", $"/Catalog/Edit/Matter?id={await DemoMatterAsync("198-05")}" })
        {
            var page = await console.GetStringAsync(url);
            var html = await PostAsync(console, url, page, ("Input.Code", ""), ("Input.Name", "外区部门事项"),
                ("Input.DepartmentId", Ids.SecondDepartment.ToString()), ("Input.Domain", "work-safety"), ("Input.Kind", "Penalty"),
                ("Input.LawName", ""), ("Input.LawArticle", "第六十五条"), ("Input.Entrustability", "NotEntrusted"));
            RefusedBeside(html, "Code", "请填写“编码”。");
            RefusedBeside(html, "LawName", "请填写“法律依据");
            RefusedBeside(html, "DepartmentId", "执法部门不存在或不属于本区县。");
            ShownOnce(html, "执法部门不存在或不属于本区县。");
            Assert.Contains("value=\"外区部门事项\"", html);
        }
        Assert.Equal(before, await Host.WithDbAsync(db => db.Matters.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task ADockingRefusedIsAnsweredInItsOwnRowOnly()
    {
        var health = await Host.WithDbAsync(db => db.Departments.IgnoreQueryFilters()
            .Where(d => d.DistrictId == Ids.Beibei && d.Name == "区卫生局").Select(d => d.Id).SingleAsync());
        var console = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        var url = $"/Agreements/Docking?township={Ids.Xiema}&undocked=true";
        var page = await console.GetStringAsync(url);

        var html = await PostAsync(console, url, page, ("townshipId", Ids.Xiema.ToString()), ("departmentId", health.ToString()), ("internalOfficeId", ""));

        RefusedBeside(html, $"office-{Ids.Xiema}-{health}", "请填写“对接科室”。");
        ShownOnce(html, "请填写“对接科室”。");
        // The other undocked row's select, of the same name, is not marked.
        Assert.Single(Regex.Matches(html, "aria-invalid=\"true\""));
        Assert.False(await Host.WithDbAsync(db => db.Dockings.IgnoreQueryFilters().AnyAsync(d => d.TownshipId == Ids.Xiema && d.DepartmentId == health)));
    }

    [Fact]
    public async Task ASignInRefusedIsAnsweredBesideTheFieldsKeepingTheName()
    {
        var client = Host.Anonymous();
        var page = await client.GetStringAsync("/Account/Login");
        var name = HostFixture.UniqueName("nobody");

        var html = await PostAsync(client, "/Account/Login", page, ("Input.UserName", name), ("Input.Password", "Wrong2026!"));
        RefusedBeside(html, "Password", "用户名或密码错误。");
        ShownOnce(html, "用户名或密码错误。");
        Assert.Matches("<input id=\"UserName\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains($"value=\"{name}\"", html);

        html = await PostAsync(client, "/Account/Login", page, ("Input.UserName", ""), ("Input.Password", ""));
        RefusedBeside(html, "UserName", "请填写“用户名”。");
        RefusedBeside(html, "Password", "请填写“密码”。");
        ShownOnce(html, "请填写“用户名”。");
    }

    [Fact]
    public async Task ACatalogueCodeTakenIsRefusedBesideTheCode()
    {
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var taken = await Host.WithDbAsync(db => db.Departments.Where(d => d.Id == Ids.Safety).Select(d => d.Code).SingleAsync());
        var page = await office.GetStringAsync("/Catalog/Edit/Department");
        var html = await PostAsync(office, "/Catalog/Edit/Department", page, ("Input.Code", taken), ("Input.Name", "重号局"));
        RefusedBeside(html, "Code", $"编码“{taken}”已存在。");
        ShownOnce(html, $"编码“{taken}”已存在。");
        Assert.Contains("value=\"重号局\"", html);
    }

    [Fact]
    public async Task AMeetingCalledWithoutTitleDayOrParticipantsIsRefusedForEachAtOnce()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await console.GetStringAsync("/Meetings");
        var before = await Host.WithDbAsync(db => db.Meetings.IgnoreQueryFilters().CountAsync());
        var html = await PostAsync(console, "/Meetings", page, ("Input.Kind", "Special"), ("Input.Title", ""), ("Input.Day", ""),
            ("Input.Time", "09:30"), ("Input.Place", "五楼会议室"), ("Input.Chair", "李四"));
        RefusedBeside(html, "call-title", "请填写“标题”。");
        RefusedBeside(html, "call-day", "请填写“日期”。");
        RefusedBeside(html, "call-townships", "会议至少要有一个参会单位。");
        Assert.Matches("<select [^>]*id=\"call-departments\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains("value=\"五楼会议室\"", html);
        Assert.Matches("<option value=\"Special\" selected=\"selected\">", html);
        Assert.Equal(before, await Host.WithDbAsync(db => db.Meetings.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task AScopeDecisionAndARequestShowEachRefusalBesideItsFieldOnly()
    {
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await office.GetStringAsync("/Scope");
        var html = await PostAsync(office, "/Scope?handler=Decision", page, ("Decision.Change", "AddPilotTownship"),
            ("Decision.TownshipId", Ids.Tiansheng.ToString()), ("Decision.DocumentNumber", ""), ("Decision.DecidedOn", Day(Today)),
            ("Decision.Reason", ""));
        RefusedBeside(html, "DocumentNumber", "请填写“文号”。");
        RefusedBeside(html, "DecisionReason", "请填写“理由”。");
        ShownOnce(html, "请填写“文号”。");
        ShownOnce(html, "请填写“理由”。");
        Assert.Matches("<option value=\"AddPilotTownship\" selected=\"selected\">", html);

        var township = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        page = await township.GetStringAsync("/Scope");
        var before = await Host.WithDbAsync(db => db.ScopeRequests.IgnoreQueryFilters().CountAsync());
        html = await PostAsync(township, "/Scope?handler=Request", page, ("NewRequest.RequestedPower", ""), ("NewRequest.Reason", ""));
        RefusedBeside(html, "RequestedPower", "请填写“申请的职权”。");
        RefusedBeside(html, "RequestReason", "请填写“理由”。");
        ShownOnce(html, "请填写“申请的职权”。");
        ShownOnce(html, "请填写“理由”。");
        Assert.Equal(before, await Host.WithDbAsync(db => db.ScopeRequests.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task ACaseFiledWithBlankFieldsShowsEachRefusalBesideItsFieldOnly()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        var page = await console.GetStringAsync("/Cases/File");
        var before = await Host.WithDbAsync(db => db.Cases.IgnoreQueryFilters().CountAsync());
        var html = await PostAsync(console, "/Cases/File", page, ("Input.MatterId", (await DemoMatterAsync("198-05")).ToString()),
            ("Input.PartyKind", "Person"), ("Input.PartyName", ""), ("Input.PartyIdentifier", NewIdNumber()), ("Input.PartyAddress", "歇马镇卫星村"),
            ("Input.Facts", ""), ("Input.ActOn", Day(Today.AddDays(-5))));
        RefusedBeside(html, "PartyName", "请填写“当事人名称”。");
        RefusedBeside(html, "Facts", "请填写“违法事实”。");
        RefusedBesideGroup(html, "officers", "请填写“执法人员”。");
        ShownOnce(html, "请填写“当事人名称”。");
        ShownOnce(html, "请填写“违法事实”。");
        ShownOnce(html, "请填写“执法人员”。");
        Assert.Contains("value=\"歇马镇卫星村\"", html);
        Assert.Equal(before, await Host.WithDbAsync(db => db.Cases.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task AnInspectionRecordedWithBlankFieldsShowsEachRefusalBesideItsFieldAtOnce()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        var page = await console.GetStringAsync("/Inspections/Record");
        var before = await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().CountAsync());
        var html = await PostAsync(console, "/Inspections/Record", page, ("Input.MatterId", ""), ("Input.Kind", "Routine"),
            ("Input.StartedAt", $"{Day(Today)}T09:15"), ("Input.Findings", ""), ("Input.Result", "RectificationOrdered"),
            ("Input.Requirement", "清理防火通道杂物"), ("Input.Deadline", ""));
        RefusedBeside(html, "MatterId", "请填写“事项”。");
        RefusedBesideGroup(html, "targets", "请填写“检查对象”。");
        RefusedBeside(html, "Findings", "请填写“检查情况”。");
        RefusedBeside(html, "Deadline", "请填写“整改期限”。");
        foreach (var message in (string[])["请填写“事项”。", "请填写“检查对象”。", "请填写“检查情况”。", "请填写“整改期限”。"])
        {
            ShownOnce(html, message);
        }
        Assert.Contains("清理防火通道杂物</textarea>", html);
        Assert.Contains($"value=\"{Day(Today)}T09:15\"", html);
        Assert.Matches("<input type=\"radio\" name=\"Input.Result\" value=\"RectificationOrdered\" checked=\"checked\"", html);
        Assert.Equal(before, await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task AReinspectionWithBlankFieldsAndOneOfficerShowsEachRefusalBesideItsFieldAtOnce()
    {
        var office = await As("office");
        var officers = new List<Guid>();
        foreach (var name in (string[])["复检甲", "复检乙"])
        {
            var officer = await PassedOfficerAsync(Ids.Xiema, name + Guid.NewGuid().ToString("N")[..4]);
            await office.PostAsJsonAsync("/api/certificates", new { officerId = officer, domains = new[] { "forestry" }, issuedOn = Day(Today.AddDays(-20)) })
                .ExpectAsync(HttpStatusCode.Created);
            officers.Add(officer);
        }
        var target = (await office.PostAsJsonAsync("/api/targets", new
        {
            townshipId = Ids.Xiema,
            name = "复检林区" + Guid.NewGuid().ToString("N")[..6],
            kind = "ForestArea",
            address = "歇马镇虎头村",
            riskLevel = "Low",
        }).ExpectAsync(HttpStatusCode.Created)).Id();
        var failed = await (await As("town.xiema")).PostAsJsonAsync("/api/inspections", new
        {
            matterId = await DemoMatterAsync("198-04"),
            kind = "Routine",
            startedAt = Host.Clock.GetUtcNow().AddDays(-3),
            targetIds = new[] { target },
            officerIds = officers,
            findings = "林下可燃物堆积。",
            result = "RectificationOrdered",
            orders = new[] { new { targetId = target, requirement = "清理林下可燃物", deadline = Day(Today.AddDays(10)) } },
        }).ExpectAsync(HttpStatusCode.Created);
        var order = failed.GetProperty("orders")[0].Id();

        var console = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        var url = $"/Rectifications/Reinspect/{order}";
        var page = await console.GetStringAsync(url);
        var before = await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().CountAsync());
        var html = await PostAsync(console, url, page, ("Input.StartedAt", ""), ("Input.OfficerIds", officers[0].ToString()),
            ("Input.Findings", ""), ("Input.Result", "NoProblem"));
        RefusedBeside(html, "StartedAt", "请填写“检查时间”。");
        RefusedBesideGroup(html, "officers", "两名");
        RefusedBeside(html, "Findings", "请填写“检查情况”。");
        ShownOnce(html, "请填写“检查情况”。");
        Assert.Matches($"<input type=\"checkbox\" name=\"Input.OfficerIds\" value=\"{officers[0]}\" checked=\"checked\"", html);
        Assert.Equal(before, await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task ATrainingClassAndAnExamShowEachRefusalBesideItsField()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await console.GetStringAsync("/Training/Edit");
        var html = await PostAsync(console, "/Training/Edit", page, ("Input.Name", ""), ("Input.StartsOn", ""), ("Input.EndsOn", Day(Today)),
            ("Input.Venue", "区党校"));
        RefusedBeside(html, "Name", "请填写“名称”。");
        ShownOnce(html, "请填写“名称”。");
        Assert.Contains("value=\"区党校\"", html);

        page = await console.GetStringAsync("/Exams/Edit");
        html = await PostAsync(console, "/Exams/Edit", page, ("Input.Name", ""), ("Input.HeldOn", Day(Today)), ("Input.FullMark", "100"),
            ("Input.PassMark", "60"));
        RefusedBeside(html, "Name", "请填写“名称”。");
        ShownOnce(html, "请填写“名称”。");
        Assert.Contains("value=\"60\"", html);
    }

    [Fact]
    public async Task AnOfficerLeavingWithoutAReasonIsRefusedBesideTheReasonOnly()
    {
        var officer = await OfficerOfAsync(Ids.Xiema, "离岗无因" + Guid.NewGuid().ToString("N")[..4]);
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await console.GetStringAsync($"/Officers/Detail?id={officer}");
        var html = await PostAsync(console, $"/Officers/Detail?id={officer}&handler=Leave", page, ("Reason", ""));
        RefusedBeside(html, "Reason", "请填写原因。");
        ShownOnce(html, "请填写原因。");
        Assert.True(await Host.WithDbAsync(db => db.Officers.IgnoreQueryFilters().AnyAsync(o => o.Id == officer && o.Status == Entrust.Web.Features.Officers.OfficerStatus.Active)));
    }

    [Fact]
    public async Task ACertificateIssuedWithoutOfficerOrDomainsOnADayToComeIsRefusedBesideEachAtOnce()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await console.GetStringAsync("/Certificates");
        var before = await CertificateCountAsync();
        var html = await PostAsync(console, "/Certificates?handler=Issue", page, ("Input.OfficerId", ""), ("Input.Number", "渝执证测试001"),
            ("Input.IssuedOn", Day(Today.AddDays(1))));
        RefusedBeside(html, "OfficerId", "执法人员不存在或不在您的管理范围内。");
        Assert.Matches("<span class=\"field-error\" data-for=\"Domains\">请至少选择一个执法领域。</span>", html);
        RefusedBeside(html, "IssuedOn", "发证日期不能晚于今天。");
        ShownOnce(html, "发证日期不能晚于今天。");
        Assert.Contains("value=\"渝执证测试001\"", html);
        Assert.Equal(before, await CertificateCountAsync());
    }

    [Fact]
    public async Task AMatterAlreadyListedForRandomInspectionIsRefusedAboveTheItemsPage()
    {
        var listed = await Host.WithDbAsync(db => db.InspectionItems.IgnoreQueryFilters().Where(i => i.DistrictId == Ids.Beibei)
            .Select(i => new { i.MatterId, i.Basis }).FirstAsync());
        var code = await Host.WithDbAsync(db => db.Matters.IgnoreQueryFilters().Where(m => m.Id == listed.MatterId).Select(m => m.Code).SingleAsync());
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await console.GetStringAsync("/RandomPlans/Items");
        var html = await PostAsync(console, "/RandomPlans/Items?handler=Add", page, ("Input.MatterId", listed.MatterId.ToString()),
            ("Input.Basis", listed.Basis), ("Input.Content", "再次列入的抽查内容"));
        Assert.Matches($"id=\"page-errors\"[^>]*>\\s*<ul>\\s*<li>事项“{code}”已在随机抽查事项清单上。</li>", html);
        ShownOnce(html, $"事项“{code}”已在随机抽查事项清单上。");
        Assert.Contains("再次列入的抽查内容</textarea>", html);
    }

    [Fact]
    public async Task AnAgreementWithoutDepartmentOrTermShowsEachRefusalBesideItsFieldOnly()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await console.GetStringAsync("/Agreements/Edit");
        var before = await AgreementCountAsync();
        var html = await PostAsync(console, "/Agreements/Edit", page, ("Input.DepartmentId", ""), ("Input.TownshipId", Ids.Xiema.ToString()),
            ("Input.Mode", "Entrustment"), ("Input.TermStart", ""), ("Input.TermEnd", Day(Today.AddYears(1))),
            ("Input.RightsAndObligations", "缺部门时填写的权利义务"));
        RefusedBeside(html, "DepartmentId", "请填写“执法部门”。");
        RefusedBeside(html, "TermStart", "请填写“委托期限开始”。");
        ShownOnce(html, "请填写“执法部门”。");
        ShownOnce(html, "请填写“委托期限开始”。");
        RefusedBesideGroup(html, "matters", "协议至少须列明一项委托事项（《行政处罚法》第二十条）。");
        Assert.Contains("缺部门时填写的权利义务</textarea>", html);
        Assert.Equal(before, await AgreementCountAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FormErrorsTests_Sqlite(SqliteHost host) : FormErrorsTests(host);

[Collection(PostgresCollection.Name)]
public sealed class FormErrorsTests_Postgres(PostgresHost host) : FormErrorsTests(host);
