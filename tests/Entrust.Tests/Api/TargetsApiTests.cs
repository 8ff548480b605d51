using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Targets;
using MiniExcelLibs;

namespace Entrust.Tests.Api;

/// <summary>/api/targets: regulated targets, their scope, credit codes, merging, and the .xlsx template, export and import.</summary>
public abstract class TargetsApiTests(HostFixture host) : ApiTest(host)
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>The column keys the import always understands, whatever the language.</summary>
    private static readonly string[] Keys =
        ["TownshipId", "Name", "Kind", "Address", "CreditCode", "Contact", "Phone", "RiskLevel", "HasComplaints", "IsAbnormal"];

    /// <summary>A valid credit code no other test uses (the check character itself is tested in Rules/CreditCodes).</summary>
    private static string NewCreditCode()
    {
        var body = string.Concat(Guid.NewGuid().ToByteArray().Take(9).Select(b => Charset[b % Charset.Length]));
        var first17 = "91500109" + body;
        return first17 + CreditCodes.CheckCharacterOf(first17);
    }

    /// <summary>The same code with a wrong check character.</summary>
    private static string Corrupt(string code) => code[..17] + (code[17] == '0' ? '1' : '0');

    private static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private static object Body(string name, string? creditCode = null, Guid? townshipId = null, string kind = "Restaurant",
        string address = "歇马镇场镇新街12号", string risk = "Low", bool complaints = false, bool abnormal = false, string? phone = "023-68221234") =>
        new { townshipId, name, kind, address, creditCode, contact = "王老板", phone, riskLevel = risk, hasComplaints = complaints, isAbnormal = abnormal };

    private async Task<JsonElement> CreateAsync(string userName, object body) =>
        await (await As(userName)).PostAsJsonAsync("/api/targets", body).ExpectAsync(HttpStatusCode.Created);

    private async Task<List<JsonElement>> SearchAsync(string userName, string query) =>
        (await (await As(userName)).GetAsync($"/api/targets?pageSize=200&{query}").ExpectAsync(HttpStatusCode.OK)).Items().ToList();

    private static byte[] Workbook(IReadOnlyList<string> headers, params string[][] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => headers.Select((h, i) => (h, (object)r[i])).ToDictionary(p => p.h, p => p.Item2)).ToList());
        return stream.ToArray();
    }

    private static List<string[]> Read(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v?.ToString() ?? "").ToArray()).ToList();
    }

    private static MultipartFormDataContent Upload(byte[] workbook)
    {
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        return new MultipartFormDataContent { { file, "file", "targets.xlsx" } };
    }

    private async Task<List<string[]>> DownloadAsync(string userName, string url, string? language = null)
    {
        using var response = await (await As(userName, language)).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        return Read(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ATownshipUserAddsATargetToItsOwnTownshipAndFindsIt()
    {
        var name = UniqueName("歇马镇老街火锅店");
        var code = NewCreditCode();

        var created = await CreateAsync("town.xiema", Body(name, code, complaints: true));

        Assert.Equal(Ids.Xiema, created.GetProperty("townshipId").GetGuid());
        Assert.Equal("歇马镇", created.Str("townshipName"));
        Assert.Equal(Ids.Beibei, created.GetProperty("districtId").GetGuid());
        Assert.Equal(code, created.Str("creditCode"));
        Assert.Equal("Restaurant", created.Str("kind"));
        Assert.True(created.GetProperty("hasComplaints").GetBoolean());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("mergedIntoId").ValueKind);
        var read = await (await As("town.xiema")).GetAsync($"/api/targets/{created.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(name, read.Str("name"));
        Assert.Equal(created.Id(), Assert.Single(await SearchAsync("town.xiema", $"q={Uri.EscapeDataString(name)}")).Id());
        // The credit code is found from a piece of it, typed in lower case.
        Assert.Contains(await SearchAsync("town.xiema", $"q={code[8..14].ToLowerInvariant()}"), t => t.Id() == created.Id());
        Assert.Contains(await SearchAsync("office", $"q={Uri.EscapeDataString(name)}&kind=Restaurant&complaints=true&township={Ids.Xiema}"),
            t => t.Id() == created.Id());
        Assert.DoesNotContain(await SearchAsync("office", $"q={Uri.EscapeDataString(name)}&complaints=false"), t => t.Id() == created.Id());
        Assert.DoesNotContain(await SearchAsync("office", $"q={Uri.EscapeDataString(name)}&kind=FarmStay"), t => t.Id() == created.Id());
        Assert.Equal("Added", Assert.Single(await AuditOfAsync("Target", created.Id())).Str("action"));
    }

    [Fact]
    public async Task TheSearchFindsAddressesAndFiltersByRiskAndAbnormalListing()
    {
        var street = UniqueName("歇马镇桥头街");
        var high = await CreateAsync("town.xiema", Body(UniqueName("高风险饭店"), address: street + "1号", risk: "High", abnormal: true));
        var low = await CreateAsync("town.xiema", Body(UniqueName("低风险饭店"), address: street + "2号", risk: "Low"));

        var byAddress = await SearchAsync("town.xiema", $"q={Uri.EscapeDataString(street)}");
        Assert.Equal(new[] { high.Id(), low.Id() }.Order(), byAddress.Select(t => t.Id()).Order());
        Assert.Equal(high.Id(), Assert.Single(await SearchAsync("town.xiema", $"q={Uri.EscapeDataString(street)}&risk=High")).Id());
        Assert.Equal(high.Id(), Assert.Single(await SearchAsync("town.xiema", $"q={Uri.EscapeDataString(street)}&abnormal=true")).Id());
        Assert.Equal(high.Id(), (await SearchAsync("town.xiema", $"q={Uri.EscapeDataString(street)}&sort=-risk"))[0].Id());
    }

    [Fact]
    public async Task BadInputIsAValidationProblemNamingEachFieldInTheCallersLanguage()
    {
        var body = new { name = " ", kind = "Restaurant", address = "", creditCode = "91500109MA60X1B2C3", phone = "call-me", riskLevel = "Low" };

        var zh = await (await As("town.xiema")).PostAsJsonAsync("/api/targets", body).ExpectAsync(HttpStatusCode.BadRequest);
        var en = await (await As("town.xiema", "en")).PostAsJsonAsync("/api/targets", body).ExpectAsync(HttpStatusCode.BadRequest);

        foreach (var field in new[] { "Name", "Address", "CreditCode", "Phone" })
        {
            Http.AssertChinese(Assert.Single(zh.ErrorsFor(field)));
            Http.AssertNotChinese(Assert.Single(en.ErrorsFor(field)));
        }
        Assert.Contains("91500109MA60X1B2C3", Assert.Single(zh.ErrorsFor("CreditCode")));
        Assert.Contains("GB 32100", Assert.Single(en.ErrorsFor("CreditCode")));
    }

    [Fact]
    public async Task AnUnknownKindOrMissingTownshipIsRefused()
    {
        var unknownKind = await (await As("town.xiema")).PostAsJsonAsync("/api/targets",
            new { name = "某店", kind = 42, address = "歇马镇", riskLevel = "Low" }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(unknownKind.ErrorsFor("Kind"));

        // The office belongs to no township, so it must name one.
        var noTownship = await (await As("office")).PostAsJsonAsync("/api/targets", Body(UniqueName("无镇街的店")))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(noTownship.ErrorsFor("TownshipId"));
    }

    [Fact]
    public async Task ATownshipUserCantCreateReadChangeOrMergeAnotherTownshipsTarget()
    {
        var name = UniqueName("天生街道小面馆");
        var tiansheng = await CreateAsync("office", Body(name, townshipId: Ids.Tiansheng, address: "天生路8号"));
        var own = await CreateAsync("town.xiema", Body(UniqueName("歇马镇小面馆")));

        await (await As("town.xiema")).PostAsJsonAsync("/api/targets", Body(UniqueName("越界登记"), townshipId: Ids.Tiansheng))
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("town.xiema")).GetAsync($"/api/targets/{tiansheng.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("town.xiema")).PutAsJsonAsync($"/api/targets/{tiansheng.Id()}", Body(name + "改"))
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("town.xiema")).PostAsJsonAsync($"/api/targets/{tiansheng.Id()}/merge", new { intoId = own.Id() })
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        // Nor move its own target there.
        await (await As("town.xiema")).PutAsJsonAsync($"/api/targets/{own.Id()}", Body(own.Str("name"), townshipId: Ids.Tiansheng))
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        Assert.Empty(await SearchAsync("town.xiema", $"q={Uri.EscapeDataString(name)}"));
        Assert.Empty(await SearchAsync("town.xiema", $"township={Ids.Tiansheng}"));
        Assert.Empty(await SearchAsync("town.xiema", $"q={Uri.EscapeDataString("越界登记")}"));
        var unchanged = await (await As("office")).GetAsync($"/api/targets/{tiansheng.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(name, unchanged.Str("name"));
        Assert.Equal(Ids.Xiema, (await (await As("office")).GetAsync($"/api/targets/{own.Id()}").ExpectAsync(HttpStatusCode.OK))
            .GetProperty("townshipId").GetGuid());
    }

    [Fact]
    public async Task OfficersAndDepartmentsReadTheirScopeButMayNotWrite()
    {
        var name = UniqueName("歇马镇烟花爆竹零售点");
        var target = await CreateAsync("town.xiema", Body(name, kind: "FireworksSeller"));

        foreach (var reader in new[] { "dept.safety", "auditor", "officer.xiema" })
        {
            await (await As(reader)).GetAsync($"/api/targets/{target.Id()}").ExpectStatusAsync(HttpStatusCode.OK);
            Assert.Single(await SearchAsync(reader, $"q={Uri.EscapeDataString(name)}"));
            await (await As(reader)).PostAsJsonAsync("/api/targets", Body(UniqueName("部门登记"), townshipId: Ids.Xiema))
                .ExpectStatusAsync(HttpStatusCode.Forbidden);
            await (await As(reader)).PutAsJsonAsync($"/api/targets/{target.Id()}", Body(name + "改"))
                .ExpectStatusAsync(HttpStatusCode.Forbidden);
            await (await As(reader)).PostAsJsonAsync($"/api/targets/{target.Id()}/merge", new { intoId = target.Id() })
                .ExpectStatusAsync(HttpStatusCode.Forbidden);
            var file = Workbook(Keys, ["歇马镇", UniqueName("部门导入"), "餐饮服务单位", "歇马镇", "", "", "", "低", "否", "否"]);
            await (await As(reader)).PostAsync("/api/targets/import", Upload(file)).ExpectStatusAsync(HttpStatusCode.Forbidden);
        }
        // The department sees every township of its district; the officer only its own.
        var tiansheng = await CreateAsync("office", Body(UniqueName("天生街道烧烤"), townshipId: Ids.Tiansheng));
        await (await As("dept.safety")).GetAsync($"/api/targets/{tiansheng.Id()}").ExpectStatusAsync(HttpStatusCode.OK);
        await (await As("officer.xiema")).GetAsync($"/api/targets/{tiansheng.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal(name, (await (await As("office")).GetAsync($"/api/targets/{target.Id()}").ExpectAsync(HttpStatusCode.OK)).Str("name"));
    }

    [Fact]
    public async Task AnotherDistrictSeesNoneOfTheseTargets()
    {
        var target = await CreateAsync("town.xiema", Body(UniqueName("歇马镇农家乐")));

        await (await As("office2")).GetAsync($"/api/targets/{target.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("office2")).PutAsJsonAsync($"/api/targets/{target.Id()}", Body("改名", townshipId: Ids.SecondTownship))
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("office2")).PostAsJsonAsync("/api/targets", Body(UniqueName("跨区登记"), townshipId: Ids.Xiema))
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await SearchAsync("office2", ""), t => t.GetProperty("districtId").GetGuid() != Ids.Second);
        // The office of 北碚区 can't move one of its targets into the other district.
        await (await As("office")).PutAsJsonAsync($"/api/targets/{target.Id()}", Body("改名", townshipId: Ids.SecondTownship))
            .ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheOfficeKeepsEveryTownshipOfItsDistrictAndMovesATarget()
    {
        var name = UniqueName("缙云山林区");
        var target = await CreateAsync("office", Body(name, townshipId: Ids.Tiansheng, kind: "ForestArea", phone: null));

        var moved = await (await As("office")).PutAsJsonAsync($"/api/targets/{target.Id()}",
            Body(name, townshipId: Ids.Xiema, kind: "ForestArea", risk: "High", phone: null)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(Ids.Xiema, moved.GetProperty("townshipId").GetGuid());
        Assert.Equal("High", moved.Str("riskLevel"));
        Assert.Equal(target.Id(), Assert.Single(await SearchAsync("town.xiema", $"q={Uri.EscapeDataString(name)}")).Id());
        Assert.Empty(await SearchAsync("town.tiansheng", $"q={Uri.EscapeDataString(name)}"));
        // The township user keeps the target's township by leaving it out.
        var renamed = await (await As("town.xiema")).PutAsJsonAsync($"/api/targets/{target.Id()}",
            Body(name + "东片", kind: "ForestArea", phone: null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Ids.Xiema, renamed.GetProperty("townshipId").GetGuid());
        Assert.Equal(name + "东片", renamed.Str("name"));
    }

    [Fact]
    public async Task ACreditCodeInUseAnywhereInTheDistrictIs409NamingTheTargetThatHasIt()
    {
        var code = NewCreditCode();
        var name = UniqueName("重庆市北碚区歇马镇某煤矿");
        await CreateAsync("town.xiema", Body(name, code, kind: "CoalMine"));
        var count = (await (await As("office")).GetAsync("/api/targets?pageSize=1").ExpectAsync(HttpStatusCode.OK)).Total();

        // Another township of the district, which can't see the first target, still may not register the code again.
        var conflict = await (await As("town.tiansheng")).PostAsJsonAsync("/api/targets", Body(UniqueName("同码企业"), code.ToLowerInvariant()))
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains(name, conflict.Str("detail"));
        Assert.Contains(code, conflict.Str("detail"));
        Assert.NotEmpty(conflict.ErrorsFor("CreditCode"));
        Assert.Equal(count, (await (await As("office")).GetAsync("/api/targets?pageSize=1").ExpectAsync(HttpStatusCode.OK)).Total());

        // Nor may a change take it.
        var other = await CreateAsync("town.xiema", Body(UniqueName("无码小店")));
        await (await As("town.xiema")).PutAsJsonAsync($"/api/targets/{other.Id()}", Body(other.Str("name"), code))
            .ExpectStatusAsync(HttpStatusCode.Conflict);
        // Another district is another register.
        await CreateAsync("office2", Body(UniqueName("测试区同码企业"), code, townshipId: Ids.SecondTownship));
    }

    [Fact]
    public async Task AMergeHidesTheDuplicateWhichStillNamesTheTargetThatStays()
    {
        var stays = await CreateAsync("town.xiema", Body(UniqueName("歇马镇中心小学食堂"), kind: "SchoolCanteen"));
        var code = NewCreditCode();
        var duplicateName = UniqueName("歇马中心小学食堂");
        var duplicate = await CreateAsync("town.xiema", Body(duplicateName, code, kind: "SchoolCanteen", complaints: true, risk: "High"));

        var survivor = await (await As("town.xiema")).PostAsJsonAsync($"/api/targets/{duplicate.Id()}/merge", new { intoId = stays.Id() })
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(stays.Id(), survivor.Id());
        Assert.True(survivor.GetProperty("hasComplaints").GetBoolean());
        Assert.Equal("High", survivor.Str("riskLevel"));
        Assert.Empty(await SearchAsync("town.xiema", $"q={Uri.EscapeDataString(duplicateName)}"));
        Assert.Empty(await SearchAsync("office", $"q={code}"));
        var merged = await (await As("town.xiema")).GetAsync($"/api/targets/{duplicate.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(stays.Id(), merged.GetProperty("mergedIntoId").GetGuid());
        Assert.Equal(code, merged.Str("creditCode"));
        var changed = await (await As("town.xiema")).PutAsJsonAsync($"/api/targets/{duplicate.Id()}", Body(duplicateName))
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains(duplicateName, changed.Str("detail"));
        // The merged duplicate's code is free for the target that stays.
        await (await As("town.xiema")).PutAsJsonAsync($"/api/targets/{stays.Id()}", Body(stays.Str("name"), code, kind: "SchoolCanteen"))
            .ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AMergeAcrossTownshipsIsRefusedAndChangesNothing()
    {
        var xiema = await CreateAsync("office", Body(UniqueName("歇马镇加油站"), townshipId: Ids.Xiema, kind: "Enterprise"));
        var tiansheng = await CreateAsync("office", Body(UniqueName("天生加油站"), townshipId: Ids.Tiansheng, kind: "Enterprise", complaints: true));
        var head = await AuditHeadAsync();

        var refused = await (await As("office")).PostAsJsonAsync($"/api/targets/{tiansheng.Id()}/merge", new { intoId = xiema.Id() })
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains(xiema.Str("name"), refused.Str("detail"));
        Assert.NotEmpty(refused.ErrorsFor("IntoId"));
        Assert.Equal(head, await AuditHeadAsync());
        var still = await (await As("office")).GetAsync($"/api/targets/{tiansheng.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, still.GetProperty("mergedIntoId").ValueKind);
        Assert.False((await (await As("office")).GetAsync($"/api/targets/{xiema.Id()}").ExpectAsync(HttpStatusCode.OK))
            .GetProperty("hasComplaints").GetBoolean());
    }

    [Fact]
    public async Task AMergeRefusesAnUnknownOrMergedTargetAndKeepsPointersOneStepLong()
    {
        var a = await CreateAsync("town.xiema", Body(UniqueName("甲")));
        var b = await CreateAsync("town.xiema", Body(UniqueName("乙")));
        var c = await CreateAsync("town.xiema", Body(UniqueName("丙")));
        var client = await As("town.xiema");

        var unknown = await client.PostAsJsonAsync($"/api/targets/{a.Id()}/merge", new { intoId = Guid.NewGuid() }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(unknown.ErrorsFor("IntoId"));
        await client.PostAsJsonAsync($"/api/targets/{a.Id()}/merge", new { intoId = a.Id() }).ExpectStatusAsync(HttpStatusCode.BadRequest);
        await client.PostAsJsonAsync($"/api/targets/{Guid.NewGuid()}/merge", new { intoId = a.Id() }).ExpectStatusAsync(HttpStatusCode.NotFound);

        await client.PostAsJsonAsync($"/api/targets/{a.Id()}/merge", new { intoId = b.Id() }).ExpectStatusAsync(HttpStatusCode.OK);
        await client.PostAsJsonAsync($"/api/targets/{c.Id()}/merge", new { intoId = a.Id() }).ExpectStatusAsync(HttpStatusCode.Conflict);
        await client.PostAsJsonAsync($"/api/targets/{b.Id()}/merge", new { intoId = c.Id() }).ExpectStatusAsync(HttpStatusCode.OK);

        // a was merged into b, b into c: a now names c directly.
        var first = await client.GetAsync($"/api/targets/{a.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(c.Id(), first.GetProperty("mergedIntoId").GetGuid());
    }

    [Fact]
    public async Task TheTemplateHasTenColumnsInTheCallersLanguageAndImportsAsItIs()
    {
        var zh = await DownloadAsync("town.xiema", "/api/targets/template");
        var en = await DownloadAsync("town.xiema", "/api/targets/template", "en");

        Assert.Equal(2, zh.Count);
        Assert.Equal(10, zh[0].Length);
        Assert.All(zh[0], h => Http.AssertChinese(h));
        Assert.All(en[0], h => Http.AssertNotChinese(h));
        Assert.Equal("歇马镇", zh[1][0]);
        Assert.True(CreditCodes.IsValid(zh[1][4]));

        // The example row with its own name, and no code (another test may have taken it), imports.
        var row = zh[1].ToArray();
        row[1] = UniqueName("模板农家乐");
        row[4] = "";
        var result = await (await As("town.xiema")).PostAsync("/api/targets/import", Upload(Workbook(zh[0], row))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, result.GetProperty("added").GetInt32());
        var added = Assert.Single(await SearchAsync("town.xiema", $"q={Uri.EscapeDataString(row[1])}"));
        Assert.Equal("FarmStay", added.Str("kind"));
        Assert.Equal("Medium", added.Str("riskLevel"));
    }

    [Fact]
    public async Task AnImportAddsEveryRowInEitherLanguagesWords()
    {
        var farm = UniqueName("歇马镇桃花源农家乐");
        var mine = UniqueName("歇马镇石灰岩矿");
        var code = NewCreditCode();
        var workbook = Workbook(Keys,
            ["歇马镇", farm, "农家乐", "歇马镇卫星村5组", code, "李桂兰", "13983012345", "中", "是", "否"],
            ["500109112", mine, "NonCoalMine", "歇马镇龙车村", "", "", "", "High", "No", "Yes"]);

        var result = await (await As("office")).PostAsync("/api/targets/import", Upload(workbook)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, result.GetProperty("added").GetInt32());
        var first = Assert.Single(await SearchAsync("office", $"q={Uri.EscapeDataString(farm)}"));
        Assert.Equal(code, first.Str("creditCode"));
        Assert.Equal("Medium", first.Str("riskLevel"));
        Assert.True(first.GetProperty("hasComplaints").GetBoolean());
        var second = Assert.Single(await SearchAsync("office", $"q={Uri.EscapeDataString(mine)}"));
        Assert.Equal(Ids.Xiema, second.GetProperty("townshipId").GetGuid());
        Assert.True(second.GetProperty("isAbnormal").GetBoolean());
        Assert.Equal("Added", Assert.Single(await AuditOfAsync("Target", second.Id())).Str("action"));
    }

    [Fact]
    public async Task AnImportWithBadRowsIsRefusedWholeNamingEachRowAndWritesNothing()
    {
        var inUse = NewCreditCode();
        var holder = UniqueName("已登记企业");
        await CreateAsync("town.xiema", Body(holder, inUse, kind: "Enterprise"));
        var good = UniqueName("合格的饭店");
        var twice = NewCreditCode();
        var badCode = Corrupt(NewCreditCode());
        var workbook = Workbook(Keys,
            ["歇马镇", good, "餐饮服务单位", "歇马镇场镇", "", "", "", "低", "否", "否"],               // row 2: fine
            ["不存在镇", UniqueName("镇街不存在"), "餐饮服务单位", "某地", "", "", "", "低", "否", "否"], // row 3
            ["歇马镇", UniqueName("坏码企业"), "企业", "歇马镇", badCode, "", "", "低", "否", "否"],     // row 4
            ["歇马镇", UniqueName("企业甲"), "企业", "歇马镇", twice, "", "", "低", "否", "否"],          // row 5: fine alone
            ["歇马镇", UniqueName("企业乙"), "企业", "歇马镇", twice, "", "", "低", "否", "否"],          // row 6: code again
            ["歇马镇", UniqueName("同码企业"), "企业", "歇马镇", inUse, "", "", "低", "否", "否"],       // row 7: code in use
            ["歇马镇", UniqueName("怪类型"), "夜总会", "歇马镇", "", "", "", "低", "也许", "否"]);        // row 8: kind, flag
        var head = await AuditHeadAsync();

        var problem = await (await As("town.xiema")).PostAsync("/api/targets/import", Upload(workbook)).ExpectAsync(HttpStatusCode.BadRequest);

        var rows = problem.GetProperty("rows").EnumerateArray().Select(r => (Row: r.GetProperty("row").GetInt32(), Reason: r.Str("reason"))).ToList();
        Assert.Equal([3, 4, 6, 7, 8], rows.Select(r => r.Row).Distinct().Order().ToArray());
        Assert.Contains(rows, r => r.Row == 3 && r.Reason.Contains("不存在镇"));
        Assert.Contains(rows, r => r.Row == 4 && r.Reason.Contains(badCode));
        Assert.Contains(rows, r => r.Row == 6 && r.Reason.Contains(twice) && r.Reason.Contains('5'));
        Assert.Contains(rows, r => r.Row == 7 && r.Reason.Contains(holder));
        Assert.Contains(rows, r => r.Row == 8 && r.Reason.Contains("夜总会"));
        Assert.Contains(rows, r => r.Row == 8 && r.Reason.Contains("也许"));
        Assert.All(rows, r => Http.AssertChinese(r.Reason));
        Http.AssertChinese(problem.Str("title"));
        Assert.Equal(head, await AuditHeadAsync());
        Assert.Empty(await SearchAsync("office", $"q={Uri.EscapeDataString(good)}"));
    }

    [Fact]
    public async Task ATownshipUserCantImportIntoAnotherTownshipNorTwiceTheSameTarget()
    {
        var name = UniqueName("歇马镇重复登记饭店");
        await CreateAsync("town.xiema", Body(name, address: "歇马镇场镇新街12号"));
        var again = UniqueName("同名同址");
        var workbook = Workbook(Keys,
            ["天生街道", UniqueName("越界导入"), "餐饮服务单位", "天生路", "", "", "", "低", "否", "否"],     // row 2: not its township
            ["歇马镇", name, "餐饮服务单位", "歇马镇场镇新街12号", "", "", "", "低", "否", "否"],            // row 3: registered already
            ["歇马镇", again, "餐饮服务单位", "歇马镇场镇", "", "", "", "低", "否", "否"],                   // row 4: fine alone
            ["歇马镇", again, "餐饮服务单位", "歇马镇场镇", "", "", "", "低", "否", "否"]);                  // row 5: row 4 again

        var problem = await (await As("town.xiema", "en")).PostAsync("/api/targets/import", Upload(workbook)).ExpectAsync(HttpStatusCode.BadRequest);

        var rows = problem.GetProperty("rows").EnumerateArray().Select(r => (Row: r.GetProperty("row").GetInt32(), Reason: r.Str("reason"))).ToList();
        Assert.Equal([2, 3, 5], rows.Select(r => r.Row).Distinct().Order().ToArray());
        Assert.Contains(rows, r => r.Row == 2 && r.Reason.Contains("天生街道"));
        Assert.Contains(rows, r => r.Row == 3 && r.Reason.Contains(name) && r.Reason.Contains("already registered"));
        Assert.Contains(rows, r => r.Row == 5 && r.Reason.Contains(again) && r.Reason.Contains("row 4"));
        Http.AssertNotChinese(problem.Str("title"));
    }

    [Fact]
    public async Task AnEmptyOrUnreadableFileIsRefused()
    {
        var client = await As("office");
        await client.PostAsync("/api/targets/import", new MultipartFormDataContent()).ExpectStatusAsync(HttpStatusCode.BadRequest);
        var garbage = await client.PostAsync("/api/targets/import", Upload("这不是表格"u8.ToArray())).ExpectAsync(HttpStatusCode.BadRequest);
        Http.AssertChinese(garbage.Str("detail"));
        var empty = await client.PostAsync("/api/targets/import", Upload(Workbook(Keys))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(1, Assert.Single(empty.GetProperty("rows").EnumerateArray()).GetProperty("row").GetInt32());
    }

    [Fact]
    public async Task TheExportHoldsTheUsersFilteredTargetsAndReadsBackIn()
    {
        var tag = UniqueName("导出测试");
        await CreateAsync("office", Body(tag + "甲", NewCreditCode(), townshipId: Ids.Xiema, abnormal: true));
        await CreateAsync("office", Body(tag + "乙", townshipId: Ids.Tiansheng));

        var all = await DownloadAsync("office", $"/api/targets/export?q={Uri.EscapeDataString(tag)}");
        var xiema = await DownloadAsync("town.xiema", $"/api/targets/export?q={Uri.EscapeDataString(tag)}");
        var abnormal = await DownloadAsync("office", $"/api/targets/export?q={Uri.EscapeDataString(tag)}&abnormal=true");

        Assert.Equal(3, all.Count);
        Assert.Equal(["天生街道", "歇马镇"], all.Skip(1).Select(r => r[0]).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(tag + "甲", Assert.Single(xiema.Skip(1))[1]);
        Assert.Equal("是", Assert.Single(abnormal.Skip(1))[9]);

        // Renamed rows of the export import back as new targets (codes cleared: they are in use).
        var rows = all.Skip(1).Select(r => { var c = r.ToArray(); c[1] += "（分店）"; c[4] = ""; return c; }).ToArray();
        var result = await (await As("office")).PostAsync("/api/targets/import", Upload(Workbook(all[0], rows))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, result.GetProperty("added").GetInt32());
    }

    [Fact]
    public async Task AnonymousCallersAreChallenged()
    {
        await Host.Anonymous().GetAsync("/api/targets").ExpectStatusAsync(HttpStatusCode.Unauthorized);
        await Host.Anonymous().PostAsJsonAsync("/api/targets", Body("匿名")).ExpectStatusAsync(HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TargetsApiTests_Sqlite(SqliteHost host) : TargetsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class TargetsApiTests_Postgres(PostgresHost host) : TargetsApiTests(host);
