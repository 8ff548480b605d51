using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>
/// /api/inspections, /api/rectifications and /api/campaigns: the law's refusals (each naming its reason, nothing written), files
/// checked by content, rectification orders closed by re-inspection, campaigns and their counts, and scope.
/// Each test makes its own officers (certified in forestry) and targets in 歇马镇, which the demo entitles to 森林防火检查 (198-04).
/// </summary>
public abstract class InspectionsApiTests(HostFixture host) : OfficerTest(host)
{
    private static readonly byte[] Jpeg = Rules.Inspection.Jpeg;

    private sealed record Crew(Guid Matter, Guid First, Guid Second, Guid Target);

    /// <summary>Two officers of 歇马镇 certified in forestry since 20 days ago, and a forest area of 歇马镇.</summary>
    private async Task<Crew> CrewAsync(string domain = "forestry", string matterCode = "198-04")
    {
        var matter = await DemoMatterAsync(matterCode);
        var first = await CertifiedAsync(domain, "林检甲");
        var second = await CertifiedAsync(domain, "林检乙");
        var target = await TargetAsync(Ids.Xiema);
        return new Crew(matter, first, second, target);
    }

    private async Task<Guid> CertifiedAsync(string domain, string name)
    {
        var officer = await PassedOfficerAsync(Ids.Xiema, name + Guid.NewGuid().ToString("N")[..4]);
        await (await As("office")).PostAsJsonAsync("/api/certificates",
            new { officerId = officer, domains = new[] { domain }, issuedOn = Day(Today.AddDays(-20)) }).ExpectAsync(HttpStatusCode.Created);
        return officer;
    }

    private async Task<Guid> TargetAsync(Guid township, string userName = "office") =>
        (await (await As(userName)).PostAsJsonAsync("/api/targets", new
        {
            townshipId = township,
            name = "林区" + Guid.NewGuid().ToString("N")[..6],
            kind = "ForestArea",
            address = "歇马镇虎头村",
            riskLevel = "Low",
        }).ExpectAsync(HttpStatusCode.Created)).Id();

    private DateTimeOffset At(int daysAgo = 0) => Host.Clock.GetUtcNow().AddHours(-1).AddDays(-daysAgo);

    private static object Body(Crew c, DateTimeOffset at, Guid[]? officers = null, string result = "NoProblem", object[]? orders = null,
        Guid? matter = null, Guid? township = null, string kind = "Routine", Guid? campaignId = null, Guid[]? targets = null) => new
        {
            townshipId = township,
            matterId = matter ?? c.Matter,
            kind,
            campaignId,
            startedAt = at,
            targetIds = targets ?? [c.Target],
            officerIds = officers ?? [c.First, c.Second],
            findings = "林区防火通道畅通，未发现野外用火。",
            result,
            orders,
        };

    private Task<int> InspectionCountAsync() => Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().CountAsync());

    private async Task<JsonElement> RefusedAsync(object body, string userName = "town.xiema", string? language = null,
        HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var before = await InspectionCountAsync();
        var problem = await (await As(userName, language)).PostAsJsonAsync("/api/inspections", body).ExpectAsync(status);
        Assert.Equal(before, await InspectionCountAsync());
        return problem;
    }

    private async Task<JsonElement> RecordAsync(object body, string userName = "town.xiema") =>
        await (await As(userName)).PostAsJsonAsync("/api/inspections", body).ExpectAsync(HttpStatusCode.Created);

    private static MultipartFormDataContent Files(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(content, "files", name);
        }
        return form;
    }

    [Fact]
    public async Task AnOfficersAccountRecordsOnlyInspectionsItsOfficerTookPartIn()
    {
        var c = await CrewAsync();
        var third = await CertifiedAsync("forestry", "林检丙");
        var linked = await Host.CreateUserAsync(HostFixture.UniqueName("officer.t"), Roles.Officer, Ids.Beibei, township: Ids.Xiema, officer: third);
        var unlinked = await Host.CreateUserAsync(HostFixture.UniqueName("officer.u"), Roles.Officer, Ids.Beibei, township: Ids.Xiema);

        var zh = await RefusedAsync(Body(c, At()), linked);
        Assert.Equal("Inspection.NotOneOfTheOfficers", zh.Code());
        Assert.Equal(["OfficerIds"], zh.ErrorFields());
        Assert.Contains("本人参加的检查", zh.Str("detail"));
        var en = await RefusedAsync(Body(c, At(), officers: [c.First, third]), unlinked, language: "en");
        Assert.Contains("inspections you took part in", en.Str("detail"));

        var recorded = await RecordAsync(Body(c, At(), officers: [c.First, third]), linked);
        Assert.Contains(recorded.GetProperty("officers").EnumerateArray(), o => o.Id() == third);
        // A township account is not held to it.
        await RecordAsync(Body(c, At()));

        // The demo's officer.xiema is 张伟's account.
        var (account, zhangWei) = await Host.WithDbAsync(async db => (
            await db.Users.Where(u => u.UserName == "officer.xiema").Select(u => u.OfficerId).SingleAsync(),
            await db.Officers.IgnoreQueryFilters().Where(o => o.TownshipId == Ids.Xiema && o.Name == "张伟").Select(o => o.Id).SingleAsync()));
        Assert.Equal(zhangWei, account);
    }

    [Fact]
    public async Task ACertificateSuspendedAfterAnInspectionStopsTheNextOne()
    {
        // The first recording keeps the officers' facts in memory; the suspension must drop them.
        var c = await CrewAsync();
        await RecordAsync(Body(c, At()));
        var certificate = (await (await As("office")).GetAsync($"/api/certificates?officer={c.First}").ExpectAsync(HttpStatusCode.OK))
            .Items().Single().Id();
        await (await As("office")).PostAsJsonAsync($"/api/certificates/{certificate}/suspend", new { reason = "暂扣执法证" })
            .ExpectStatusAsync(HttpStatusCode.OK);

        var refused = await RefusedAsync(Body(c, At()));
        Assert.Equal("Inspection.OfficerMayNotAct", refused.Code());
    }

    [Fact]
    public async Task InspectionsRecordedAtOnceByTwoUsersAreAllWrittenEachInItsUsersName()
    {
        // Recorded together, they may share a transaction (InspectionWriter); each keeps its own user.
        var c = await CrewAsync();
        var (town, office) = (await As("town.xiema"), await As("office"));
        var posts = Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? town : office).PostAsJsonAsync("/api/inspections", Body(c, At(), township: Ids.Xiema));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var created = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (Id: created.GetProperty("inspection").Id(), User: i % 2 == 0 ? "town.xiema" : "office");
        });
        var recorded = await Task.WhenAll(posts);

        var ids = recorded.Select(r => r.Id).ToList();
        Assert.Equal(24, await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().CountAsync(i => ids.Contains(i.Id))));
        var idTexts = ids.Select(id => id.ToString()).ToList();
        var audited = await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.EntityType == "Inspection" && idTexts.Contains(a.EntityId)).ToDictionaryAsync(a => a.EntityId, a => a.UserName));
        var recordedBy = await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().Where(i => ids.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => i.RecordedBy));
        Assert.All(recorded, r => Assert.Equal(r.User, audited[r.Id.ToString()]));
        Assert.All(recorded, r => Assert.Equal(r.User, recordedBy[r.Id]));
    }

    [Fact]
    public async Task AnInspectionTheDatabaseRefusesFailsAloneNotTheOnesWrittenWithIt()
    {
        // Two checked inspections written in one batch; one names a township the database does not hold (as if it had gone
        // between the check and the write). The other is written; only the first one's caller sees the error.
        var c = await CrewAsync();
        var (district, department) = await Host.WithDbAsync(async db => (
            await db.Townships.IgnoreQueryFilters().Where(t => t.Id == Ids.Xiema).Select(t => t.DistrictId).SingleAsync(),
            await db.Matters.IgnoreQueryFilters().Where(m => m.Id == c.Matter).Select(m => m.DepartmentId).SingleAsync()));
        Inspection Checked(Guid township) => new(district, township, c.Matter, department, InspectionKind.Routine, null, [], At(),
            "写入测试", InspectionResult.NoProblem, [c.Target], [c.First, c.Second], Host.Clock.GetUtcNow(), "town.xiema");
        var (bad, good) = (Checked(Guid.CreateVersion7()), Checked(Ids.Xiema));
        var user = new CurrentUser { UserName = "town.xiema", Role = Roles.Township, DistrictId = district, TownshipId = Ids.Xiema };

        var writer = Host.Services.GetRequiredService<InspectionWriter>();
        var written = writer.WriteTogether(user, bad, good);

        await Assert.ThrowsAsync<DbUpdateException>(() => written[0]);
        await written[1];
        var stored = await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().Where(i => i.Id == good.Id || i.Id == bad.Id)
            .Select(i => i.Id).ToListAsync());
        Assert.Equal([good.Id], stored);
        Assert.Equal(1, await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .CountAsync(a => a.EntityId == good.Id.ToString() || a.EntityId == bad.Id.ToString())));
    }

    [Fact]
    public async Task AnInspectionsIdempotencyKeyIsCommittedInItsBatchsTransaction()
    {
        // Three inspections in one batch, two sent with the same key (two nodes running one retry): the batch fails on the key,
        // and written one by one, the first two are written with their keys and the duplicate fails alone. A retry of the first's
        // request then gets its outcome, replayed, without a new inspection.
        var c = await CrewAsync();
        var (district, department) = await Host.WithDbAsync(async db => (
            await db.Townships.IgnoreQueryFilters().Where(t => t.Id == Ids.Xiema).Select(t => t.DistrictId).SingleAsync(),
            await db.Matters.IgnoreQueryFilters().Where(m => m.Id == c.Matter).Select(m => m.DepartmentId).SingleAsync()));
        var account = await Host.WithDbAsync(db => db.Users.Where(u => u.UserName == "town.xiema").Select(u => u.Id).SingleAsync());
        Inspection Checked() => new(district, Ids.Xiema, c.Matter, department, InspectionKind.Routine, null, [], At(),
            "键测试", InspectionResult.NoProblem, [c.Target], [c.First, c.Second], Host.Clock.GetUtcNow(), "town.xiema");
        var body = JsonSerializer.SerializeToUtf8Bytes(Body(c, At(), township: Ids.Xiema));
        var (key, other) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        IdempotencyClaim Claim(string k) => new(account, k, Idempotency.HashOf("POST", "/api/inspections", body), Host.Clock.GetUtcNow().UtcDateTime);
        var (first, second, duplicate) = (Checked(), Checked(), Checked());
        var (firstKey, secondKey, duplicateKey) = (Claim(key), Claim(other), Claim(key));
        var user = new CurrentUser { UserId = account, UserName = "town.xiema", Role = Roles.Township, DistrictId = district, TownshipId = Ids.Xiema };

        var written = Host.Services.GetRequiredService<InspectionWriter>()
            .WriteTogether(user, [(first, firstKey), (second, secondKey), (duplicate, duplicateKey)]);

        await written[0];
        await written[1];
        await Assert.ThrowsAsync<DbUpdateException>(() => written[2]);
        Assert.True(firstKey.Committed && secondKey.Committed);
        Assert.False(duplicateKey.Committed);
        var stored = await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters()
            .Where(i => i.Id == first.Id || i.Id == second.Id || i.Id == duplicate.Id).Select(i => i.Id).ToListAsync());
        Assert.Equal(new[] { first.Id, second.Id }.Order(), stored.Order());

        var count = await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().CountAsync(i => i.TownshipId == Ids.Xiema));
        using var retry = await (await As("town.xiema")).SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/inspections")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
            Headers = { { Idempotency.Header, key } },
        });
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains(Idempotency.ReplayedHeader));
        var outcome = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Inspection", outcome.GetProperty("entity").GetString());
        Assert.Equal(first.Id.ToString(), outcome.GetProperty("id").GetString());
        Assert.Equal(count, await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().CountAsync(i => i.TownshipId == Ids.Xiema)));
    }

    [Fact]
    public async Task InspectionsSentAllAtOnceAreEachWrittenOnceAndAnswered()
    {
        // Requests lead the writing themselves (no thread waits for work): one that queues its inspection just as the writers
        // find the queue empty must still be written, and every place freed — a stranded one would never answer.
        var c = await CrewAsync();
        var (district, department) = await Host.WithDbAsync(async db => (
            await db.Townships.IgnoreQueryFilters().Where(t => t.Id == Ids.Xiema).Select(t => t.DistrictId).SingleAsync(),
            await db.Matters.IgnoreQueryFilters().Where(m => m.Id == c.Matter).Select(m => m.DepartmentId).SingleAsync()));
        var user = new CurrentUser { UserName = "town.xiema", Role = Roles.Township, DistrictId = district, TownshipId = Ids.Xiema };
        Inspection Checked() => new(district, Ids.Xiema, c.Matter, department, InspectionKind.Routine, null, [], At(),
            "并发写入", InspectionResult.NoProblem, [c.Target], [c.First, c.Second], Host.Clock.GetUtcNow(), "town.xiema");
        var writer = Host.Services.GetRequiredService<InspectionWriter>();
        List<Inspection> sent = [];

        for (var round = 0; round < 5; round++)
        {
            List<Inspection> wave = [.. Enumerable.Range(0, 24).Select(_ => Checked())];
            sent.AddRange(wave);
            await Task.WhenAll(wave.Select(i => Task.Run(() => writer.WriteAsync(user, i, [])))).WaitAsync(TimeSpan.FromMinutes(2));
        }

        var ids = sent.Select(i => i.Id).ToList();
        Assert.Equal(ids.Count, await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().CountAsync(i => ids.Contains(i.Id))));
        // Every writer's place was given back: one more, alone, is written at once.
        var last = Checked();
        await writer.WriteAsync(user, last, []).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().AnyAsync(i => i.Id == last.Id)));
    }

    [Fact]
    public async Task TheWriterDoesNotAskTheHttpContextOfTheRequestItRunsIn()
    {
        // A batch is written in whichever request leads it, or on the thread pool after that request: by then the server may
        // have taken its HttpContext back, and asking it for its user throws. The writer acts for its inspections' users.
        var c = await CrewAsync();
        var (district, department) = await Host.WithDbAsync(async db => (
            await db.Townships.IgnoreQueryFilters().Where(t => t.Id == Ids.Xiema).Select(t => t.DistrictId).SingleAsync(),
            await db.Matters.IgnoreQueryFilters().Where(m => m.Id == c.Matter).Select(m => m.DepartmentId).SingleAsync()));
        var user = new CurrentUser { UserName = "town.xiema", Role = Roles.Township, DistrictId = district, TownshipId = Ids.Xiema };
        var inspection = new Inspection(district, Ids.Xiema, c.Matter, department, InspectionKind.Routine, null, [], At(),
            "请求已结束", InspectionResult.NoProblem, [c.Target], [c.First, c.Second], Host.Clock.GetUtcNow(), "town.xiema");
        var ended = new DefaultHttpContext();
        ended.Uninitialize();
        Assert.Throws<ObjectDisposedException>(() => ended.User);
        var http = Host.Services.GetRequiredService<IHttpContextAccessor>();

        http.HttpContext = ended;
        try
        {
            await Host.Services.GetRequiredService<InspectionWriter>().WriteAsync(user, inspection, []).WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            http.HttpContext = null;
        }

        Assert.True(await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().AnyAsync(i => i.Id == inspection.Id)));
        Assert.Equal("town.xiema", await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.EntityId == inspection.Id.ToString()).Select(a => a.UserName).SingleAsync()));
    }

    [Fact]
    public async Task AnInspectionIsOneAuditEntryWithItsTargetsAndOfficers()
    {
        var c = await CrewAsync();
        var id = (await RecordAsync(Body(c, At()))).GetProperty("inspection").Id();
        var entries = await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.EntityId.StartsWith(id.ToString())).Select(a => new { a.EntityType, a.After }).ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal("Inspection", entry.EntityType);
        using var after = JsonDocument.Parse(entry.After!);
        Assert.Equal([c.Target], after.RootElement.GetProperty("Targets").EnumerateArray().Select(t => t.GetProperty("TargetId").GetGuid()));
        Assert.Equal(new[] { c.First, c.Second }.Order(),
            after.RootElement.GetProperty("Officers").EnumerateArray().Select(o => o.GetProperty("OfficerId").GetGuid()).Order());
    }

    [Fact]
    public async Task ATownshipRecordsAnInspectionAndFindsItInItsLists()
    {
        var c = await CrewAsync();
        var created = await RecordAsync(Body(c, At()));
        var id = created.GetProperty("inspection").Id();
        Assert.Equal("Routine", created.GetProperty("inspection").Str("kind"));
        Assert.Equal(2, created.GetProperty("officers").GetArrayLength());
        Assert.Equal(c.Target, created.GetProperty("targets")[0].Id());

        var town = await As("town.xiema");
        var month = Today.ToString("yyyy-MM");
        var list = await town.GetAsync($"/api/inspections?month={month}&matter={c.Matter}&kind=Routine&result=NoProblem&pageSize=200")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(list.Items(), i => i.Id() == id);
        var otherResult = await town.GetAsync($"/api/inspections?matter={c.Matter}&result=CaseToBeFiled&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(otherResult.Items(), i => i.Id() == id);
        var lastYear = await town.GetAsync($"/api/inspections?month={Today.AddYears(-1):yyyy-MM}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(lastYear.Items(), i => i.Id() == id);
        var mine = await town.GetAsync("/api/inspections?mine=true&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(mine.Items(), i => i.Id() == id);

        var export = await town.GetAsync($"/api/inspections/export?matter={c.Matter}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        using var sheet = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        // The shared list export: the title, the unit and day, the header row, then one row per inspection the filter shows.
        var rows = MiniExcelLibs.MiniExcel.Query(sheet, useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("检查记录", rows[0]["A"]?.ToString());
        Assert.Contains("单位：歇马镇", rows[1]["A"]?.ToString());
        Assert.Contains($"导出日期：{Today:yyyy-MM-dd}", rows[1]["A"]?.ToString());
        Assert.Equal("检查时间", rows[2]["A"]?.ToString());
        Assert.Contains(rows.Skip(3), r => r.Values.Any(v => v?.ToString() == "森林防火检查"));
        Assert.DoesNotContain(rows.Skip(3), r => r.Values.Any(v => v?.ToString() == "检查时间"));
    }

    [Fact]
    public async Task FilesAreKeptByTheirContentAndDownloadedAsStored()
    {
        var c = await CrewAsync();
        var id = (await RecordAsync(Body(c, At()))).GetProperty("inspection").Id();
        var town = await As("town.xiema");
        // A PDF named .jpg is a PDF.
        var kept = await town.PostAsync($"/api/inspections/{id}/files", Files(("现场.jpg", Jpeg), ("笔录.jpg", Rules.Inspection.Pdf)))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["image/jpeg", "application/pdf"], kept.Items().Select(f => f.Str("contentType")).ToArray());
        var fileId = kept.Items().First().Id();
        var download = await town.GetAsync($"/api/inspections/{id}/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Jpeg, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Jpeg)), kept.Items().First().Str("sha256"));
        // The audit trail keeps the photo's digest, not its bytes.
        var audited = await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.EntityType == "InspectionFile" && a.EntityId == fileId.ToString()).Select(a => a.After).SingleAsync());
        Assert.Contains($"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Jpeg))} ({Jpeg.Length} bytes)", audited);
        Assert.DoesNotContain(Convert.ToBase64String(Jpeg), audited);

        var filesBefore = await Host.WithDbAsync(db => db.InspectionFiles.IgnoreQueryFilters().CountAsync(f => f.InspectionId == id));
        // A program named .jpg is refused, and so is the photo beside it: nothing of the request is kept.
        var exe = await town.PostAsync($"/api/inspections/{id}/files", Files(("照片2.jpg", Jpeg), ("照片.jpg", Rules.Inspection.Exe)))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Inspection.FileTypeNotAllowed", exe.Code());
        Assert.Contains("照片.jpg", exe.Str("detail"));
        var big = new byte[10 * 1024 * 1024 + 1];
        Jpeg.CopyTo(big, 0);
        var tooLarge = await town.PostAsync($"/api/inspections/{id}/files", Files(("大图.jpg", big))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Inspection.FileTooLarge", tooLarge.Code());
        Assert.Equal(filesBefore, await Host.WithDbAsync(db => db.InspectionFiles.IgnoreQueryFilters().CountAsync(f => f.InspectionId == id)));

        await (await As("town.tiansheng")).GetAsync($"/api/inspections/{id}/files/{fileId}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("town.tiansheng")).PostAsync($"/api/inspections/{id}/files", Files(("x.jpg", Jpeg))).ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OneOfficerIsRefusedInBothLanguages()
    {
        var c = await CrewAsync();
        var zh = await RefusedAsync(Body(c, At(), officers: [c.First]));
        Assert.Equal("Inspection.TooFewOfficers", zh.Code());
        Http.AssertChinese(zh.Str("detail"));
        var en = await RefusedAsync(Body(c, At(), officers: [c.First, c.First]), language: "en");
        Assert.Equal("Inspection.TooFewOfficers", en.Code());
        Http.AssertNotChinese(en.Str("detail"));
    }

    [Fact]
    public async Task AnOfficerWhoMayNotActIsNamed()
    {
        var c = await CrewAsync();
        var uncertified = await OfficerOfAsync(Ids.Xiema, "无证人员" + Guid.NewGuid().ToString("N")[..4]);
        var name = await Host.WithDbAsync(db => db.Officers.IgnoreQueryFilters().Where(o => o.Id == uncertified).Select(o => o.Name).SingleAsync());
        var problem = await RefusedAsync(Body(c, At(), officers: [c.First, uncertified]));
        Assert.Equal("Inspection.OfficerMayNotAct", problem.Code());
        Assert.Contains(name, problem.Str("detail"));
        // Certified in forestry, not in work safety: may not inspect a mine.
        var mine = await RefusedAsync(Body(c, At(), matter: await DemoMatterAsync("198-02")));
        Assert.Equal("Inspection.OfficerMayNotAct", mine.Code());
    }

    [Fact]
    public async Task AMatterTheTownshipIsNotEntitledToIsRefused()
    {
        var c = await CrewAsync();
        // 卫生 has not signed with 歇马镇.
        var problem = await RefusedAsync(Body(c, At(), matter: await DemoMatterAsync("198-07")));
        Assert.Equal("Inspection.NotEntitled", problem.Code());
        Assert.Contains("歇马镇", problem.Str("detail"));
    }

    [Fact]
    public async Task ACoerciveMeasureIsNeverEntrusted()
    {
        var c = await CrewAsync();
        var problem = await RefusedAsync(Body(c, At(), matter: await DemoMatterAsync("AJ-09")));
        Assert.Equal("Inspection.CoerciveNotEntrusted", problem.Code());
    }

    [Fact]
    public async Task AFutureDateIsRefused()
    {
        var c = await CrewAsync();
        var problem = await RefusedAsync(Body(c, At().AddDays(1)));
        Assert.Equal("Inspection.FutureDate", problem.Code());
        Assert.Equal(["StartedAt"], problem.ErrorFields());
    }

    [Fact]
    public async Task TargetsOfAnotherTownshipAreRefusedAndMergedOnesFollowed()
    {
        var c = await CrewAsync();
        var other = await TargetAsync(Ids.Tiansheng);
        var problem = await RefusedAsync(Body(c, At(), targets: [other], township: Ids.Xiema), userName: "office");
        Assert.Equal("Inspection.TargetOtherTownship", problem.Code());
        // As 歇马镇 the other township's target does not exist.
        Assert.Equal("Inspection.UnknownTarget", (await RefusedAsync(Body(c, At(), targets: [other]))).Code());

        var duplicate = await TargetAsync(Ids.Xiema);
        await (await As("town.xiema")).PostAsJsonAsync($"/api/targets/{duplicate}/merge", new { intoId = c.Target }).ExpectAsync(HttpStatusCode.OK);
        var created = await RecordAsync(Body(c, At(), targets: [duplicate]));
        Assert.Equal(c.Target, created.GetProperty("targets")[0].Id());

        // Each target counted once, a merged one as the target it became: the work list shows and sorts by two.
        var second = await TargetAsync(Ids.Xiema);
        var two = (await RecordAsync(Body(c, At(), targets: [c.Target, duplicate, second]))).GetProperty("inspection").Id();
        var read = await (await As("town.xiema")).GetAsync($"/api/inspections/{two}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, read.GetProperty("inspection").GetProperty("targetCount").GetInt32());
        Assert.Equal(2, read.GetProperty("targets").GetArrayLength());
    }

    [Fact]
    public async Task BadInputIsAValidationProblemAndWritesNothing()
    {
        var problem = await RefusedAsync(new { kind = "Routine", result = "NoProblem" });
        foreach (var field in new[] { "MatterId", "StartedAt", "TargetIds", "Findings" })
        {
            Assert.NotEmpty(problem.ErrorsFor(field));
        }
        var en = await RefusedAsync(new { kind = "Routine", result = "NoProblem" }, language: "en");
        Http.AssertNotChinese(en.ErrorsFor("Findings")[0]);
        await (await As("auditor")).PostAsJsonAsync("/api/inspections", new { }).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await Host.Anonymous().GetAsync("/api/inspections").ExpectStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ScopeKeepsTownshipsDepartmentsAndDistrictsApart()
    {
        var c = await CrewAsync();
        var id = (await RecordAsync(Body(c, At()))).GetProperty("inspection").Id();
        // Another township can neither read it nor record for 歇马镇.
        await (await As("town.tiansheng")).GetAsync($"/api/inspections/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await RefusedAsync(Body(c, At(), township: Ids.Xiema), userName: "town.tiansheng", status: HttpStatusCode.NotFound);
        // The forestry bureau sees inspections on its matters; the work-safety bureau does not.
        await (await As("dept.forestry")).GetAsync($"/api/inspections/{id}").ExpectAsync(HttpStatusCode.OK);
        await (await As("dept.safety")).GetAsync($"/api/inspections/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        var safetyList = await (await As("dept.safety")).GetAsync("/api/inspections?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        var safety = await DemoDepartmentAsync("AJ");
        Assert.All(safetyList.Items(), i => Assert.Equal(safety, i.GetProperty("departmentId").GetGuid()));
        Assert.DoesNotContain(safetyList.Items(), i => i.Id() == id);
        await (await As("auditor")).GetAsync($"/api/inspections/{id}").ExpectAsync(HttpStatusCode.OK);
        await (await As("office2")).GetAsync($"/api/inspections/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ARectificationOrderIsClosedByReinspection()
    {
        var c = await CrewAsync();
        // Ordered without an order per target: refused.
        Assert.Equal("Rectification.OrderPerTarget", (await RefusedAsync(Body(c, At(10), result: "RectificationOrdered"))).Code());
        Assert.Equal("Rectification.DeadlineNotAfter", (await RefusedAsync(Body(c, At(10), result: "RectificationOrdered",
            orders: [new { targetId = c.Target, requirement = "清理林下可燃物", deadline = Day(DateOnly.FromDateTime(At(10).UtcDateTime.AddHours(8))) }]))).Code());
        var failed = await RecordAsync(Body(c, At(10), result: "RectificationOrdered",
            orders: [new { targetId = c.Target, requirement = "清理林下可燃物", deadline = Day(Today.AddDays(-2)) }]));
        var order = failed.GetProperty("orders")[0];
        var orderId = order.Id();
        Assert.True(order.GetProperty("overdue").GetBoolean());

        var town = await As("town.xiema");
        var overdue = await town.GetAsync("/api/rectifications?overdue=true&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(overdue.Items(), o => o.Id() == orderId);
        var forDepartment = await (await As("dept.forestry")).GetAsync("/api/rectifications?overdue=true&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(forDepartment.Items(), o => o.Id() == orderId);
        await (await As("dept.safety")).GetAsync($"/api/rectifications/{orderId}").ExpectStatusAsync(HttpStatusCode.NotFound);

        var reinspect = new { startedAt = At(), officerIds = new[] { c.First, c.Second }, findings = "可燃物已清理。", result = "NoProblem" };
        var undecided = await town.PostAsJsonAsync($"/api/rectifications/{orderId}/reinspect", reinspect).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(orderId, undecided.GetProperty("inspection").GetProperty("reinspectionOfOrderId").GetGuid());
        var closed = await town.GetAsync($"/api/rectifications/{orderId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Completed", closed.Str("state"));
        Assert.False(closed.GetProperty("overdue").GetBoolean());
        var again = await town.PostAsJsonAsync($"/api/rectifications/{orderId}/reinspect", reinspect).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Rectification.Closed", again.Code());
        await (await As("town.tiansheng")).PostAsJsonAsync($"/api/rectifications/{orderId}/reinspect", reinspect).ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AReinspectionMustDecideAndMayEscalate()
    {
        var c = await CrewAsync();
        var failed = await RecordAsync(Body(c, At(3), result: "RectificationOrdered",
            orders: [new { targetId = c.Target, requirement = "设置防火警示牌", deadline = Day(Today.AddDays(5)) }]));
        var orderId = failed.GetProperty("orders")[0].Id();
        var town = await As("town.xiema");
        var before = await InspectionCountAsync();
        var undecided = await town.PostAsJsonAsync($"/api/rectifications/{orderId}/reinspect",
            new { startedAt = At(), officerIds = new[] { c.First, c.Second }, findings = "仍未设置。", result = "RectificationOrdered" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Rectification.ReinspectionMustDecide", undecided.Code());
        var oneOfficer = await town.PostAsJsonAsync($"/api/rectifications/{orderId}/reinspect",
            new { startedAt = At(), officerIds = new[] { c.First }, findings = "仍未设置。", result = "CaseToBeFiled" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Inspection.TooFewOfficers", oneOfficer.Code());
        Assert.Equal(before, await InspectionCountAsync());
        await town.PostAsJsonAsync($"/api/rectifications/{orderId}/reinspect",
            new { startedAt = At(), officerIds = new[] { c.First, c.Second }, findings = "逾期仍未设置。", result = "CaseToBeFiled" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Escalated", (await town.GetAsync($"/api/rectifications/{orderId}").ExpectAsync(HttpStatusCode.OK)).Str("state"));
    }

    [Fact]
    public async Task TheCampaignFormBindsTheApisBodyAndShowsARefusalBesideItsField()
    {
        var c = await CrewAsync();
        using var console = await ConsoleSignIn.SignInAsync(Host, "dept.forestry");
        var page = await console.GetStringAsync("/Campaigns");
        var name = "页面专项行动" + Guid.NewGuid().ToString("N")[..4];
        Dictionary<string, string> Form(string form, string startsOn) => new()
        {
            ["Input.Name"] = name,
            ["Input.StartsOn"] = startsOn,
            ["Input.EndsOn"] = Day(Today.AddDays(5)),
            ["Input.MatterIds"] = c.Matter.ToString(),
            ["Input.TownshipIds"] = Ids.Xiema.ToString(),
            ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(form),
        };

        using var refused = await console.PostAsync("/Campaigns", new FormUrlEncodedContent(Form(page, "")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var redrawn = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-for=\"StartsOn\"", redrawn);
        Assert.Contains($"value=\"{name}\"", redrawn); // what was typed stays in the form
        var campaigns = await (await As("dept.forestry")).GetAsync("/api/campaigns").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(campaigns.Items(), x => x.Str("name") == name);

        using var saved = await console.PostAsync("/Campaigns", new FormUrlEncodedContent(Form(redrawn, Day(Today.AddDays(-5)))));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.StartsWith("/Campaigns/Detail/", saved.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ADepartmentRunsACampaignAndItsPageCountsInspectionsAndOrders()
    {
        var c = await CrewAsync();
        var forestry = await As("dept.forestry");
        var campaign = await forestry.PostAsJsonAsync("/api/campaigns", new
        {
            name = "森林防火专项行动" + Guid.NewGuid().ToString("N")[..4],
            startsOn = Day(Today.AddDays(-5)),
            endsOn = Day(Today.AddDays(5)),
            matterIds = new[] { c.Matter },
            townshipIds = new[] { Ids.Xiema },
        }).ExpectAsync(HttpStatusCode.Created);
        var campaignId = campaign.Id();
        Assert.Equal(0, campaign.GetProperty("inspections").GetInt32());

        // Outside the period, on another matter: refused.
        Assert.Equal("Campaign.OutsidePeriod",
            (await RefusedAsync(Body(c, At(7), kind: "Campaign", campaignId: campaignId))).Code());
        await RecordAsync(Body(c, At(1), kind: "Campaign", campaignId: campaignId));
        await RecordAsync(Body(c, At(), kind: "Campaign", campaignId: campaignId, township: Ids.Xiema, result: "RectificationOrdered",
            orders: [new { targetId = c.Target, requirement = "清理可燃物", deadline = Day(Today.AddDays(7)) }]), userName: "dept.forestry");

        var counted = await forestry.GetAsync($"/api/campaigns/{campaignId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, counted.GetProperty("inspections").GetInt32());
        Assert.Equal(1, counted.GetProperty("orders").GetInt32());
        Assert.Equal(1, counted.GetProperty("ordersOpen").GetInt32());
        Assert.Contains((await forestry.GetAsync("/api/campaigns").ExpectAsync(HttpStatusCode.OK)).Items(), x => x.Id() == campaignId);
        var listed = await forestry.GetAsync($"/api/inspections?campaign={campaignId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, listed.Total());

        // Another department neither sees the campaign nor puts another's matter into its own; a township creates none.
        await (await As("dept.safety")).GetAsync($"/api/campaigns/{campaignId}").ExpectStatusAsync(HttpStatusCode.NotFound);
        var notOwn = await forestry.PostAsJsonAsync("/api/campaigns", new
        {
            name = "越权专项",
            startsOn = Day(Today),
            endsOn = Day(Today.AddDays(5)),
            matterIds = new[] { await DemoMatterAsync("198-02") },
            townshipIds = new[] { Ids.Xiema },
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Campaign.MatterNotDepartments", notOwn.Code());
        await (await As("town.xiema")).PostAsJsonAsync("/api/campaigns", new { name = "x" }).ExpectStatusAsync(HttpStatusCode.Forbidden);
        // A department does not record routine inspections: the township leads those.
        Assert.Equal("Inspection.RoutineIsTownships", (await RefusedAsync(Body(c, At(), township: Ids.Xiema), userName: "dept.forestry")).Code());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class InspectionsApiTests_Sqlite(SqliteHost host) : InspectionsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class InspectionsApiTests_Postgres(PostgresHost host) : InspectionsApiTests(host);
