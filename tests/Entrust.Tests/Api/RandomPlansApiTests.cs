using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Demo;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Features.Targets;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>/api/random-plans, /api/officer-conflicts and /api/public/inspections: 双随机、一公开 (LAW 26, 11).</summary>
public abstract class RandomPlansApiTests(HostFixture host) : ApiTest(host)
{
    private sealed record Demo(Guid Syj, Guid Matter, List<Guid> Pool, List<Guid> Canteens, Guid TianshengOfficer);

    private Task<Demo> DemoAsync() => Host.WithDbAsync(async db =>
    {
        var syj = await db.Departments.SingleAsync(d => d.DistrictId == Ids.Beibei && d.Code == "SYJ");
        var matter = await db.Matters.SingleAsync(m => m.DistrictId == Ids.Beibei && m.Code == "198-06");
        // The pool is who holds a food-hygiene certificate valid today and is in post today, by the rules' own expressions: other
        // tests in this host move the clock and change officers, and a pool read by the certificate's state alone drifted.
        var today = Host.Clock.TodayInChina();
        var inPost = db.Officers.Where(Officer.ActiveOnDay(today)).Select(o => o.Id);
        var certificates = await db.Certificates.Where(c => c.TownshipId == Ids.Xiema).Where(Certificate.ValidOnDay(today))
            .Where(c => inPost.Contains(c.OfficerId)).Select(c => new { c.OfficerId, c.Domains }).ToListAsync();
        var pool = certificates.Where(c => c.Domains.Contains("food-hygiene")).Select(c => c.OfficerId).Distinct().Order().ToList();
        var canteens = await db.Targets.Where(t => t.TownshipId == Ids.Xiema && t.Kind == TargetKind.SchoolCanteen && t.MergedIntoId == null)
            .Select(t => t.Id).ToListAsync();
        var tiansheng = await db.Officers.Where(o => o.TownshipId == Ids.Tiansheng).Select(o => o.Id).FirstAsync();
        return new Demo(syj.Id, matter.Id, pool, canteens, tiansheng);
    });

    private static object PlanBody(Guid matterId, IEnumerable<Guid> pool, string? name = null, decimal? proportion = 0.1m, int? count = null,
        string[]? kinds = null, Guid[]? townships = null, double complaintWeight = 2, double abnormalWeight = 2, int publicationWorkingDays = 20) => new
        {
            name = name ?? "双随机测试计划" + Guid.NewGuid().ToString("N")[..6],
            matterId,
            townshipIds = townships,
            targetKinds = kinds ?? ["Restaurant", "FarmStay", "SchoolCanteen"],
            proportion,
            count,
            complaintWeight,
            abnormalWeight,
            inspectorIds = pool,
            publicationWorkingDays,
        };

    private async Task<JsonElement> CreateAsync(object body, string userName = "office") =>
        await (await As(userName)).PostAsJsonAsync("/api/random-plans", body).ExpectAsync(HttpStatusCode.Created);

    private async Task<JsonElement> DrawAsync(Guid id, string userName = "office", HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await As(userName)).PostAsync($"/api/random-plans/{id}/draw", null).ExpectAsync(expected);

    private async Task<JsonElement> VerifyAsync(Guid id, string userName = "office") =>
        await (await As(userName)).PostAsync($"/api/random-plans/{id}/verify", null).ExpectAsync(HttpStatusCode.OK);

    private Task<int> PlanCountAsync() => Host.WithDbAsync(db => db.RandomPlans.CountAsync());

    private async Task<string> SyjUserAsync() =>
        await Host.CreateUserAsync(HostFixture.UniqueName("dept.syj"), Roles.Department, Ids.Beibei, department: (await DemoAsync()).Syj);

    private static Guid PlanId(JsonElement detail) => detail.GetProperty("plan").Id();

    [Fact]
    public async Task TheOfficePlansChangesDrawsAndVerifies()
    {
        var demo = await DemoAsync();
        var created = await CreateAsync(PlanBody(demo.Matter, demo.Pool, townships: [Ids.Xiema]));
        var id = PlanId(created);
        Assert.Equal("Draft", created.GetProperty("plan").Str("state"));

        var changed = await (await As("office")).PutAsJsonAsync($"/api/random-plans/{id}",
            PlanBody(demo.Matter, demo.Pool, name: "改名后的计划" + id.ToString("N")[..6], proportion: 0.2m, townships: [Ids.Xiema]))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0.2m, changed.GetProperty("plan").GetProperty("proportion").GetDecimal());

        var drawn = await DrawAsync(id);
        Assert.Equal("Drawn", drawn.GetProperty("plan").Str("state"));
        var draw = drawn.GetProperty("draw");
        var candidates = draw.GetProperty("candidates").GetInt32();
        var assignments = drawn.GetProperty("assignments").EnumerateArray().ToList();
        Assert.True(candidates >= 84, $"{candidates} candidates");
        Assert.Equal((int)Math.Ceiling(0.2m * candidates), assignments.Count);
        Assert.All(assignments, a => Assert.NotEqual(a.GetProperty("inspector1Id").GetGuid(), a.GetProperty("inspector2Id").GetGuid()));
        Assert.All(assignments, a => Assert.Contains(a.GetProperty("inspector1Id").GetGuid(), demo.Pool));
        Assert.Equal(16, draw.Str("seed").Length);

        var verified = await VerifyAsync(id);
        Assert.True(verified.GetProperty("matches").GetBoolean());
        Assert.Equal(draw.Str("hash"), verified.Str("hash"));
        Assert.Equal(draw.Str("seed"), verified.Str("seed"));

        // The trail keeps the draw (its hash covers the assignments, and verify re-checks them), not one entry per assignment.
        var drawId = await Host.WithDbAsync(db => db.RandomDraws.Where(d => d.PlanId == id).Select(d => d.Id).SingleAsync());
        var assignmentIds = assignments.Select(a => a.Id().ToString()).ToList();
        Assert.Equal(1, await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .CountAsync(a => a.EntityType == "RandomDraw" && a.EntityId == drawId.ToString() && a.Action == "Added")));
        Assert.Equal(0, await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .CountAsync(a => a.EntityType == "RandomAssignment" && assignmentIds.Contains(a.EntityId))));

        // Drawn: fixed.
        await (await As("office")).PutAsJsonAsync($"/api/random-plans/{id}", PlanBody(demo.Matter, demo.Pool))
            .ExpectStatusAsync(HttpStatusCode.Conflict);
        await DrawAsync(id, expected: HttpStatusCode.Conflict);
        Assert.Equal(1, await Host.WithDbAsync(db => db.RandomDraws.CountAsync(d => d.PlanId == id)));

        var list = await (await As("office")).GetAsync("/api/random-plans?state=Drawn&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(list.Items(), p => p.Id() == id);
    }

    [Fact]
    public async Task TamperingWithAStoredAssignmentMakesVerifyFail()
    {
        var demo = await DemoAsync();
        var id = PlanId(await CreateAsync(PlanBody(demo.Matter, demo.Pool, townships: [Ids.Xiema])));
        await DrawAsync(id);
        Assert.True((await VerifyAsync(id)).GetProperty("matches").GetBoolean());

        // Someone swaps an inspector behind the platform's back.
        var outsider = demo.Pool.Last();
        await Host.WithDbAsync(db => db.RandomAssignments.Where(a => a.PlanId == id && a.Order == 1)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Inspector1Id, a => a.Inspector1Id == outsider ? a.Inspector2Id : outsider)
                .SetProperty(a => a.Inspector2Id, a => a.Inspector2Id == outsider ? a.Inspector1Id : a.Inspector2Id)));

        var verified = await VerifyAsync(id);
        Assert.False(verified.GetProperty("matches").GetBoolean());
        Assert.False(verified.GetProperty("resultMatches").GetBoolean());
        Assert.NotEqual(verified.Str("recordedHash"), verified.Str("hash"));
    }

    [Fact]
    public async Task BadInputIsRefusedInBothLanguagesAndNothingIsWritten()
    {
        var demo = await DemoAsync();
        var before = await PlanCountAsync();
        var problem = await (await As("office")).PostAsJsonAsync("/api/random-plans",
                PlanBody(demo.Matter, demo.Pool.Take(1), name: " ", proportion: 1.5m, complaintWeight: 0.5, publicationWorkingDays: 0))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["ComplaintWeight", "InspectorIds", "Name", "Proportion", "PublicationWorkingDays"],
            problem.ErrorFields().Order(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparer.OrdinalIgnoreCase);
        Assert.Contains("100%", problem.ErrorsFor("Proportion").Single());

        var english = await (await As("office", "en")).PostAsJsonAsync("/api/random-plans",
            PlanBody(demo.Matter, demo.Pool, proportion: null)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Give a proportion or a count to draw.", english.ErrorsFor("Proportion").Single());

        var unknown = await (await As("office")).PostAsJsonAsync("/api/random-plans", PlanBody(demo.Matter, [demo.Pool[0], Guid.NewGuid()]))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Single(unknown.ErrorsFor("InspectorIds"));
        Assert.Equal(before, await PlanCountAsync());
    }

    [Fact]
    public async Task ADrawIsRefusedWhenFewerThanTwoOfThePoolMayActAndNothingIsWritten()
    {
        var demo = await DemoAsync();
        // 天生街道 holds no entrustment of the pilot-only matter 198-06: its officer may not act on it.
        var id = PlanId(await CreateAsync(PlanBody(demo.Matter, [demo.Pool[0], demo.TianshengOfficer], townships: [Ids.Xiema])));
        var problem = await DrawAsync(id, userName: "office", expected: HttpStatusCode.BadRequest);
        Assert.Contains("不足两名", problem.Str("detail"));
        Assert.Equal(0, await Host.WithDbAsync(db => db.RandomDraws.CountAsync(d => d.PlanId == id)));
        Assert.Equal(0, await Host.WithDbAsync(db => db.RandomAssignments.CountAsync(a => a.PlanId == id)));
        var plan = await (await As("office")).GetAsync($"/api/random-plans/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Draft", plan.GetProperty("plan").Str("state"));
    }

    /// <summary>
    /// The district-wide work-safety matter QQ-04 (区安监局's, entrusted to every township): the officers of 歇马镇 and 天生街道
    /// certified for work safety, and 区安监局's own, as the pool.
    /// </summary>
    private Task<(Guid Matter, List<Guid> Pool, Dictionary<Guid, (Guid? Township, Guid? Department)> Units)> WorkSafetyAsync() =>
        Host.WithDbAsync(async db =>
        {
            var matter = await db.Matters.Where(m => m.DistrictId == Ids.Beibei && m.Code == "QQ-04").Select(m => m.Id).SingleAsync();
            var safety = await db.Officers.Where(o => o.DepartmentId == Ids.Safety).Select(o => o.Id).ToListAsync();
            var certified = await db.Certificates.Where(c => c.State == CertificateState.Active
                    && (c.TownshipId == Ids.Xiema || c.TownshipId == Ids.Tiansheng || safety.Contains(c.OfficerId)))
                .Select(c => new { c.OfficerId, c.Domains }).ToListAsync();
            var pool = certified.Where(c => c.Domains.Contains("work-safety")).Select(c => c.OfficerId).Distinct().Order().ToList();
            var units = await db.Officers.Where(o => pool.Contains(o.Id)).Select(o => new { o.Id, o.TownshipId, o.DepartmentId })
                .ToDictionaryAsync(o => o.Id, o => (o.TownshipId, o.DepartmentId));
            return (matter, pool, units);
        });

    [Fact]
    public async Task AMultiTownshipPlanGivesEachTargetInspectorsWhoMayActWhereItIsAndTheInspectionRecords()
    {
        var (matter, pool, units) = await WorkSafetyAsync();
        Assert.True(units.Values.Count(u => u.Township == Ids.Tiansheng) >= 2, "天生街道 needs two work-safety officers in the demo");
        Assert.Contains(units.Values, u => u.Department == Ids.Safety);
        var id = PlanId(await CreateAsync(PlanBody(matter, pool, proportion: 1m, kinds: ["Restaurant", "FireworksSeller", "PublicPlace", "ConstructionSite"],
            townships: [Ids.Xiema, Ids.Tiansheng])));
        var drawn = await DrawAsync(id);
        var assignments = drawn.GetProperty("assignments").EnumerateArray().ToList();
        Assert.Contains(assignments, a => a.GetProperty("townshipId").GetGuid() == Ids.Tiansheng);
        Assert.Contains(assignments, a => a.GetProperty("townshipId").GetGuid() == Ids.Xiema);
        // Each inspector is of the target's own township or of 区安监局, whose matter it is (LAW 10).
        foreach (var a in assignments)
        {
            var where = a.GetProperty("townshipId").GetGuid();
            foreach (var inspector in new[] { a.GetProperty("inspector1Id").GetGuid(), a.GetProperty("inspector2Id").GetGuid() })
            {
                Assert.True(units[inspector].Township == where || units[inspector].Department == Ids.Safety,
                    $"{a.Str("targetName")} ({a.Str("townshipName")}): {inspector} may not act there");
            }
        }
        Assert.True((await VerifyAsync(id)).GetProperty("matches").GetBoolean());

        // The drawn inspection recorded by each township's own user with the two drawn inspectors (a department's officer among
        // them or not): accepted, where a township officer of another township would be refused.
        foreach (var (township, user) in new[] { (Ids.Tiansheng, "town.tiansheng"), (Ids.Xiema, "town.xiema") })
        {
            var assignment = assignments.First(a => a.GetProperty("townshipId").GetGuid() == township);
            var recorded = await (await As(user)).PostAsJsonAsync("/api/inspections", DrawnInspection(matter, assignment, township: township))
                .ExpectAsync(HttpStatusCode.Created);
            Assert.Equal(id, recorded.GetProperty("randomPlanId").GetGuid());
        }
    }

    private Task<Guid> MatterAsync(string code) =>
        Host.WithDbAsync(db => db.Matters.Where(m => m.DistrictId == Ids.Beibei && m.Code == code).Select(m => m.Id).SingleAsync());

    [Fact]
    public async Task APlanIsOnlyOnAPublishedListedMatterAndNeverOnACoerciveOne()
    {
        var demo = await DemoAsync();
        var office = await As("office");
        // 198-04 森林防火检查 is not on the demo's list: refused naming the rule, nothing written.
        var forestry = await MatterAsync("198-04");
        var before = await PlanCountAsync();
        var unlisted = await office.PostAsJsonAsync("/api/random-plans", PlanBody(forestry, demo.Pool)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("RandomPlan.MatterNotListed", unlisted.Code());
        Assert.Contains("198-04", unlisted.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("国办发〔2015〕58号", unlisted.Str("detail"), StringComparison.Ordinal);
        // A coercive measure is never listed, nor planned (LAW 7, 26).
        var coercive = await MatterAsync("AJ-09");
        var listCoercive = await office.PostAsJsonAsync("/api/inspection-items", new { matterId = coercive, basis = "安全生产法", content = "查封扣押" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("InspectionItem.Coercive", listCoercive.Code());
        Assert.Contains("第十七条", listCoercive.Str("detail"), StringComparison.Ordinal);
        var planCoercive = await office.PostAsJsonAsync("/api/random-plans", PlanBody(coercive, demo.Pool)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("InspectionItem.Coercive", planCoercive.Code());
        Assert.Equal(before, await PlanCountAsync());
        Assert.DoesNotContain((await office.GetAsync("/api/inspection-items").ExpectAsync(HttpStatusCode.OK)).Items(),
            i => i.GetProperty("matterId").GetGuid() == coercive);

        // Listed but not yet published: still refused, and not public.
        var item = await office.PostAsJsonAsync("/api/inspection-items",
            new { matterId = forestry, basis = "《森林防火条例》第二十四条", content = "防火责任制、野外用火管理、扑火物资储备" }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("publishedOn").ValueKind);
        await office.PostAsJsonAsync("/api/inspection-items", new { matterId = forestry, basis = "重复", content = "重复" })
            .ExpectStatusAsync(HttpStatusCode.Conflict);
        Assert.Equal("RandomPlan.MatterNotListed",
            (await office.PostAsJsonAsync("/api/random-plans", PlanBody(forestry, demo.Pool)).ExpectAsync(HttpStatusCode.BadRequest)).Code());
        static async Task<List<JsonElement>> PublicAsync(HttpClient anonymous) =>
            (await anonymous.GetAsync("/api/public/inspection-items?district=500109").ExpectAsync(HttpStatusCode.OK)).Items().ToList();
        Assert.DoesNotContain(await PublicAsync(Host.Anonymous()), e => e.Str("matterCode") == "198-04");

        // Others may not keep the list: a township (403), another department (the matter is not found for it).
        await (await As("town.xiema")).PostAsJsonAsync("/api/inspection-items", new { matterId = forestry, basis = "依据", content = "内容" })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
        await (await As("town.xiema")).PostAsync("/api/inspection-items/publish", null).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await (await As("dept.safety")).DeleteAsync($"/api/inspection-items/{item.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);

        // Published: public (the matter, the department, the basis and the content; no person), and the plan is made.
        var published = await office.PostAsync("/api/inspection-items/publish", null).ExpectAsync(HttpStatusCode.OK);
        Assert.True(published.GetProperty("published").GetInt32() >= 1);
        await office.PostAsync("/api/inspection-items/publish", null).ExpectStatusAsync(HttpStatusCode.Conflict);
        using (var response = await Host.Anonymous().GetAsync("/api/public/inspection-items?district=500109"))
        {
            var raw = await response.Content.ReadAsStringAsync();
            var entry = Assert.Single(JsonDocument.Parse(raw).RootElement.EnumerateArray(), e => e.Str("matterCode") == "198-04");
            Assert.Equal("区林业局", entry.Str("department"));
            Assert.Equal("防火责任制、野外用火管理、扑火物资储备", entry.Str("content"));
            Assert.Equal(Host.Clock.TodayInChina().ToString("yyyy-MM-dd"), entry.Str("publishedOn"));
            foreach (var forbidden in new[] { "office", "createdBy", "publishedBy", "phone", "idNumber" })
            {
                Assert.DoesNotContain(forbidden, raw, StringComparison.OrdinalIgnoreCase);
            }
        }
        var demoList = await PublicAsync(Host.Anonymous());
        Assert.All(DemoRandomInspections.Listed, l => Assert.Contains(demoList, e => e.Str("matterCode") == l.Code));
        Assert.Empty((await Host.Anonymous().GetAsync($"/api/public/inspection-items?district={HostFixture.SecondDistrictCode}")
            .ExpectAsync(HttpStatusCode.OK)).Items());
        var plan = PlanId(await CreateAsync(PlanBody(forestry, demo.Pool, townships: [Ids.Xiema])));

        // Removed from the list before the draw: the draw asks again and is refused, nothing drawn.
        await office.DeleteAsync($"/api/inspection-items/{item.Id()}").ExpectStatusAsync(HttpStatusCode.NoContent);
        Assert.Equal("RandomPlan.MatterNotListed", (await DrawAsync(plan, expected: HttpStatusCode.BadRequest)).Code());
        Assert.Equal(0, await Host.WithDbAsync(db => db.RandomDraws.CountAsync(d => d.PlanId == plan)));
        Assert.DoesNotContain(await PublicAsync(Host.Anonymous()), e => e.Str("matterCode") == "198-04");
    }

    [Fact]
    public async Task ADepartmentKeepsTheListEntriesOfItsOwnMatters()
    {
        var mine = await MatterAsync("198-02");
        var safety = await As("dept.safety");
        var added = await safety.PostAsJsonAsync("/api/inspection-items", new { matterId = mine, basis = "《安全生产法》第六十五条", content = "矿山安全" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(Ids.Safety, added.GetProperty("departmentId").GetGuid());
        // Another department's matter does not exist for it; its own list shows only its own matters.
        await safety.PostAsJsonAsync("/api/inspection-items", new { matterId = await MatterAsync("198-04"), basis = "依据", content = "内容" })
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        var list = (await safety.GetAsync("/api/inspection-items").ExpectAsync(HttpStatusCode.OK)).Items().ToList();
        Assert.All(list, i => Assert.Equal(Ids.Safety, i.GetProperty("departmentId").GetGuid()));
        Assert.Contains(list, i => i.Id() == added.Id());
        var missing = await safety.PostAsJsonAsync("/api/inspection-items", new { matterId = mine }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["Basis", "Content"], missing.ErrorFields().Order(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparer.OrdinalIgnoreCase);
        await safety.PostAsync("/api/inspection-items/publish", null).ExpectStatusAsync(HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, (await safety.GetAsync("/api/inspection-items").ExpectAsync(HttpStatusCode.OK)).Items()
            .Single(i => i.Id() == added.Id()).GetProperty("publishedOn").ValueKind);
        await (await As("auditor")).GetAsync("/api/inspection-items").ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheTownshipRecordsADrawnPairWithADepartmentOfficerWithoutSeeingOtherDepartmentOfficers()
    {
        var (matter, pool, units) = await WorkSafetyAsync();
        // One of 歇马镇's officers and 区安监局's: every pair drawn includes a department officer.
        var departmental = pool.Where(o => units[o].Department == Ids.Safety).ToList();
        var thin = departmental.Prepend(pool.First(o => units[o].Township == Ids.Xiema)).ToList();
        var id = PlanId(await CreateAsync(PlanBody(matter, thin, count: 2, kinds: ["Restaurant", "FireworksSeller", "PublicPlace", "ConstructionSite"],
            townships: [Ids.Xiema])));
        var assignments = (await DrawAsync(id)).GetProperty("assignments").EnumerateArray().ToList();
        var (first, second) = (assignments[0], assignments[1]);
        var officer = new[] { first.GetProperty("inspector1Id").GetGuid(), first.GetProperty("inspector2Id").GetGuid() }
            .First(o => units[o].Department == Ids.Safety);
        var town = await As("town.xiema");
        // The township does not see 区安监局's officers, before the recording or after it.
        await town.GetAsync($"/api/officers/{officer}").ExpectStatusAsync(HttpStatusCode.NotFound);

        // Not drawn: naming a department officer on its own is refused as before, nothing written.
        var before = await DrawnStateAsync(second.Id());
        var undrawn = new
        {
            matterId = matter,
            kind = "Routine",
            startedAt = Host.Clock.GetUtcNow().AddHours(-1),
            targetIds = new[] { second.GetProperty("targetId").GetGuid() },
            officerIds = new[] { thin[0], officer },
            findings = "未发现问题。",
            result = "NoProblem",
        };
        var refused = await town.PostAsJsonAsync("/api/inspections", undrawn).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Inspection.OfficerMayNotAct", refused.Code());
        Assert.Equal(before, await DrawnStateAsync(second.Id()));

        // Drawn: the township records it, and the inspection names both officers.
        var recorded = await town.PostAsJsonAsync("/api/inspections", DrawnInspection(matter, first)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(id, recorded.GetProperty("randomPlanId").GetGuid());
        Assert.Contains(recorded.GetProperty("officers").EnumerateArray(), o => o.Id() == officer);
        var shown = await town.GetAsync($"/api/inspections/{recorded.GetProperty("inspection").Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, shown.GetProperty("officers").GetArrayLength());
        await town.GetAsync($"/api/officers/{officer}").ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADrawIsRefusedNamingATownshipWithFewerThanTwoWhoMayActThereAndNothingIsWritten()
    {
        var (matter, pool, units) = await WorkSafetyAsync();
        // 天生街道's targets with one officer of its own and 歇马镇's, who may not act there.
        var thin = pool.Where(o => units[o].Township == Ids.Xiema).Take(3).Append(pool.First(o => units[o].Township == Ids.Tiansheng)).ToList();
        var id = PlanId(await CreateAsync(PlanBody(matter, thin, count: 1, kinds: ["Restaurant", "FireworksSeller", "PublicPlace", "ConstructionSite"],
            townships: [Ids.Xiema, Ids.Tiansheng])));
        var problem = await DrawAsync(id, expected: HttpStatusCode.BadRequest);
        Assert.Equal("RandomDraw.TownshipUnstaffed", problem.Code());
        Assert.Contains("天生街道", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("第四十二条", problem.Str("detail"), StringComparison.Ordinal);
        var english = await (await As("office", "en")).PostAsync($"/api/random-plans/{id}/draw", null).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("may act in \"天生街道\" (1)", english.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, await Host.WithDbAsync(db => db.RandomDraws.CountAsync(d => d.PlanId == id)));
        Assert.Equal(0, await Host.WithDbAsync(db => db.RandomAssignments.CountAsync(a => a.PlanId == id)));
    }

    [Fact]
    public async Task AnInspectorWithARecordedConflictIsNeverDrawnForThatTarget()
    {
        var demo = await DemoAsync();
        var recused = demo.Pool[1];
        var client = await As("town.xiema");
        var conflicts = new List<Guid>();
        foreach (var canteen in demo.Canteens)
        {
            conflicts.Add((await client.PostAsJsonAsync("/api/officer-conflicts", new { officerId = recused, targetId = canteen, reason = "子女在该校就读" })
                .ExpectAsync(HttpStatusCode.Created)).Id());
        }
        await client.PostAsJsonAsync("/api/officer-conflicts", new { officerId = recused, targetId = demo.Canteens[0], reason = "重复" })
            .ExpectStatusAsync(HttpStatusCode.Conflict);
        await client.PostAsJsonAsync("/api/officer-conflicts", new { officerId = recused, targetId = demo.Canteens[0], reason = "" })
            .ExpectStatusAsync(HttpStatusCode.BadRequest);
        var listed = await client.GetAsync($"/api/officer-conflicts?officer={recused}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(demo.Canteens.Count, listed.Items().Count(c => demo.Canteens.Contains(c.GetProperty("targetId").GetGuid())));

        // Every canteen drawn; the recused officer inspects none of them.
        var id = PlanId(await CreateAsync(PlanBody(demo.Matter, demo.Pool, proportion: 1m, kinds: ["SchoolCanteen"], townships: [Ids.Xiema])));
        var drawn = await DrawAsync(id);
        var assignments = drawn.GetProperty("assignments").EnumerateArray().ToList();
        Assert.True(assignments.Count >= demo.Canteens.Count);
        Assert.DoesNotContain(assignments, a => demo.Canteens.Contains(a.GetProperty("targetId").GetGuid())
            && (a.GetProperty("inspector1Id").GetGuid() == recused || a.GetProperty("inspector2Id").GetGuid() == recused));
        Assert.True((await VerifyAsync(id)).GetProperty("matches").GetBoolean());

        // Withdrawing the conflicts later changes nothing about the draw made: it kept the conflicts it read.
        foreach (var c in conflicts)
        {
            await client.DeleteAsync($"/api/officer-conflicts/{c}").ExpectStatusAsync(HttpStatusCode.NoContent);
        }
        await (await As("town.tiansheng")).DeleteAsync($"/api/officer-conflicts/{conflicts[0]}").ExpectStatusAsync(HttpStatusCode.NotFound);
        Assert.True((await VerifyAsync(id)).GetProperty("matches").GetBoolean());
    }

    [Fact]
    public async Task ADrawThatCannotStaffATargetIsRefusedNamingItAndNothingIsWritten()
    {
        var demo = await DemoAsync();
        var canteen = demo.Canteens[^1];
        var canteenName = await Host.WithDbAsync(db => db.Targets.Where(t => t.Id == canteen).Select(t => t.Name).SingleAsync());
        var conflict = (await (await As("office")).PostAsJsonAsync("/api/officer-conflicts",
            new { officerId = demo.Pool[^1], targetId = canteen, reason = "配偶系该校食堂承包人" }).ExpectAsync(HttpStatusCode.Created)).Id();
        // A pool of two, one of them recused from a canteen that every draw of all canteens must take.
        var id = PlanId(await CreateAsync(PlanBody(demo.Matter, [demo.Pool[0], demo.Pool[^1]], proportion: 1m, kinds: ["SchoolCanteen"],
            townships: [Ids.Xiema])));
        var problem = await DrawAsync(id, expected: HttpStatusCode.BadRequest);
        Assert.Contains(canteenName, problem.Str("detail"));
        Assert.Equal(0, await Host.WithDbAsync(db => db.RandomAssignments.CountAsync(a => a.PlanId == id)));
        Assert.Equal(0, await Host.WithDbAsync(db => db.RandomDraws.CountAsync(d => d.PlanId == id)));
        await (await As("office")).DeleteAsync($"/api/officer-conflicts/{conflict}").ExpectStatusAsync(HttpStatusCode.NoContent);

        // With the conflict withdrawn the same plan draws, every canteen by the two.
        var drawn = await DrawAsync(id);
        Assert.Contains(drawn.GetProperty("assignments").EnumerateArray(), a => a.GetProperty("targetId").GetGuid() == canteen);
    }

    [Fact]
    public async Task ScopeDepartmentsTownshipsAuditorAndOtherDistricts()
    {
        var demo = await DemoAsync();
        var syj = await SyjUserAsync();
        // 区安监局 can't plan on 区食药监局's matter: it does not exist for it.
        var before = await PlanCountAsync();
        await (await As("dept.safety")).PostAsJsonAsync("/api/random-plans", PlanBody(demo.Matter, demo.Pool)).ExpectStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await PlanCountAsync());

        // 区食药监局 plans and draws on its own matter; 区安监局 and the other district don't see the plan.
        var own = await CreateAsync(PlanBody(demo.Matter, demo.Pool, townships: [Ids.Xiema]), syj);
        var id = PlanId(own);
        Assert.Equal(demo.Syj, own.GetProperty("plan").GetProperty("departmentId").GetGuid());
        await (await As("dept.safety")).GetAsync($"/api/random-plans/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await DrawAsync(id, "dept.safety", HttpStatusCode.NotFound);
        await DrawAsync(id, "office2", HttpStatusCode.NotFound);
        await DrawAsync(id, "auditor", HttpStatusCode.Forbidden);
        await DrawAsync(id, "town.xiema", HttpStatusCode.Forbidden);
        var drawn = await DrawAsync(id, syj);
        var count = drawn.GetProperty("assignments").GetArrayLength();
        Assert.True((await VerifyAsync(id, syj)).GetProperty("matches").GetBoolean());
        Assert.True((await VerifyAsync(id, "auditor")).GetProperty("matches").GetBoolean());

        // 歇马镇 sees every assignment (all its targets); 天生街道 sees the plan but none of them, and no draw record.
        var xiema = await (await As("town.xiema")).GetAsync($"/api/random-plans/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(count, xiema.GetProperty("assignments").GetArrayLength());
        var tiansheng = await (await As("town.tiansheng")).GetAsync($"/api/random-plans/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, tiansheng.GetProperty("assignments").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, tiansheng.GetProperty("draw").ValueKind);
        await (await As("town.tiansheng")).PostAsync($"/api/random-plans/{id}/verify", null).ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("office2")).GetAsync($"/api/random-plans/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        var other = await (await As("office2")).GetAsync("/api/random-plans?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(other.Items(), p => p.Id() == id);
        await Host.Anonymous().GetAsync("/api/random-plans").ExpectStatusAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>An inspection of a drawn assignment as /api/inspections takes it: by default its target and its two inspectors.</summary>
    private object DrawnInspection(Guid matter, JsonElement assignment, string result = "NoProblem", Guid? target = null, int daysAgo = 0,
        Guid[]? officers = null, Guid? township = null)
    {
        var targetId = target ?? assignment.GetProperty("targetId").GetGuid();
        return new
        {
            townshipId = township,
            matterId = matter,
            kind = "Routine",
            startedAt = Host.Clock.GetUtcNow().AddHours(-1).AddDays(-daysAgo),
            targetIds = new[] { targetId },
            officerIds = officers ?? [assignment.GetProperty("inspector1Id").GetGuid(), assignment.GetProperty("inspector2Id").GetGuid()],
            findings = result == "NoProblem" ? "证照齐全，后厨卫生良好。" : "灭火器过期，责令整改。",
            result,
            orders = result == "RectificationOrdered"
                ? new[] { new { targetId, requirement = "更换灭火器", deadline = Host.Clock.TodayInChina().AddDays(7) } } : null,
            randomAssignmentId = assignment.Id(),
        };
    }

    private Task<(int Inspections, InspectionOutcome? Result)> DrawnStateAsync(Guid assignmentId) => Host.WithDbAsync(async db =>
        (await db.Inspections.IgnoreQueryFilters().CountAsync(),
            await db.RandomAssignments.IgnoreQueryFilters().Where(a => a.Id == assignmentId).Select(a => a.Result).SingleAsync()));

    [Fact]
    public async Task TheTownshipRecordsTheDrawnInspectionsThePlannerPublishesAndThePublicSeesThemWithoutPersonalData()
    {
        var demo = await DemoAsync();
        var id = PlanId(await CreateAsync(PlanBody(demo.Matter, demo.Pool, count: 3, townships: [Ids.Xiema], name: "公示测试" + Guid.NewGuid().ToString("N")[..6])));
        var drawn = await DrawAsync(id);
        var first = drawn.GetProperty("assignments")[0];
        var second = drawn.GetProperty("assignments")[1];
        var today = Host.Clock.TodayInChina();
        string Url(JsonElement a, string action) => $"/api/random-plans/{id}/assignments/{a.Id()}/{action}";

        var town = await As("town.xiema");
        await town.PostAsJsonAsync(Url(first, "publish"), new { }).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await (await As("office")).PostAsJsonAsync(Url(first, "publish"), new { }).ExpectStatusAsync(HttpStatusCode.Conflict);

        // Refused, nothing written: another target than the drawn one (named), a day before the draw, another township's
        // user (the assignment is out of its sight), the auditor.
        var before = await DrawnStateAsync(first.Id());
        var wrongTarget = await town.PostAsJsonAsync("/api/inspections", DrawnInspection(demo.Matter, first, target: second.GetProperty("targetId").GetGuid()))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(first.Str("targetName"), wrongTarget.Str("detail"), StringComparison.Ordinal);
        await town.PostAsJsonAsync("/api/inspections", DrawnInspection(demo.Matter, first, daysAgo: 1)).ExpectStatusAsync(HttpStatusCode.BadRequest);
        // Other inspectors than the two drawn: refused, naming the one left out. The substitute has no recorded conflict with the
        // target (another test may have recorded one), so that the refusal is the drawn pair's, not a recusal's.
        var drawnInspector = first.GetProperty("inspector1Id").GetGuid();
        var target = first.GetProperty("targetId").GetGuid();
        var recused = await Host.WithDbAsync(db => db.OfficerConflicts.IgnoreQueryFilters().Where(c => c.TargetId == target)
            .Select(c => c.OfficerId).ToListAsync());
        var substitute = demo.Pool.First(o => o != drawnInspector && o != first.GetProperty("inspector2Id").GetGuid() && !recused.Contains(o));
        var substituted = await town.PostAsJsonAsync("/api/inspections",
            DrawnInspection(demo.Matter, first, officers: [substitute, first.GetProperty("inspector2Id").GetGuid()])).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Inspection.DrawnInspectorsMissing", substituted.Code());
        Assert.Contains(first.Str("inspector1Name"), substituted.Str("detail"), StringComparison.Ordinal);
        await (await As("town.tiansheng")).PostAsJsonAsync("/api/inspections", DrawnInspection(demo.Matter, first))
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("auditor")).PostAsJsonAsync("/api/inspections", DrawnInspection(demo.Matter, first)).ExpectStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await DrawnStateAsync(first.Id()));
        Assert.Null(before.Result);

        // Recorded: the inspection names the plan, the assignment names the inspection and takes its day and result.
        var inspection = await town.PostAsJsonAsync("/api/inspections", DrawnInspection(demo.Matter, first, "RectificationOrdered"))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(id, inspection.GetProperty("randomPlanId").GetGuid());
        var detail = await town.GetAsync($"/api/random-plans/{id}").ExpectAsync(HttpStatusCode.OK);
        var recorded = detail.GetProperty("assignments").EnumerateArray().Single(a => a.Id() == first.Id());
        Assert.Equal(inspection.GetProperty("inspection").Id(), recorded.GetProperty("inspectionId").GetGuid());
        Assert.Equal("RectificationOrdered", recorded.Str("result"));
        // A drawn assignment changed later is audited like any row.
        Assert.Equal(1, await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .CountAsync(a => a.EntityType == "RandomAssignment" && a.EntityId == first.Id().ToString() && a.Action == "Modified")));
        Assert.Equal(today.ToString("yyyy-MM-dd"), recorded.Str("inspectedOn"));
        Assert.False(recorded.GetProperty("late").GetBoolean());

        // A second inspection for the same assignment is refused (409), nothing written.
        var linked = await DrawnStateAsync(first.Id());
        await town.PostAsJsonAsync("/api/inspections", DrawnInspection(demo.Matter, first)).ExpectStatusAsync(HttpStatusCode.Conflict);
        Assert.Equal(linked, await DrawnStateAsync(first.Id()));
        await town.PostAsJsonAsync("/api/inspections", DrawnInspection(demo.Matter, second)).ExpectAsync(HttpStatusCode.Created);

        var published = await (await As("office")).PostAsJsonAsync(Url(first, "publish"), new { publishedOn = today }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(today.ToString("yyyy-MM-dd"), published.Str("publishedOn"));
        await (await As("office")).PostAsJsonAsync(Url(first, "publish"), new { }).ExpectStatusAsync(HttpStatusCode.Conflict);

        using var response = await Host.Anonymous().GetAsync("/api/public/inspections?district=500109");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = JsonDocument.Parse(raw).RootElement.EnumerateArray().ToList();
        var entry = Assert.Single(entries, e => e.Str("planName").StartsWith("公示测试", StringComparison.Ordinal) && e.Str("planName") == drawn.GetProperty("plan").Str("name"));
        Assert.Equal(first.Str("targetName"), entry.Str("targetName"));
        Assert.Equal("区食药监局", entry.Str("authority"));
        Assert.Equal("歇马镇", entry.Str("townshipName"));
        // The second, recorded but not published, is not there; nor is any officer, ID number or phone.
        Assert.DoesNotContain(entries, e => e.Str("targetName") == second.Str("targetName") && e.Str("planName") == entry.Str("planName"));
        foreach (var forbidden in new[] { "phone", "idNumber", "inspector", "contact", first.Str("inspector1Name") })
        {
            Assert.DoesNotContain(forbidden, raw, StringComparison.OrdinalIgnoreCase);
        }
        var other = await Host.Anonymous().GetAsync($"/api/public/inspections?district={HostFixture.SecondDistrictCode}").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(other.Items());
    }

    [Fact]
    public async Task TheDrawResultExportsAsAWorkbookWithOneRowPerAssignment()
    {
        var plans = await (await As("office")).GetAsync($"/api/random-plans?q={Uri.EscapeDataString(DemoRandomInspections.PlanName)}")
            .ExpectAsync(HttpStatusCode.OK);
        var id = Assert.Single(plans.Items()).Id();
        var assignments = (await (await As("office")).GetAsync($"/api/random-plans/{id}").ExpectAsync(HttpStatusCode.OK))
            .GetProperty("assignments").EnumerateArray().ToList();

        using var response = await (await As("office")).GetAsync($"/api/random-plans/{id}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var sheet = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(sheet, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(assignments.Count, rows.Count);
        Assert.Equal(assignments.Select(a => a.Str("targetName")), rows.Select(r => r["检查对象"]?.ToString()));
        Assert.Equal(assignments.Select(a => a.Str("inspector1Name")), rows.Select(r => r["执法人员一"]?.ToString()));
        Assert.Equal(Enumerable.Range(1, assignments.Count).Select(n => n.ToString()), rows.Select(r => r["序号"]?.ToString()));
        Assert.Equal(2, rows.Count(r => r["逾期公示"]?.ToString() == "是"));
        Assert.Equal("未发现问题", rows[0]["检查结果"]?.ToString());
        Assert.Equal("2026-09-08", rows[0]["检查日期"]?.ToString());

        // Another district's office: not found.
        await (await As("office2")).GetAsync($"/api/random-plans/{id}/export").ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheDemoPlanVerifiesAndFlagsItsLatePublications()
    {
        var plans = await (await As("office")).GetAsync($"/api/random-plans?q={Uri.EscapeDataString(DemoRandomInspections.PlanName)}")
            .ExpectAsync(HttpStatusCode.OK);
        var id = Assert.Single(plans.Items()).Id();
        var detail = await (await As("office")).GetAsync($"/api/random-plans/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(DemoRandomInspections.Seed.ToString("x16"), detail.GetProperty("draw").Str("seed"));
        var assignments = detail.GetProperty("assignments").EnumerateArray().ToList();
        Assert.Equal(9, assignments.Count); // 10 % of 歇马镇's 84 food establishments, rounded up
        Assert.Equal(2, assignments.Count(a => a.GetProperty("late").GetBoolean()));
        Assert.True((await VerifyAsync(id)).GetProperty("matches").GetBoolean());

        var entries = await Host.Anonymous().GetAsync("/api/public/inspections").ExpectAsync(HttpStatusCode.OK);
        var demo = entries.Items().Where(e => e.Str("planName") == DemoRandomInspections.PlanName).ToList();
        Assert.Equal(5, demo.Count);
        Assert.Single(demo, e => e.GetProperty("late").GetBoolean());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RandomPlansApiTests_Sqlite(SqliteHost host) : RandomPlansApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class RandomPlansApiTests_Postgres(PostgresHost host) : RandomPlansApiTests(host);
