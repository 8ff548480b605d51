using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Gaps;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Features.Reports;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Quartz;
using LibreOffice = Entrust.Tests.Rules.LibreOffice;

namespace Entrust.Tests.Api;

/// <summary>
/// GET /api/reports, GET /api/reports/{id}, POST …/submit|acknowledge|return, GET …/xlsx, GET /api/reports/rollup: every figure is a
/// count of the records, a record changed after submission flags the report with the difference, a township sees only its own
/// reports, a returned report resubmitted is version 2 with version 1 kept, and the .xlsx opens.
/// </summary>
public abstract class ReportsApiTests(HostFixture host) : OfficerTest(host)
{
    private sealed record Fresh(Guid Township, Guid Department, Guid Matter, string TownshipUser, string DepartmentUser);

    /// <summary>A new township and department with an agreement in force from today on a new matter, and an account for each side.</summary>
    private async Task<Fresh> FreshPairAsync()
    {
        var township = (await CreateTownshipAsync(name: "报表测试街道")).Id();
        var department = (await CreateDepartmentAsync(name: "报表测试局")).Id();
        var matter = (await ScopedMatterAsync(department)).Id;
        await InForceAsync(AgreementBody(department, township, [MatterItem(matter)]));
        var code = UniqueCode("");
        var townshipUser = await Host.CreateUserAsync("rt" + code, Roles.Township, Ids.Beibei, township: township);
        var departmentUser = await Host.CreateUserAsync("rd" + code, Roles.Department, Ids.Beibei, department: department);
        return new Fresh(township, department, matter, townshipUser, departmentUser);
    }

    private Task RecordInspectionAsync(Fresh f, InspectionResult result = InspectionResult.NoProblem) => Host.WithDbAsync(async db =>
    {
        var at = Host.Clock.GetUtcNow();
        db.Inspections.Add(new Inspection(Ids.Beibei, f.Township, f.Matter, f.Department, InspectionKind.Routine, null, [], at,
            "报表测试检查", result, [], [], at, "test"));
        return await db.SaveChangesAsync();
    });

    private string ThisMonth => Month.Of(Today).ToString();

    private async Task<JsonElement> OnlyReportAsync(Fresh f) =>
        Assert.Single((await (await As(f.TownshipUser)).GetAsync($"/api/reports?month={ThisMonth}").ExpectAsync(HttpStatusCode.OK)).Items());

    private static decimal Line(JsonElement figures, string group, string item, string measure) =>
        figures.GetProperty("lines").EnumerateArray()
            .Where(l => l.Str("group") == group && l.Str("item") == item && l.Str("measure") == measure)
            .Select(l => l.GetProperty("value").GetDecimal()).DefaultIfEmpty(0m).Single();

    /// <summary>Every per-matter figure of every township × department in June and July 2026 equals a count (or sum) of the records.</summary>
    [Theory]
    [InlineData(2026, 6)]
    [InlineData(2026, 7)]
    public async Task EachFigureEqualsACountOfTheRecords(int year, int number)
    {
        var month = new Month(year, number);
        var (start, end) = (month.FirstDay, month.LastDay);
        using var scope = Host.Services.CreateScope();
        var computed = await scope.ServiceProvider.GetRequiredService<ReportFigures>().ComputeAsync(new FigureScope(Ids.Beibei, start, end));

        var db = scope.ServiceProvider.GetRequiredService<Entrust.Web.Data.EntrustDbContext>();
        var inspections = await db.Inspections.AsNoTracking().Where(i => i.DistrictId == Ids.Beibei && i.StartedOn <= end).ToListAsync();
        var inMonth = inspections.Where(i => i.StartedOn >= start).ToList();
        var orders = await db.RectificationOrders.AsNoTracking().Where(o => o.DistrictId == Ids.Beibei).ToListAsync();
        var cases = await db.Cases.AsNoTracking().Where(c => c.DistrictId == Ids.Beibei).ToListAsync();
        bool In(DateOnly? d) => d >= start && d <= end;
        var asOf = end < Today ? end.AddDays(1) : Today;

        var expected = new Dictionary<(Pair, Guid, string), decimal>();
        void Expect<T>(IEnumerable<T> rows, Func<T, (Guid T, Guid D, Guid M)> key, string measure, Func<IEnumerable<T>, decimal>? value = null)
        {
            foreach (var g in rows.GroupBy(key))
            {
                expected[(new Pair(g.Key.T, g.Key.D), g.Key.M, measure)] = value?.Invoke(g) ?? g.Count();
            }
        }
        Expect(inMonth.Where(i => i.ReinspectionOfOrderId == null), i => (i.TownshipId, i.DepartmentId, i.MatterId), Measures.Inspections);
        Expect(inMonth.Where(i => i.ReinspectionOfOrderId != null), i => (i.TownshipId, i.DepartmentId, i.MatterId), Measures.Reinspections);
        Expect(inMonth, i => (i.TownshipId, i.DepartmentId, i.MatterId), Measures.TargetsCovered,
            g => g.SelectMany(i => i.Targets.Select(t => t.TargetId)).Distinct().Count());
        var issuedOn = inspections.ToDictionary(i => i.Id, i => i.StartedOn);
        Expect(orders.Where(o => In(issuedOn.GetValueOrDefault(o.InspectionId))), o => (o.TownshipId, o.DepartmentId, o.MatterId), Measures.OrdersIssued);
        Expect(orders.Where(o => In(o.ClosedOn) && o.State == OrderState.Completed), o => (o.TownshipId, o.DepartmentId, o.MatterId), Measures.OrdersCompleted);
        Expect(orders.Where(o => In(o.ClosedOn) && o.State == OrderState.Escalated), o => (o.TownshipId, o.DepartmentId, o.MatterId), Measures.OrdersEscalated);
        Expect(orders.Where(o => issuedOn.ContainsKey(o.InspectionId) && o.WasOverdueOn(asOf)), o => (o.TownshipId, o.DepartmentId, o.MatterId),
            Measures.OrdersOverdue);
        (Guid, Guid, Guid) Of(Case c) => (c.TownshipId, c.DepartmentId, c.MatterId);
        Expect(cases.Where(c => In(c.FiledOn)), Of, Measures.CasesFiled);
        Expect(cases.Where(c => In(c.DecidedOn)), Of, Measures.CasesDecided);
        Expect(cases.Where(c => In(c.DecidedOn)), Of, Measures.FinesDecided, g => g.Sum(c => c.DecidedPenalty?.Fine ?? 0m));
        Expect(cases.Where(c => In(c.ClosedOn)), Of, Measures.CasesConcluded);
        Expect(cases.Where(c => In(c.TransferredOn)), Of, Measures.CasesTransferred);
        Expect(cases.Where(c => In(c.PaidOn) && c.Instalments.Count == 0).Select(c => (c, c.AmountPaid ?? 0m))
                .Concat(cases.SelectMany(c => c.Instalments.Where(i => In(i.PaidOn)).Select(i => (c, i.AmountPaid ?? 0m)))),
            p => Of(p.c), Measures.FinesCollected, g => g.Sum(p => p.Item2));

        // 双随机: every assignment of a plan drawn in the month (once per draw), done in it, published in it within its working days.
        var plans = await db.RandomPlans.IgnoreQueryFilters().AsNoTracking().Where(p => p.DistrictId == Ids.Beibei)
            .Select(p => new { p.Id, p.MatterId, p.PublicationWorkingDays }).ToDictionaryAsync(p => p.Id);
        var departmentOf = await db.Matters.IgnoreQueryFilters().AsNoTracking().Where(m => m.DistrictId == Ids.Beibei)
            .ToDictionaryAsync(m => m.Id, m => m.DepartmentId);
        var assignments = await db.RandomAssignments.IgnoreQueryFilters().AsNoTracking().Where(a => a.DistrictId == Ids.Beibei).ToListAsync();
        var draws = await db.RandomDraws.IgnoreQueryFilters().AsNoTracking().Where(d => d.DistrictId == Ids.Beibei).ToListAsync();
        (Guid, Guid, Guid) OfAssignment(RandomAssignment a) => (a.TownshipId, departmentOf[plans[a.PlanId].MatterId], plans[a.PlanId].MatterId);
        Expect(draws.Where(d => In(d.DrawDay)).SelectMany(d => assignments.Where(a => a.PlanId == d.PlanId)), OfAssignment, Measures.RandomDrawn);
        Expect(assignments.Where(a => In(a.InspectedOn)), OfAssignment, Measures.RandomDone);
        var calendar = await scope.ServiceProvider.GetRequiredService<Entrust.Web.Features.Calendar.HolidayCalendar>().ForDistrictAsync(Ids.Beibei);
        Expect(assignments.Where(a => In(a.PublishedOn) && a.InspectedOn is { } on
                && !Publication.IsLate(Publication.Deadline(calendar, on, plans[a.PlanId].PublicationWorkingDays), a.PublishedOn, Today)),
            OfAssignment, Measures.RandomPublishedOnTime);

        var actual = computed.SelectMany(p => p.Value.Group(FigureGroup.Matter).Where(l => l.Value != 0m)
            .Select(l => (Key: (p.Key, Guid.Parse(l.Item), l.Measure), l.Value))).ToDictionary(x => x.Key, x => x.Value);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Where(e => e.Value != 0m).OrderBy(e => e.Key.ToString()).Select(e => $"{e.Key}={e.Value:0.##}"),
            actual.OrderBy(e => e.Key.ToString()).Select(e => $"{e.Key}={e.Value:0.##}"));

        // The breakdowns add up to the same inspections, and the officers who acted are those on the month's inspections and cases.
        foreach (var (pair, figures) in computed)
        {
            var count = inMonth.Count(i => i.TownshipId == pair.TownshipId && i.DepartmentId == pair.DepartmentId);
            Assert.Equal(count, figures.Group(FigureGroup.Kind).Sum(l => l.Value));
            Assert.Equal(count, figures.Group(FigureGroup.Result).Sum(l => l.Value));
            var officers = inMonth.Where(i => i.TownshipId == pair.TownshipId && i.DepartmentId == pair.DepartmentId)
                .SelectMany(i => i.Officers.Select(o => o.OfficerId))
                .Concat(cases.Where(c => In(c.FiledOn) && c.TownshipId == pair.TownshipId && c.DepartmentId == pair.DepartmentId)
                    .SelectMany(c => c.Officers.Select(o => o.OfficerId))).Distinct().Count();
            Assert.Equal(officers, figures.Value(FigureGroup.Summary, "", Measures.OfficersActed));

            // The procedures of the cases filed, decided, concluded and transferred; the kinds of penalty decided; the remedies filed.
            var ofPair = cases.Where(c => c.TownshipId == pair.TownshipId && c.DepartmentId == pair.DepartmentId).ToList();
            foreach (var (measure, on) in new (string, Func<Case, DateOnly?>)[]
                     {
                         (Measures.CasesFiled, c => c.FiledOn), (Measures.CasesDecided, c => c.DecidedOn), (Measures.CasesConcluded, c => c.ClosedOn),
                         (Measures.CasesTransferred, c => c.TransferredOn),
                     })
            {
                foreach (var procedure in Enum.GetValues<CaseProcedure>())
                {
                    Assert.Equal(ofPair.Count(c => In(on(c)) && c.Procedure == procedure),
                        figures.Value(FigureGroup.Procedure, procedure.ToString(), measure));
                }
            }
            var penalties = ofPair.Where(c => In(c.DecidedOn) && c.DecidedPenalty is not null).Select(c => c.DecidedPenalty!).ToList();
            Assert.Equal(penalties.Count(p => p.Warning), figures.Value(FigureGroup.Penalty, "Warning", Measures.Decisions));
            Assert.Equal(penalties.Count(p => p.Fine > 0), figures.Value(FigureGroup.Penalty, "Fine", Measures.Decisions));
            Assert.Equal(penalties.Count(p => p.Confiscation > 0), figures.Value(FigureGroup.Penalty, "Confiscation", Measures.Decisions));
            foreach (var measure in Enum.GetValues<PenaltyMeasure>().Where(m => m != PenaltyMeasure.None))
            {
                Assert.Equal(penalties.Count(p => p.Measure == measure), figures.Value(FigureGroup.Penalty, measure.ToString(), Measures.Decisions));
            }
            Assert.Equal(penalties.Count(p => !p.Warning && p.Fine == 0 && p.Confiscation == 0 && p.Measure == PenaltyMeasure.None),
                figures.Value(FigureGroup.Penalty, "None", Measures.Decisions));
            foreach (var kind in Enum.GetValues<RemedyKind>())
            {
                Assert.Equal(ofPair.SelectMany(c => c.Remedies).Count(r => r.Kind == kind && In(r.FiledOn)), figures.Remedies(kind));
            }
        }
        Assert.Contains(computed.Values, f => f.Group(FigureGroup.Procedure).Any(l => l.Value > 0));
    }

    /// <summary>
    /// A reconsideration and a lawsuit filed against a decided case count for its township × department in the month they were filed,
    /// as many as the records hold; the report's breakdown and the summary's sentence say so.
    /// </summary>
    [Fact]
    public async Task ReconsiderationsAndLawsuitsAreCountedPerTownshipAndDepartment()
    {
        var filedOn = Today;
        var (township, department) = await Host.WithDbAsync(async db =>
        {
            var decided = await db.Cases.IgnoreQueryFilters().Where(c => c.DistrictId == Ids.Beibei && c.DecidedOn != null && c.DecidedOn <= filedOn
                && c.TownshipId != Ids.Xiema).OrderBy(c => c.Id).FirstAsync();
            decided.RecordRemedy(RemedyKind.Reconsideration, filedOn, "重庆市北碚区人民政府");
            decided.RecordRemedy(RemedyKind.Litigation, filedOn, "重庆市北碚区人民法院");
            await db.SaveChangesAsync();
            return (decided.TownshipId, decided.DepartmentId);
        });
        var month = Month.Of(filedOn);
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Entrust.Web.Data.EntrustDbContext>();
        var remedies = await (from r in db.CaseRemedies.IgnoreQueryFilters()
                              join c in db.Cases.IgnoreQueryFilters() on r.CaseId equals c.Id
                              where c.TownshipId == township && c.DepartmentId == department && r.FiledOn >= month.FirstDay && r.FiledOn <= month.LastDay
                              select r.Kind).ToListAsync();
        var figures = await scope.ServiceProvider.GetRequiredService<ReportFigures>()
            .ComputeAsync(Ids.Beibei, township, department, month.FirstDay, month.LastDay);
        Assert.True(figures.Remedies(RemedyKind.Reconsideration) >= 1);
        Assert.Equal(remedies.Count(k => k == RemedyKind.Reconsideration), figures.Remedies(RemedyKind.Reconsideration));
        Assert.Equal(remedies.Count(k => k == RemedyKind.Litigation), figures.Remedies(RemedyKind.Litigation));
        Assert.Equal(2, figures.Shown(FigureGroup.Remedy).Count());
        Assert.Equal("未发生行政复议、行政诉讼。", ReportSummary.Remedies(0, 0));
        Assert.Equal("发生行政复议1件、行政诉讼2件。", ReportSummary.Remedies(1, 2));
    }

    /// <summary>The township's report shows the same figures as the service computes, and the office's list holds it.</summary>
    [Fact]
    public async Task AReportShowsItsTownshipAndDepartmentsFigures()
    {
        var f = await FreshPairAsync();
        await RecordInspectionAsync(f, InspectionResult.RectificationOrdered);
        var report = await OnlyReportAsync(f);
        Assert.Equal("Draft", report.Str("state"));
        Assert.Equal(f.Department, report.GetProperty("departmentId").GetGuid());

        var detail = await (await As(f.TownshipUser)).GetAsync($"/api/reports/{report.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.False(detail.GetProperty("frozen").GetBoolean());
        Assert.True(detail.GetProperty("maySubmit").GetBoolean());
        Assert.Equal(1m, Line(detail.GetProperty("figures"), "Matter", f.Matter.ToString(), Measures.Inspections));
        Assert.Equal(1m, Line(detail.GetProperty("figures"), "Result", "RectificationOrdered", Measures.Inspections));
        var office = await (await As("office")).GetAsync($"/api/reports?month={ThisMonth}&township={f.Township}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(report.Id(), Assert.Single(office.Items()).Id());
    }

    [Fact]
    public async Task ARecordChangedAfterSubmissionFlagsTheReportWithTheDifference()
    {
        var f = await FreshPairAsync();
        await RecordInspectionAsync(f);
        var id = (await OnlyReportAsync(f)).Id();
        var submitted = await (await As(f.TownshipUser)).PostAsJsonAsync($"/api/reports/{id}/submit", new { remarks = "本月无法承接夜间检查。" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Submitted", submitted.GetProperty("report").Str("state"));
        Assert.Empty(submitted.GetProperty("changedSinceSubmitted").EnumerateArray());

        await RecordInspectionAsync(f);

        var detail = await (await As(f.DepartmentUser)).GetAsync($"/api/reports/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.True(detail.GetProperty("frozen").GetBoolean());
        Assert.Equal(1m, Line(detail.GetProperty("figures"), "Matter", f.Matter.ToString(), Measures.Inspections));
        var changed = detail.GetProperty("changedSinceSubmitted").EnumerateArray().ToList();
        var inspections = Assert.Single(changed, c => c.Str("group") == "Matter" && c.Str("measure") == Measures.Inspections);
        Assert.Equal(1m, inspections.GetProperty("before").GetDecimal());
        Assert.Equal(2m, inspections.GetProperty("now").GetDecimal());
        Assert.Contains(changed, c => c.Str("group") == "Kind" && c.Str("item") == "Routine" && c.GetProperty("now").GetDecimal() == 2m);
        Assert.Equal("本月无法承接夜间检查。", detail.GetProperty("remarks").GetString());
    }

    [Fact]
    public async Task ATownshipSeesOnlyItsOwnReports()
    {
        var f = await FreshPairAsync();
        var id = (await OnlyReportAsync(f)).Id();

        var xiema = await (await As("town.xiema")).GetAsync("/api/reports?month=2026-06").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEmpty(xiema.Items());
        Assert.All(xiema.Items(), r => Assert.Equal(Ids.Xiema, r.GetProperty("townshipId").GetGuid()));
        Assert.DoesNotContain((await (await As("town.xiema")).GetAsync($"/api/reports?month={ThisMonth}").ExpectAsync(HttpStatusCode.OK)).Items(),
            r => r.Id() == id);
        await (await As("town.xiema")).GetAsync($"/api/reports/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("town.xiema")).PostAsJsonAsync($"/api/reports/{id}/submit", new { remarks = "x" }).ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("town.xiema")).GetAsync($"/api/reports/{id}/xlsx").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("dept.safety")).GetAsync($"/api/reports/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("office2")).GetAsync($"/api/reports/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("town.xiema")).GetAsync("/api/reports/rollup?month=2026-06").ExpectStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AReturnedReportResubmittedIsVersionTwoAndVersionOneIsKept()
    {
        var f = await FreshPairAsync();
        var id = (await OnlyReportAsync(f)).Id();
        var township = await As(f.TownshipUser);
        var department = await As(f.DepartmentUser);

        await department.PostAsJsonAsync($"/api/reports/{id}/submit", new { remarks = "x" }).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await department.PostAsJsonAsync($"/api/reports/{id}/acknowledge", new { }).ExpectStatusAsync(HttpStatusCode.Conflict);
        await township.PostAsJsonAsync($"/api/reports/{id}/submit", new { remarks = "第一版" }).ExpectAsync(HttpStatusCode.OK);
        await township.PostAsJsonAsync($"/api/reports/{id}/acknowledge", new { }).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await township.PostAsJsonAsync($"/api/reports/{id}/submit", new { remarks = "again" }).ExpectStatusAsync(HttpStatusCode.Conflict);
        var refused = await department.PostAsJsonAsync($"/api/reports/{id}/return", new { comment = " " }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(refused.ErrorsFor("Comment"));

        var returned = await department.PostAsJsonAsync($"/api/reports/{id}/return", new { comment = "请补充整改情况说明" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Returned", returned.GetProperty("report").Str("state"));
        var again = await township.PostAsJsonAsync($"/api/reports/{id}/submit", new { remarks = "第二版：已补充整改情况" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, again.GetProperty("report").GetProperty("version").GetInt32());
        var acknowledged = await department.PostAsJsonAsync($"/api/reports/{id}/acknowledge", new { comment = "收悉" }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Acknowledged", acknowledged.GetProperty("report").Str("state"));
        var versions = acknowledged.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("第一版", versions[1].GetProperty("remarks").GetString());
        Assert.Equal("Returned", versions[1].Str("answer"));
        Assert.Equal("请补充整改情况说明", versions[1].GetProperty("departmentComment").GetString());
        Assert.Equal("Acknowledged", versions[0].Str("answer"));
    }

    private async Task<List<JsonElement>> BellAsync(string userName) =>
        [.. (await (await As(userName)).GetAsync("/api/notifications").ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    private static bool About(JsonElement n, Guid report, string what) =>
        n.Str("event") == what && n.TryGetProperty("reportId", out var id) && id.ValueKind == JsonValueKind.String && id.GetGuid() == report;

    /// <summary>A department returns a report: the township's accounts hear of it on the bell, with the comment and a link to the
    /// report; another township and the department that returned it do not.</summary>
    [Fact]
    public async Task AReturnedReportRingsItsTownshipsBell()
    {
        var f = await FreshPairAsync();
        var id = (await OnlyReportAsync(f)).Id();
        await (await As(f.TownshipUser)).PostAsJsonAsync($"/api/reports/{id}/submit", new { remarks = "本月无" }).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(await BellAsync(f.TownshipUser), n => About(n, id, "ReportReturned"));
        await (await As(f.DepartmentUser)).PostAsJsonAsync($"/api/reports/{id}/return", new { comment = "请补充检查台账" }).ExpectAsync(HttpStatusCode.OK);

        var colleague = await Host.CreateUserAsync("rc" + UniqueCode(""), Roles.Township, Ids.Beibei, township: f.Township);
        foreach (var user in new[] { f.TownshipUser, colleague })
        {
            var bell = await BellAsync(user);
            var message = Assert.Single(bell, n => About(n, id, "ReportReturned"));
            Assert.Equal($"/Reports/Detail/{id}", message.Str("link"));
            Assert.Equal("请补充检查台账", message.Str("message"));
            Assert.StartsWith("月报被退回：报表测试街道", message.Str("title"), StringComparison.Ordinal);
            Assert.True(message.GetProperty("unread").GetBoolean());
        }
        Assert.DoesNotContain(await BellAsync("town.xiema"), n => About(n, id, "ReportReturned"));
        Assert.DoesNotContain(await BellAsync(f.DepartmentUser), n => About(n, id, "ReportReturned"));
        Assert.DoesNotContain(await BellAsync("office"), n => About(n, id, "ReportReturned"));
    }

    /// <summary>The console walks the same workflow: the township submits from the report page, the department acknowledges it, and the .xlsx downloads through the page.</summary>
    [Fact]
    public async Task TheConsolePagesSubmitAndAcknowledgeAReport()
    {
        var f = await FreshPairAsync();
        await RecordInspectionAsync(f);
        var township = await ConsoleSignIn.SignInAsync(Host, f.TownshipUser);
        var list = await township.GetStringAsync($"/Reports?month={ThisMonth}");
        var id = (await OnlyReportAsync(f)).Id();
        Assert.Contains($"/Reports/Detail/{id}", list);
        var page = await township.GetStringAsync($"/Reports/Detail/{id}");
        Assert.Contains("id=\"submit\"", page);
        using (var submit = await township.PostAsync($"/Reports/Detail/{id}?handler=Submit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Remarks"] = "网页报送",
            ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(page),
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        }
        var department = await ConsoleSignIn.SignInAsync(Host, f.DepartmentUser);
        var answer = await department.GetStringAsync($"/Reports/Detail/{id}");
        Assert.Contains("网页报送", answer);
        Assert.Contains("id=\"acknowledge\"", answer);
        Assert.DoesNotContain("id=\"submit\"", answer);
        // Returned without a comment: the refusal stands beside the comment, highlighted, and not again above the page (issue 18, item 5).
        var returned = await FormPosts.PostAsync(department, $"/Reports/Detail/{id}?handler=Return", answer, ("Input.Comment", ""));
        FormPosts.RefusedBeside(returned, "comment", "退回报表须写明意见");
        FormPosts.ShownOnce(returned, "退回报表须写明意见");
        using (var acknowledge = await department.PostAsync($"/Reports/Detail/{id}?handler=Acknowledge", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Comment"] = "收悉",
            ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(answer),
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, acknowledge.StatusCode);
        }
        Assert.Equal("Acknowledged", (await (await As(f.TownshipUser)).GetAsync($"/api/reports/{id}").ExpectAsync(HttpStatusCode.OK))
            .GetProperty("report").Str("state"));
        using var xlsx = await department.GetAsync($"/Reports/Detail/{id}?handler=Xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(Spreadsheet.ContentType, xlsx.Content.Headers.ContentType?.MediaType);
        using var rollup = await department.GetAsync("/Reports/Rollup?month=" + ThisMonth);
        Assert.Equal(HttpStatusCode.OK, rollup.StatusCode);
        using var refused = await township.GetAsync("/Reports/Rollup");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Theory]
    [InlineData("1999-12")]
    [InlineData("2101-01")]
    [InlineData("2026-13")]
    [InlineData("June")]
    public async Task AMonthOutOfRangeOrMalformedIsRefused(string month)
    {
        var problem = await (await As("office")).GetAsync($"/api/reports?month={month}").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("month"));
    }

    /// <summary>歇马镇's June report to 区林业局 as .xlsx: the unit and period in the title, the 25 forest-fire inspections, a totals row; LibreOffice reads it.</summary>
    [Fact]
    public async Task TheXlsxHasTheTitleTheMattersAndATotalsRowAndLibreOfficeOpensIt()
    {
        var june = await (await As("dept.forestry")).GetAsync("/api/reports?month=2026-06").ExpectAsync(HttpStatusCode.OK);
        var report = Assert.Single(june.Items(), r => r.GetProperty("townshipId").GetGuid() == Ids.Xiema);
        using var response = await (await As("dept.forestry")).GetAsync($"/api/reports/{report.Id()}/xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var rows = new MemoryStream(bytes).Query(useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v?.ToString() ?? "").ToList()).ToList();
        Assert.Contains("歇马镇", rows[0][0]);
        Assert.Contains("区林业局", rows[0][0]);
        Assert.Contains("2026-06", rows[0][0]);
        var fire = Assert.Single(rows, r => r[0].Contains("森林防火检查"));
        Assert.Equal("25", fire[1]);
        var total = Assert.Single(rows, r => r[0] == "合计");
        Assert.Equal("25", total[1]);

        var dir = Directory.CreateTempSubdirectory("entrust-report-").FullName;
        var xlsx = Path.Combine(dir, "report.xlsx");
        await File.WriteAllBytesAsync(xlsx, bytes);
        var profile = Directory.CreateDirectory(Path.Combine(dir, "profile")).FullName;
        await LibreOffice.Run("soffice", profile, $"-env:UserInstallation={new Uri(profile + "/").AbsoluteUri}",
            "--headless", "--norestore", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, xlsx);
        var csv = await File.ReadAllTextAsync(Path.Combine(dir, "report.csv"));
        Assert.Contains("198-04 森林防火检查,25", csv);
        Assert.Contains("合计,25", csv);
    }

    /// <summary>
    /// The roll-up of June 2026 as .xlsx: a totals sheet first whose totals row is the roll-up's, then a sheet per township × department
    /// titled with its unit and period (歇马镇's to 区林业局 with its 25 forest-fire inspections); the roll-up and a report as .docx
    /// (their titles and figures); LibreOffice opens all three; a township may not export the roll-up.
    /// </summary>
    [Fact]
    public async Task TheRollupExportsAsXlsxWithASheetPerReportAndTotalsAndAsDocx()
    {
        var office = await As("office");
        var rollup = await office.GetAsync("/api/reports/rollup?month=2026-06").ExpectAsync(HttpStatusCode.OK);
        using var response = await office.GetAsync("/api/reports/rollup/xlsx?month=2026-06");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xlsx = await response.Content.ReadAsByteArrayAsync();
        List<List<string>> Sheet(string name) => new MemoryStream(xlsx).Query(useHeaderRow: false, sheetName: name)
            .Cast<IDictionary<string, object?>>().Select(r => r.Values.Select(v => v?.ToString() ?? "").ToList()).ToList();
        var names = MiniExcel.GetSheetNames(new MemoryStream(xlsx));
        Assert.Equal("合计", names[0]);
        Assert.Equal(rollup.GetProperty("rows").GetArrayLength() + 1, names.Count);
        var totals = Sheet("合计");
        Assert.Contains("2026-06", totals[0][0]);
        var column = totals[1].IndexOf("检查次数");
        Assert.Equal(rollup.GetProperty("totals").GetProperty(Measures.Inspections).GetDecimal(),
            decimal.Parse(Assert.Single(totals, r => r[0] == "合计")[column], CultureInfo.InvariantCulture));
        var forestry = Sheet(Assert.Single(names, n => n == "歇马镇-区林业局"));
        Assert.Contains("歇马镇", forestry[0][0]);
        Assert.Contains("区林业局", forestry[0][0]);
        Assert.Contains("2026-06", forestry[0][0]);
        Assert.Equal("25", Assert.Single(forestry, r => r[0].Contains("森林防火检查"))[1]);

        using var docx = await office.GetAsync("/api/reports/rollup/docx?month=2026-06");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var rollupDocx = await docx.Content.ReadAsByteArrayAsync();
        var rollupText = WordText(rollupDocx);
        Assert.Contains("委托执法报表汇总（2026-06）", rollupText);
        Assert.Contains("歇马镇 · 区林业局", rollupText);

        var june = await (await As("dept.forestry")).GetAsync("/api/reports?month=2026-06").ExpectAsync(HttpStatusCode.OK);
        var report = Assert.Single(june.Items(), r => r.GetProperty("townshipId").GetGuid() == Ids.Xiema);
        using var reportDocx = await (await As("dept.forestry")).GetAsync($"/api/reports/{report.Id()}/docx");
        Assert.Equal(HttpStatusCode.OK, reportDocx.StatusCode);
        var reportBytes = await reportDocx.Content.ReadAsByteArrayAsync();
        var reportText = WordText(reportBytes);
        Assert.Contains("歇马镇向区林业局报送的委托执法报表（2026-06）", reportText);
        Assert.Contains("森林防火检查：检查次数 25", reportText);

        var township = await As("town.xiema");
        using var refused = await township.GetAsync("/api/reports/rollup/xlsx?month=2026-06");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var dir = Directory.CreateTempSubdirectory("entrust-rollup-");
        try
        {
            foreach (var (name, bytes) in new[] { ("book.xlsx", xlsx), ("rollup.docx", rollupDocx), ("report.docx", reportBytes) })
            {
                await File.WriteAllBytesAsync(Path.Combine(dir.FullName, name), bytes);
            }
            var profile = Directory.CreateDirectory(Path.Combine(dir.FullName, "profile")).FullName;
            await LibreOffice.Run("soffice", profile, $"-env:UserInstallation={new Uri(profile + "/").AbsoluteUri}", "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", dir.FullName, Path.Combine(dir.FullName, "book.xlsx"), Path.Combine(dir.FullName, "rollup.docx"),
                Path.Combine(dir.FullName, "report.docx"));
            foreach (var name in new[] { "book.pdf", "rollup.pdf", "report.pdf" })
            {
                Assert.True(new FileInfo(Path.Combine(dir.FullName, name)).Length > 0);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string WordText(byte[] docx)
    {
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", document.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    /// <summary>The office's roll-up of June 2026: 歇马镇's reports with their totals, the totals row, and who has not submitted.</summary>
    [Fact]
    public async Task TheRollupHasEveryTownshipAndDepartmentWithTotals()
    {
        var rollup = await (await As("office")).GetAsync("/api/reports/rollup?month=2026-06").ExpectAsync(HttpStatusCode.OK);
        var rows = rollup.GetProperty("rows").EnumerateArray().ToList();
        var forestry = Assert.Single(rows, r => r.GetProperty("townshipId").GetGuid() == Ids.Xiema && r.GetProperty("departmentId").GetGuid() == Ids.Forestry);
        Assert.Equal(25m, forestry.GetProperty("figures").GetProperty(Measures.Inspections).GetDecimal());
        Assert.Equal(rows.Sum(r => r.GetProperty("figures").GetProperty(Measures.Inspections).GetDecimal()),
            rollup.GetProperty("totals").GetProperty(Measures.Inspections).GetDecimal());
        Assert.All(rollup.GetProperty("notSubmitted").EnumerateArray(), r => Assert.Contains(r.Str("state"), new[] { "Draft", "Returned" }));
        // 天生街道 reports to the four district-wide departments and has submitted nothing.
        Assert.Contains(rollup.GetProperty("notSubmitted").EnumerateArray(), r => r.GetProperty("townshipId").GetGuid() == Ids.Tiansheng);

        var department = await (await As("dept.forestry")).GetAsync("/api/reports/rollup?month=2026-06").ExpectAsync(HttpStatusCode.OK);
        Assert.All(department.GetProperty("rows").EnumerateArray(), r => Assert.Equal(Ids.Forestry, r.GetProperty("departmentId").GetGuid()));
    }

    /// <summary>
    /// A range of months sums its months; the change is against as many months just before and the same months a year before; a range
    /// backwards or longer than three years is refused.
    /// </summary>
    [Fact]
    public async Task TheRollupOverARangeSumsItsMonthsAndComparesThePeriodBefore()
    {
        var office = await As("office");
        async Task<JsonElement> Rollup(string query) => await office.GetAsync("/api/reports/rollup?" + query).ExpectAsync(HttpStatusCode.OK);
        static decimal Total(JsonElement r, string key, string measure) => r.GetProperty(key).GetProperty(measure).GetDecimal();
        var (june, july, aprilMay) = (await Rollup("month=2026-06"), await Rollup("month=2026-07"), await Rollup("from=2026-04&to=2026-05"));

        var range = await Rollup("from=2026-06&to=2026-07");
        Assert.Equal("2026-06", range.Str("from"));
        Assert.Equal("2026-07", range.Str("to"));
        Assert.Equal("2026-04", range.Str("previousFrom"));
        Assert.Equal("2026-05", range.Str("previousTo"));
        // Orders overdue are a state at the end of the period, the rest counts of what happened in it.
        Assert.Equal(Total(july, "totals", Measures.OrdersOverdue), Total(range, "totals", Measures.OrdersOverdue));
        foreach (var measure in ReportBook.RollupMeasures.Where(m => m != Measures.OrdersOverdue))
        {
            Assert.Equal(Total(june, "totals", measure) + Total(july, "totals", measure), Total(range, "totals", measure));
            Assert.Equal(Total(aprilMay, "totals", measure), Total(range, "previousMonthTotals", measure));
        }
        // One month alone compares with the month before it.
        Assert.Equal(Total(await Rollup("month=2026-05"), "totals", Measures.Inspections), Total(june, "previousMonthTotals", Measures.Inspections));
        var xiema = Assert.Single(range.GetProperty("rows").EnumerateArray(),
            r => r.GetProperty("townshipId").GetGuid() == Ids.Xiema && r.GetProperty("departmentId").GetGuid() == Ids.Forestry);
        Assert.True(xiema.GetProperty("figures").GetProperty(Measures.Inspections).GetDecimal() >= 25m);

        var backwards = await office.GetAsync("/api/reports/rollup?from=2026-07&to=2026-06").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(backwards.ErrorsFor("from"));
        var tooLong = await office.GetAsync("/api/reports/rollup?from=2020-01&to=2026-06").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(tooLong.ErrorsFor("to"));
        using var console = await ConsoleSignIn.SignInAsync(Host, "office");
        using var page = await console.GetAsync("/Reports/Rollup?from=2026-06&to=2026-07");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"year-on-year\"", await page.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The nightly job opens this month's drafts for a pair nobody has listed, and flags last month's reports not submitted by their
    /// due day (October 2026's fell on 6 November; today is 25 November); the office's workbench counts them.
    /// </summary>
    [Fact]
    public async Task TheNightlyJobOpensTheDraftsAndFlagsLateReports()
    {
        var f = await FreshPairAsync();
        var october = new Month(2026, 10).Key;
        Assert.Equal(0, await Host.WithDbAsync(db => db.MonthlyReports.IgnoreQueryFilters().CountAsync(r => r.TownshipId == f.Township)));

        var scheduler = await Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var listener = new JobDone();
        scheduler.ListenerManager.AddJobListener(listener, [Matchers.Key(ReportScheduleJob.Key)]);
        try
        {
            await scheduler.TriggerJob(ReportScheduleJob.Key);
            Assert.Null(await listener.Finished.Task.WaitAsync(TimeSpan.FromMinutes(2)));
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(listener.Name);
        }

        var opened = await Host.WithDbAsync(db => db.MonthlyReports.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.TownshipId == f.Township).ToListAsync());
        var draft = Assert.Single(opened);
        Assert.Equal((f.Department, Month.Of(Today).Key, ReportState.Draft), (draft.DepartmentId, draft.MonthKey, draft.State));
        Assert.Null(draft.FlaggedLateOn);
        // The opening is the platform's own work: the audit records it as the system (shown 系统), not as a Latin account name.
        var openedBy = await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.EntityId == draft.Id.ToString()).Select(a => a.UserName).Distinct().ToListAsync());
        Assert.Equal([CurrentUser.System.UserName], openedBy);

        var tiansheng = await Host.WithDbAsync(db => db.MonthlyReports.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.TownshipId == Ids.Tiansheng && r.MonthKey == october).ToListAsync());
        Assert.NotEmpty(tiansheng);
        Assert.All(tiansheng, r => Assert.Equal(r.IsOpen ? Today : null, r.FlaggedLateOn));
        var listed = (await (await As("office")).GetAsync("/api/reports?month=2026-10").ExpectAsync(HttpStatusCode.OK)).Items().ToList();
        Assert.Contains(listed, r => r.GetProperty("townshipId").GetGuid() == Ids.Tiansheng && r.Str("flaggedLateOn") == Today.ToString("yyyy-MM-dd"));

        // Each report flagged late rings the township's and the department's bell, and the office's; not another township's.
        var flaggedNow = tiansheng.Where(r => r.IsOpen).ToList();
        Assert.NotEmpty(flaggedNow);
        var townshipBell = await BellAsync("town.tiansheng");
        Assert.All(flaggedNow, r => Assert.Contains(townshipBell, n => About(n, r.Id, "ReportLate")));
        Assert.DoesNotContain(await BellAsync("town.xiema"), n => flaggedNow.Any(r => About(n, r.Id, "ReportLate")));
        var department = flaggedNow[0].DepartmentId;
        var departmentBell = await BellAsync(await Host.CreateUserAsync("rl" + UniqueCode(""), Roles.Department, Ids.Beibei, department: department));
        Assert.All(flaggedNow.Where(r => r.DepartmentId == department), r => Assert.Contains(departmentBell, n => About(n, r.Id, "ReportLate")));
        Assert.All(flaggedNow.Where(r => r.DepartmentId != department), r => Assert.DoesNotContain(departmentBell, n => About(n, r.Id, "ReportLate")));
        foreach (var r in flaggedNow)
        {
            Assert.Equal(1, await Host.WithDbAsync(db => db.Notifications.IgnoreQueryFilters()
                .CountAsync(n => n.ReportId == r.Id && n.ForOffice && n.Event == Entrust.Web.Features.Notifications.NotificationEvent.ReportLate)));
        }
        // The office's bell lists its latest notifications only, and this night flags reports of every township at one instant:
        // which of them come first is the order of their ids. The bell shows late reports; each one's is counted above.
        Assert.Contains(await BellAsync("office"), n => n.Str("event") == "ReportLate");

        var workbench = await (await As("office")).GetAsync("/api/workbench").ExpectAsync(HttpStatusCode.OK);
        var late = Assert.Single(workbench.GetProperty("todos").EnumerateArray(), t => t.Str("key") == "ReportsFlaggedLate");
        Assert.True(late.GetProperty("count").GetInt32() >= tiansheng.Count(r => r.IsOpen));
    }

    /// <summary>
    /// Every headline of every roll-up row (read in the statistics' shape, settled months as kept) is the total of the report figures
    /// of its township × department computed from the records over the same range.
    /// </summary>
    [Fact]
    public async Task TheRollupsRowsAreTheReportFiguresTotalsOfTheRange()
    {
        var rollup = await (await As("office")).GetAsync("/api/reports/rollup?from=2026-05&to=2026-07").ExpectAsync(HttpStatusCode.OK);
        using var scope = Host.Services.CreateScope();
        var computed = await scope.ServiceProvider.GetRequiredService<ReportFigures>()
            .ComputeAsync(new FigureScope(Ids.Beibei, new DateOnly(2026, 5, 1), new DateOnly(2026, 7, 31)));
        var rows = rollup.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("figures").GetProperty(Measures.Inspections).GetDecimal() > 0m);
        foreach (var row in rows)
        {
            var figures = computed.GetValueOrDefault(new Pair(row.GetProperty("townshipId").GetGuid(), row.GetProperty("departmentId").GetGuid()),
                Figures.Empty);
            foreach (var measure in ReportBook.RollupMeasures)
            {
                Assert.Equal(figures.Total(measure), row.GetProperty("figures").GetProperty(measure).GetDecimal());
            }
        }
    }

    /// <summary>
    /// The statistics page: its chart data (the page handler the charts read) adds up to the roll-up of the same months, each table is
    /// on the page beside its chart, the table by township exports to .xlsx, and a township may not open it.
    /// </summary>
    [Fact]
    public async Task TheStatisticsAddUpToTheRollupAndExport()
    {
        var rollup = await (await As("office")).GetAsync("/api/reports/rollup?from=2026-05&to=2026-06").ExpectAsync(HttpStatusCode.OK);
        using var console = await ConsoleSignIn.SignInAsync(Host, "office");
        using var response = await console.GetAsync("/Reports/Statistics?from=2026-05&to=2026-06&handler=Data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["2026-05", "2026-06"], data.GetProperty("byMonth").EnumerateArray().Select(m => m.Str("month")));
        foreach (var measure in new[] { Measures.Inspections, Measures.CasesFiled, Measures.FinesDecided })
        {
            var total = rollup.GetProperty("totals").GetProperty(measure).GetDecimal();
            Assert.Equal(total, data.GetProperty("byMonth").EnumerateArray().Sum(m => m.GetProperty("figures").GetProperty(measure).GetDecimal()));
            Assert.Equal(total, data.GetProperty("byTownship").EnumerateArray().Sum(r => r.GetProperty("figures").GetProperty(measure).GetDecimal()));
            Assert.Equal(total, data.GetProperty("byDepartment").EnumerateArray().Sum(r => r.GetProperty("figures").GetProperty(measure).GetDecimal()));
        }
        var xiema = Assert.Single(data.GetProperty("byTownship").EnumerateArray(), r => r.GetProperty("id").GetGuid() == Ids.Xiema);
        Assert.InRange(xiema.GetProperty("mattersUsed").GetInt32(), 1, xiema.GetProperty("mattersHeld").GetInt32());

        var page = await console.GetStringAsync("/Reports/Statistics?from=2026-05&to=2026-06");
        foreach (var id in new[] { "by-month", "by-township", "by-department" })
        {
            Assert.Contains($"aria-describedby=\"{id}-table\"", page);
            Assert.Contains($"id=\"{id}-table\"", page);
        }
        Assert.Contains("歇马镇", page);
        using var xlsx = await console.GetAsync("/Reports/Statistics?from=2026-05&to=2026-06&handler=Export&by=township");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var sheet = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(sheet, row => Equals(row["A"], "歇马镇")
            && Convert.ToDecimal(row["B"]) == xiema.GetProperty("figures").GetProperty(Measures.Inspections).GetDecimal());

        // The by-month table exports as shown; the township select computes one township's statistics (a guessed one is 404).
        using var byMonth = await console.GetAsync("/Reports/Statistics?from=2026-05&to=2026-06&handler=Export&by=month");
        Assert.Equal(HttpStatusCode.OK, byMonth.StatusCode);
        var months = new MemoryStream(await byMonth.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        var june = data.GetProperty("byMonth").EnumerateArray().Last().GetProperty("figures").GetProperty(Measures.Inspections).GetDecimal();
        Assert.Contains(months, row => Equals(row["A"], "2026-06") && Convert.ToDecimal(row["B"]) == june);
        var one = JsonDocument.Parse(await console.GetStringAsync($"/Reports/Statistics?from=2026-05&to=2026-06&township={Ids.Xiema}&handler=Data")).RootElement;
        Assert.Equal(Ids.Xiema, Assert.Single(one.GetProperty("byTownship").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(xiema.GetProperty("figures").GetProperty(Measures.Inspections).GetDecimal(),
            one.GetProperty("byMonth").EnumerateArray().Sum(m => m.GetProperty("figures").GetProperty(Measures.Inspections).GetDecimal()));
        var selected = await console.GetStringAsync($"/Reports/Statistics?from=2026-05&to=2026-06&township={Ids.Xiema}");
        Assert.Contains($"<option value=\"{Ids.Xiema}\" selected=\"selected\">", selected);
        Assert.Contains($"township={Ids.Xiema}", selected);
        using var guessed = await console.GetAsync($"/Reports/Statistics?township={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);

        using var township = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        using var refused = await township.GetAsync("/Reports/Statistics?handler=Data");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/Denied", refused.Headers.Location!.PathAndQuery());
    }

    /// <summary>
    /// The figures grouped by month in one pass (what the statistics read) are, month by month, those computed for that month alone
    /// (the one computation, less the state at the period's end: overdue orders and open gaps), and the statistics' months on the page
    /// equal a count of the records of each month.
    /// </summary>
    [Fact]
    public async Task TheFiguresByMonthAreEachMonthComputedAloneAndACountOfTheRecords()
    {
        var (from, to) = (new Month(2026, 1), Month.Of(Today));
        using var scope = Host.Services.CreateScope();
        var figures = scope.ServiceProvider.GetRequiredService<ReportFigures>();
        var byMonth = await figures.ComputeByMonthAsync(new FigureScope(Ids.Beibei, from.FirstDay, to.LastDay));
        static IEnumerable<string> Dated(Pair pair, Figures f) => f.Lines
            .Where(l => l.Value != 0m && l.Measure != Measures.OrdersOverdue && l.Group != FigureGroup.Gap)
            .Select(l => $"{pair}|{l.Key}={l.Value:0.##}");
        var months = 0;
        foreach (var month in Month.Range(from, to))
        {
            var alone = await figures.ComputeAsync(new FigureScope(Ids.Beibei, month.FirstDay, month.LastDay));
            var expected = alone.SelectMany(p => Dated(p.Key, p.Value)).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, byMonth.Where(p => p.Key.Month == month).SelectMany(p => Dated(p.Key.Pair, p.Value)).Order(StringComparer.Ordinal));
            months += expected.Count > 0 ? 1 : 0;
        }
        Assert.True(months >= 2, "the demo has records in several months");

        var counts = await Host.WithDbAsync(async db => (await db.Inspections.AsNoTracking()
                .Where(i => i.DistrictId == Ids.Beibei && i.StartedOn >= from.FirstDay && i.StartedOn <= to.LastDay && i.ReinspectionOfOrderId == null)
                .Select(i => i.StartedOn).ToListAsync())
            .GroupBy(Month.Of).ToDictionary(g => g.Key.ToString(), g => (decimal)g.Count()));
        var cases = await Host.WithDbAsync(async db => (await db.Cases.AsNoTracking()
                .Where(c => c.DistrictId == Ids.Beibei && c.FiledOn >= from.FirstDay && c.FiledOn <= to.LastDay).Select(c => c.FiledOn).ToListAsync())
            .GroupBy(Month.Of).ToDictionary(g => g.Key.ToString(), g => (decimal)g.Count()));
        using var console = await ConsoleSignIn.SignInAsync(Host, "office");
        using var response = await console.GetAsync($"/Reports/Statistics?from={from}&to={to}&handler=Data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var shown = data.GetProperty("byMonth").EnumerateArray().ToList();
        // The statistics start at the first month with an agreement in force: the demo's first agreements run from 1 April 2026.
        Assert.Equal("2026-04", data.Str("from"));
        Assert.Equal(Month.Range(new Month(2026, 4), to).Select(m => m.ToString()), shown.Select(m => m.Str("month")));
        Assert.NotEmpty(counts);
        Assert.DoesNotContain(counts.Keys.Concat(cases.Keys), m => string.CompareOrdinal(m, "2026-04") < 0);
        Assert.All(shown, m =>
        {
            Assert.Equal(counts.GetValueOrDefault(m.Str("month")!), m.GetProperty("figures").GetProperty(Measures.Inspections).GetDecimal());
            Assert.Equal(cases.GetValueOrDefault(m.Str("month")!), m.GetProperty("figures").GetProperty(Measures.CasesFiled).GetDecimal());
        });
    }

    /// <summary>
    /// A settled month's figures are kept for the whole district and read back as they were computed; a change to what the figures
    /// read of a record of that month is logged in the save's transaction and the month is computed afresh, while a change to what
    /// they do not read logs nothing.
    /// </summary>
    [Fact]
    public async Task ASettledMonthIsKeptAndAChangeToItsRecordsIsCountedAtOnce()
    {
        var june = new Month(2026, 6);
        Assert.True(SettledMonth.IsSettled(june, Today));
        var scope = new FigureScope(Ids.Beibei, new DateOnly(2026, 4, 1), june.LastDay);
        async Task<IReadOnlyDictionary<(Pair Pair, Month Month), Figures>> ByMonthAsync()
        {
            using var services = Host.Services.CreateScope();
            return await services.ServiceProvider.GetRequiredService<ReportFigures>().ComputeByMonthAsync(scope);
        }
        static List<string> Lines(IReadOnlyDictionary<(Pair Pair, Month Month), Figures> f) =>
            [.. f.SelectMany(p => p.Value.Lines.Select(l => $"{p.Key.Pair}|{p.Key.Month}|{l.Key}|{l.Name}={l.Value:0.##}")).Order(StringComparer.Ordinal)];

        // The statistics' shape, read from what is kept apart for them, is the numbers of the whole figures' lines the statistics read.
        async Task ForStatisticsAsync(IReadOnlyDictionary<(Pair Pair, Month Month), Figures> whole)
        {
            using var services = Host.Services.CreateScope();
            var shaped = await services.ServiceProvider.GetRequiredService<ReportFigures>().StatisticsByMonthAsync(scope);
            Assert.Equal(Numbers(whole.ToDictionary(p => p.Key, p => StatisticsNumbers.From(p.Value))), Numbers(shaped));
            Assert.Contains(shaped.Values, n => n.Total(Measures.Inspections) > 0);
        }

        var first = await ByMonthAsync();
        var kept = await Host.WithDbAsync(db => db.SettledMonths.IgnoreQueryFilters().Where(m => m.DistrictId == Ids.Beibei)
            .Select(m => new { m.MonthKey, m.Statistics }).ToListAsync());
        Assert.Contains(june.Key, kept.Select(m => m.MonthKey));
        Assert.Contains(new Month(2026, 4).Key, kept.Select(m => m.MonthKey));
        Assert.All(kept, m => Assert.NotEmpty(m.Statistics));
        Assert.Equal(Lines(first), Lines(await ByMonthAsync()));
        Assert.Contains(first.Values, f => f.Lines.Any(l => !StatisticsNumbers.Reads(l)));
        await ForStatisticsAsync(first);

        var inspection = await Host.WithDbAsync(db => db.Inspections.AsNoTracking()
            .FirstAsync(i => i.DistrictId == Ids.Beibei && i.StartedOn >= june.FirstDay && i.StartedOn <= june.LastDay && i.ReinspectionOfOrderId == null));
        var pair = new Pair(inspection.TownshipId, inspection.DepartmentId);
        var other = inspection.Result == InspectionResult.NoProblem ? InspectionResult.CaseToBeFiled : InspectionResult.NoProblem;
        Task<int> Changes() => Host.WithDbAsync(db => db.ClosedMonthChanges.IgnoreQueryFilters().CountAsync(c => c.DistrictId == Ids.Beibei));
        async Task SetAsync(Action<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Inspection>> change) =>
            await Host.WithDbAsync(async db =>
            {
                var entry = db.Entry(await db.Inspections.SingleAsync(i => i.Id == inspection.Id));
                change(entry);
                return await db.SaveChangesAsync();
            });
        var before = await Changes();
        try
        {
            await SetAsync(e => e.Property(i => i.Findings).CurrentValue = inspection.Findings + "（补记）");
            Assert.Equal(before, await Changes());

            await SetAsync(e => e.Property(i => i.Result).CurrentValue = other);
            Assert.Equal(before + 1, await Changes());
            var now = await ByMonthAsync();
            Assert.Equal(first[(pair, june)].Value(FigureGroup.Result, inspection.Result.ToString(), Measures.Inspections) - 1,
                now[(pair, june)].Value(FigureGroup.Result, inspection.Result.ToString(), Measures.Inspections));
            Assert.Equal(first[(pair, june)].Value(FigureGroup.Result, other.ToString(), Measures.Inspections) + 1,
                now[(pair, june)].Value(FigureGroup.Result, other.ToString(), Measures.Inspections));
            // The other months were still current: read as kept.
            Assert.Equal(Lines(first).Where(l => !l.Contains("|2026-06|")), Lines(now).Where(l => !l.Contains("|2026-06|")));
            await ForStatisticsAsync(now);
        }
        finally
        {
            await SetAsync(e =>
            {
                e.Property(i => i.Result).CurrentValue = inspection.Result;
                e.Property(i => i.Findings).CurrentValue = inspection.Findings;
            });
        }
        Assert.Equal(Lines(first), Lines(await ByMonthAsync()));
    }

    /// <summary>
    /// The statistics read a range as the sum of its months and what its end decides; that is, figure for figure, the range computed
    /// from its records, less the counts of distinct targets and officers, which do not add up over months.
    /// </summary>
    [Fact]
    public async Task ARangeAsTheSumOfItsMonthsIsTheRangeComputedFromTheRecords()
    {
        var scope = new FigureScope(Ids.Beibei, new DateOnly(2026, 1, 1), Month.Of(Today).LastDay);
        using var services = Host.Services.CreateScope();
        var figures = services.ServiceProvider.GetRequiredService<ReportFigures>();
        static List<string> Lines(IReadOnlyDictionary<Pair, Figures> f) =>
            [.. f.SelectMany(p => p.Value.Lines.Where(ReportFigures.AddsUpOverMonths).Select(l => $"{p.Key}|{l.Key}|{l.Name}={l.Value:0.##}"))
                .Order(StringComparer.Ordinal)];
        var range = await figures.ComputeAsync(scope);
        Assert.Contains(range.Values, f => f.Total(Measures.Inspections) > 0);
        Assert.Contains(range.Values, f => f.Lines.Any(l => l.Measure == Measures.TargetsCovered));
        Assert.Equal(Lines(range), Lines(await figures.SumOfMonthsAsync(scope, await figures.ComputeByMonthAsync(scope))));

        // In the statistics' shape: the same numbers, of the lines the statistics read.
        Assert.Contains(range.Values, f => f.Lines.Any(l => l.Measure == Measures.CasesFiled && l.Value > 0));
        Assert.Equal(Numbers(range.ToDictionary(p => p.Key, p => StatisticsNumbers.From(p.Value))),
            Numbers(await figures.StatisticsOfRangeAsync(scope, await figures.StatisticsByMonthAsync(scope))));
    }

    /// <summary>Numbers in the statistics' shape as comparable text: per key its column totals, and each matter's two numbers.</summary>
    private static List<string> Numbers<TKey>(IReadOnlyDictionary<TKey, StatisticsNumbers> numbers)
    {
        static string Text(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        return [.. numbers.SelectMany(p => p.Value.Matters.Select(m => $"{p.Key}|{m.Matter}|{Text(m.Inspections)},{Text(m.CasesFiled)}")
                .Append($"{p.Key}|totals|{string.Join(",", p.Value.Totals.Select(Text))}"))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Certificate coverage on the statistics page equals a count of the records: per township and month, the officers on its
    /// inspections started and cases filed in the month, and of them those with a certificate valid (the one rule) on each day they
    /// acted; the exercised matters are those with an inspection or a case. The table links each month to its inspections, and both
    /// tables export.
    /// </summary>
    [Fact]
    public async Task CertificateCoverageAndExercisedMattersEqualACountOfTheRecords()
    {
        var (start, end) = (new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 30));
        var (inspections, cases, certificates) = await Host.WithDbAsync(async db => (
            await db.Inspections.AsNoTracking().Where(i => i.DistrictId == Ids.Beibei && i.StartedOn >= start && i.StartedOn <= end).ToListAsync(),
            await db.Cases.AsNoTracking().Where(c => c.DistrictId == Ids.Beibei && c.FiledOn >= start && c.FiledOn <= end).ToListAsync(),
            (await db.Certificates.AsNoTracking().Where(c => c.DistrictId == Ids.Beibei).ToListAsync()).ToLookup(c => c.OfficerId)));
        var acts = inspections.SelectMany(i => i.Officers.Select(o => (i.TownshipId, o.OfficerId, Day: i.StartedOn)))
            .Concat(cases.SelectMany(c => c.Officers.Select(o => (c.TownshipId, o.OfficerId, Day: c.FiledOn)))).Distinct().ToList();
        var expected = acts.GroupBy(a => (a.TownshipId, Month: Month.Of(a.Day).ToString()))
            .ToDictionary(g => g.Key, g => (Acting: g.Select(a => a.OfficerId).Distinct().Count(),
                Certified: g.GroupBy(a => a.OfficerId).Count(o => o.All(a => certificates[a.OfficerId].Any(c => c.ValidOn(a.Day))))));
        Assert.NotEmpty(expected);

        using var console = await ConsoleSignIn.SignInAsync(Host, "office");
        using var response = await console.GetAsync("/Reports/Statistics?from=2026-05&to=2026-06&handler=Data");
        var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var actual = data.GetProperty("coverage").EnumerateArray()
            .SelectMany(r => r.GetProperty("months").EnumerateArray().Select(m => (Key: (r.GetProperty("id").GetGuid(), m.Str("month")),
                Acting: m.GetProperty("acting").GetInt32(), Certified: m.GetProperty("certified").GetInt32())))
            .Where(m => m.Acting > 0).ToDictionary(m => m.Key, m => (m.Acting, m.Certified));
        Assert.Equal(expected.OrderBy(e => e.Key.ToString()).Select(e => $"{e.Key}={e.Value}"),
            actual.OrderBy(e => e.Key.ToString()).Select(e => $"{e.Key}={e.Value}"));

        var exercised = inspections.Where(i => i.ReinspectionOfOrderId == null).Select(i => (i.TownshipId, i.MatterId))
            .Concat(cases.Select(c => (c.TownshipId, c.MatterId))).Distinct().Order().ToList();
        var listed = data.GetProperty("byTownship").EnumerateArray()
            .SelectMany(r => r.GetProperty("exercised").EnumerateArray().Select(m => (r.GetProperty("id").GetGuid(), m.GetProperty("id").GetGuid())))
            .Order().ToList();
        Assert.Equal(exercised, listed);
        var xiema = data.GetProperty("byTownship").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == Ids.Xiema);
        Assert.Equal(xiema.GetProperty("mattersUsed").GetInt32(), xiema.GetProperty("exercised").GetArrayLength());

        var page = await console.GetStringAsync("/Reports/Statistics?from=2026-05&to=2026-06");
        Assert.Contains("id=\"coverage-table\"", page);
        Assert.Contains("aria-describedby=\"coverage-table\"", page);
        var june = inspections.First(i => i.StartedOn.Month == 6 && i.Officers.Count > 0).TownshipId;
        Assert.Contains($"href=\"/Inspections?township={june}&month=2026-06\"", page);
        var records = await console.GetStringAsync($"/Inspections?township={june}&month=2026-06");
        var ofMonth = inspections.Where(i => i.TownshipId == june && i.StartedOn.Month == 6).Select(i => i.Id.ToString()).ToHashSet();
        var shown = System.Text.RegularExpressions.Regex.Matches(records, "/Inspections/Detail/([0-9a-f-]{36})").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, id => Assert.Contains(id, ofMonth));

        foreach (var (by, title) in new[] { ("coverage", "持证执法覆盖率"), ("exercised", "实际行使的委托事项") })
        {
            using var xlsx = await console.GetAsync($"/Reports/Statistics?from=2026-05&to=2026-06&handler=Export&by={by}");
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            var sheet = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(title, sheet[0]["A"]);
            Assert.Contains(sheet, row => Equals(row["A"], "歇马镇"));
        }
    }

    /// <summary>
    /// The office sets the due day on its page: a day outside 1–20 is refused beside the field with nothing saved, a good one is kept (the
    /// API reads it); a township and the admin may not open the page.
    /// </summary>
    [Fact]
    public async Task TheOfficeSetsTheDueDayOnItsPage()
    {
        using var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var form = await office.GetStringAsync("/Reports/Settings");
        Assert.Contains("name=\"Input.DueWorkingDay\"", form);
        async Task<HttpResponseMessage> Post(string day) => await office.PostAsync("/Reports/Settings", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Input.DueWorkingDay"] = day, ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(form) }));
        async Task<int> Saved() => (await (await As("office")).GetAsync("/api/reports/settings").ExpectAsync(HttpStatusCode.OK))
            .GetProperty("dueWorkingDay").GetInt32();
        var before = await Saved();
        try
        {
            using (var refused = await Post("25"))
            {
                Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
                Assert.Matches("data-for=\"DueWorkingDay\">[^<]+<", await refused.Content.ReadAsStringAsync());
            }
            Assert.Equal(before, await Saved());
            using (var saved = await Post("7"))
            {
                Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            }
            Assert.Equal(7, await Saved());
        }
        finally
        {
            await (await As("office")).PutAsJsonAsync("/api/reports/settings", new { dueWorkingDay = before }).ExpectStatusAsync(HttpStatusCode.OK);
        }
        foreach (var user in new[] { "town.xiema", "admin" })
        {
            using var other = await ConsoleSignIn.SignInAsync(Host, user);
            using var denied = await other.GetAsync("/Reports/Settings");
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/Account/Denied", denied.Headers.Location!.PathAndQuery());
        }
    }

    /// <summary>
    /// The half-year summary of 歇马镇 is drafted from the figures in the seed's voice ("林业方面进行森林防火检查25次") and opens in LibreOffice;
    /// a township drafts only its own.
    /// </summary>
    [Fact]
    public async Task TheHalfYearSummaryIsDraftedFromTheFiguresAndOpens()
    {
        Assert.Equal("2026年上半年", ReportSummary.Period(new Month(2026, 1), new Month(2026, 6)));
        Assert.Equal("林业方面进行检查25次，立案2件", ReportSummary.Clause("forestry", m => m switch
        {
            Measures.Inspections => 25m,
            Measures.CasesFiled => 2m,
            _ => 0m,
        }));
        // A domain whose inspections were all of one matter names it, unless its name already holds the domain's.
        Assert.Equal("林业方面进行森林防火检查25次", ReportSummary.Clause("forestry", m => m == Measures.Inspections ? 25m : 0m, "森林防火检查"));
        Assert.Equal("环境保护方面进行了6次检查", ReportSummary.Clause("environment", m => m == Measures.Inspections ? 6m : 0m, "排污单位环境保护现场检查"));
        using var console = await ConsoleSignIn.SignInAsync(Host, "office");
        using var response = await console.GetAsync($"/Reports/Rollup?handler=Summary&from=2026-06&to=2026-06&township={Ids.Xiema}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dir = Directory.CreateTempSubdirectory("entrust-summary-");
        try
        {
            var docx = Path.Combine(dir.FullName, "summary.docx");
            await File.WriteAllBytesAsync(docx, await response.Content.ReadAsByteArrayAsync());
            var text = string.Concat((await LibreOffice.PdfText(await LibreOffice.ConvertToPdf(docx, dir.FullName), dir.FullName)).Where(c => !char.IsWhiteSpace(c)));
            Assert.Contains("重庆市北碚区歇马镇人民政府2026年6月委托执法工作总结", text); // the township by its full legal name
            Assert.Contains("林业方面进行森林防火检查25次", text);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
        using var township = await ConsoleSignIn.SignInAsync(Host, "town.tiansheng");
        using var own = await township.GetAsync($"/Reports/Rollup?handler=Summary&from=2026-06&to=2026-06&township={Ids.Xiema}");
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
    }

    /// <summary>
    /// The summary quotes, in its problems section, the remarks of the period's submitted reports per township (the demo's 歇马镇
    /// wrote them on its May and June reports), and its data paragraph reads as the seed's; a department's summary quotes only the
    /// remarks sent to it.
    /// </summary>
    [Fact]
    public async Task TheSummaryQuotesTheTownshipsRemarksInItsProblemsSection()
    {
        static async Task<string> Text(HttpClient client, string query)
        {
            using var response = await client.GetAsync("/Reports/Rollup?handler=Summary&" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(
                new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
            return string.Join("\n", document.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
                .Select(p => p.InnerText));
        }
        using var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var text = await Text(office, $"from=2026-01&to=2026-06&township={Ids.Xiema}");
        Assert.Contains("计划生育方面立案7件，查处5件", text);
        var problems = text[text.IndexOf("三、存在的问题", StringComparison.Ordinal)..];
        Assert.Contains("歇马镇：", problems);
        Assert.Contains("6月（报区林业局）“镇急需的森林防火处罚权限尚未纳入试点范围，已于6月报请区政府研究”", problems);
        Assert.Contains("市政管理处罚权尚未委托", problems);
        Assert.Contains("委托协议自5月1日起施行", problems);

        using var forestry = await ConsoleSignIn.SignInAsync(Host, "dept.forestry");
        var own = await Text(forestry, $"from=2026-01&to=2026-06&township={Ids.Xiema}");
        Assert.Contains("森林防火处罚权限", own);
        Assert.DoesNotContain("市政管理处罚权", own);
    }

    /// <summary>
    /// GET /api/statistics answers what the statistics page draws (the same book method), for the district or one township; a
    /// township reader is refused (403), a township of another district or a guessed id is 404, and a range backwards is a 400
    /// ProblemDetails in the reader's language.
    /// </summary>
    [Fact]
    public async Task TheStatisticsApiAnswersWhatThePageDrawsWithinTheDataScope()
    {
        var office = await As("office");
        var api = await office.GetAsync("/api/statistics?from=2026-05&to=2026-06").ExpectAsync(HttpStatusCode.OK);
        using var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = JsonDocument.Parse(await console.GetStringAsync("/Reports/Statistics?from=2026-05&to=2026-06&handler=Data")).RootElement;
        foreach (var part in new[] { "byMonth", "byTownship", "byDepartment", "coverage" })
        {
            Assert.Equal(JsonSerializer.Serialize(page.GetProperty(part)), JsonSerializer.Serialize(api.GetProperty(part)));
        }
        var xiema = api.GetProperty("byTownship").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == Ids.Xiema);
        var one = await office.GetAsync($"/api/statistics?from=2026-05&to=2026-06&township={Ids.Xiema}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonSerializer.Serialize(xiema), JsonSerializer.Serialize(Assert.Single(one.GetProperty("byTownship").EnumerateArray())));
        Assert.Equal(xiema.GetProperty("figures").GetProperty(Measures.Inspections).GetDecimal(),
            one.GetProperty("byMonth").EnumerateArray().Sum(m => m.GetProperty("figures").GetProperty(Measures.Inspections).GetDecimal()));

        // 歇马镇's agreements run from 1 May 2026: its statistics of the first half-year start in May.
        var half = await office.GetAsync($"/api/statistics?from=2026-01&to=2026-06&township={Ids.Xiema}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["2026-05", "2026-06"], half.GetProperty("byMonth").EnumerateArray().Select(m => m.Str("month")));

        await office.GetAsync($"/api/statistics?township={Ids.SecondTownship}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await office.GetAsync($"/api/statistics?township={Guid.NewGuid()}").ExpectStatusAsync(HttpStatusCode.NotFound);
        var denied = await (await As("town.xiema")).GetAsync($"/api/statistics?township={Ids.Xiema}").ExpectAsync(HttpStatusCode.Forbidden);
        Assert.False(string.IsNullOrEmpty(denied.Str("title")));
        var zh = await office.GetAsync("/api/statistics?from=2026-07&to=2026-05").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Reports.RangeBackwards", zh.Str("code"));
        Assert.Contains("晚于", zh.Str("detail"));
        var en = await (await As("office", "en")).GetAsync("/api/statistics?from=2026-07&to=2026-05").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("is after", en.Str("detail"));
    }

    /// <summary>
    /// GET /api/summaries/{period}/document drafts the same .docx as the roll-up page: 歇马镇's first half of 2026 reads as the seed;
    /// a township drafts its own (another township's id is 404, as is a guessed one or one of another district), and a period not
    /// understood is a 400 ProblemDetails naming the forms, in Chinese or English.
    /// </summary>
    [Fact]
    public async Task TheSummaryApiDraftsTheDocumentWithinTheDataScope()
    {
        static async Task<string> Text(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(ReportSummary.ContentType, response.Content.Headers.ContentType?.MediaType);
            using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(
                new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
            return document.MainDocumentPart!.Document!.Body!.InnerText;
        }
        var office = await As("office");
        var text = await Text(await office.GetAsync($"/api/summaries/2026-H1/document?township={Ids.Xiema}"));
        Assert.Contains("2026年上半年委托执法工作总结", text);
        Assert.Contains("计划生育方面立案7件，查处5件", text);
        // The seed's own sentence, as the demo's records compile to it, and no reconsideration or litigation in the half-year.
        const string seed = "二、各领域执法情况计划生育方面立案7件，查处5件；林业方面进行森林防火检查25次；环境保护方面进行了6次检查；";
        var section = text[text.IndexOf("二、各领域执法情况", StringComparison.Ordinal)..];
        Assert.Equal(seed, section[..Math.Min(seed.Length, section.Length)]);
        Assert.Contains("未发生行政复议、行政诉讼。", text);
        using var console = await ConsoleSignIn.SignInAsync(Host, "office");
        Assert.Equal(text, await Text(await console.GetAsync($"/Reports/Rollup?handler=Summary&from=2026-01&to=2026-06&township={Ids.Xiema}")));

        var own = await Text(await (await As("town.xiema")).GetAsync("/api/summaries/2026-01..2026-06/document"));
        Assert.Contains("歇马镇", own);
        Assert.Contains("计划生育方面立案7件，查处5件", own);
        var tiansheng = await As("town.tiansheng");
        await tiansheng.GetAsync($"/api/summaries/2026-H1/document?township={Ids.Xiema}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await office.GetAsync($"/api/summaries/2026-H1/document?township={Ids.SecondTownship}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await office.GetAsync($"/api/summaries/2026/document?township={Guid.NewGuid()}").ExpectStatusAsync(HttpStatusCode.NotFound);

        var zh = await office.GetAsync("/api/summaries/2026-H3/document").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Reports.PeriodInvalid", zh.Str("code"));
        Assert.Contains("无法识别", zh.Str("detail"));
        var en = await (await As("office", "en")).GetAsync("/api/summaries/26/document").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not understood", en.Str("detail"));
        Assert.Equal((new Month(2026, 7), new Month(2026, 12)), ReportSummary.ParsePeriod("2026-H2"));
        Assert.Equal((new Month(2026, 1), new Month(2026, 12)), ReportSummary.ParsePeriod("2026"));
        Assert.Equal((new Month(2026, 5), new Month(2026, 5)), ReportSummary.ParsePeriod("2026-05"));
    }

    /// <summary>
    /// The summary's problems section is drafted from the gaps of the period the reader sees: a matter dormant since before the period
    /// and still open is named with its township and matter; a gap closed before the period began is not; a department's summary
    /// leaves out the gaps of other departments.
    /// </summary>
    [Fact]
    public async Task TheSummarysProblemsAreDraftedFromTheGapsOfThePeriod()
    {
        var f = await FreshPairAsync();
        var month = Month.Of(Today);
        var at = Host.Clock.GetUtcNow();
        var (township, matter) = await Host.WithDbAsync(async db =>
        {
            GapFinding Finding(GapKind kind, DateOnly since, string[] figures) => new(kind, $"{kind}:{f.Township}:{f.Matter}", f.Township,
                f.Department, f.Matter, null, null, null, since, GapSeverity.Medium, [], figures);
            db.Gaps.Add(new Gap(Ids.Beibei, Finding(GapKind.DormantMatter, month.FirstDay.AddDays(-40), ["100", "90", ""]), month.FirstDay.AddDays(-10), at));
            var closed = new Gap(Ids.Beibei, Finding(GapKind.Turnover, month.FirstDay.AddDays(-60), ["2", "4"]), month.FirstDay.AddDays(-60), at);
            closed.Close("office", "已补充人员", month.FirstDay.AddDays(-1), at);
            db.Gaps.Add(closed);
            await db.SaveChangesAsync();
            return (await db.Townships.Where(t => t.Id == f.Township).Select(t => t.Name).SingleAsync(),
                await db.Matters.Where(m => m.Id == f.Matter).Select(m => m.Name).SingleAsync());
        });
        static async Task<string> Problems(HttpClient client, string path)
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(
                new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
            var text = string.Join("\n", document.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
                .Select(p => p.InnerText));
            return text[text.IndexOf("三、存在的问题", StringComparison.Ordinal)..];
        }
        var path = $"/api/summaries/{month}/document?township={f.Township}";
        var problems = await Problems(await As("office"), path);
        Assert.Contains($"执法空档排查发现：委托事项长期未行使1项（{township}“{matter}”）。", problems);
        Assert.DoesNotContain("执法人员流失", problems);
        Assert.Contains("委托事项长期未行使1项", await Problems(await As(f.TownshipUser), $"/api/summaries/{month}/document"));
        Assert.DoesNotContain("执法空档排查发现", await Problems(await As("dept.forestry"), path));
    }

    /// <summary>
    /// The office writes the summary's 做法 and 下一步 paragraphs, through the API or the roll-up page's form, and they stand in their
    /// sections of the .docx; a text longer than allowed is refused (400, naming the field) with no document.
    /// </summary>
    [Fact]
    public async Task TheOfficesParagraphsAreWrittenIntoTheSummary()
    {
        static async Task<string> Text(HttpResponseMessage response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(
                new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
            return string.Join("\n", document.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
                .Select(p => p.InnerText));
        }
        var office = await As("office");
        var text = await Text(await office.PostAsJsonAsync($"/api/summaries/2026-H1/document?township={Ids.Xiema}",
            new { practice = "建立镇村两级执法台账。\n每月召开一次执法例会。", nextSteps = "争取森林防火处罚权限纳入委托范围。" }));
        var practice = text.IndexOf("建立镇村两级执法台账。\n每月召开一次执法例会。", StringComparison.Ordinal);
        var problems = text.IndexOf("三、存在的问题", StringComparison.Ordinal);
        Assert.InRange(practice, text.IndexOf("二、各领域执法情况", StringComparison.Ordinal), problems);
        Assert.True(text.IndexOf("下一步工作：\n争取森林防火处罚权限纳入委托范围。", StringComparison.Ordinal) > problems);
        Assert.DoesNotContain("请结合各月报表", text);

        var refused = await office.PostAsJsonAsync("/api/summaries/2026-H1/document", new { practice = new string('字', SummaryText.Length + 1) })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Validation.TooLong", refused.Str("code"));
        Assert.True(refused.GetProperty("errors").TryGetProperty("Practice", out _));

        using var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await console.GetStringAsync("/Reports/Rollup?from=2026-01&to=2026-06");
        Assert.Contains("id=\"summary-form\"", page);
        using var posted = await console.PostAsync($"/Reports/Rollup?handler=Summary&from=2026-01&to=2026-06&township={Ids.Xiema}",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Practice"] = "实行执法全过程记录。",
                ["NextSteps"] = "加强执法人员培训。",
                ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(page),
            }));
        var written = await Text(posted);
        Assert.Contains("实行执法全过程记录。", written);
        Assert.Contains("下一步工作：\n加强执法人员培训。", written);
    }

    /// <summary>
    /// The summary's 文号 is optional: written with the paragraphs it is kept with them and printed under the title, in the document
    /// and in the preview alike; one too long is refused (400, the field named) and nothing is kept.
    /// </summary>
    [Fact]
    public async Task TheSummarysDocumentNumberIsKeptAndPrintedUnderTheTitle()
    {
        const string period = "2026-01..2026-03";
        var path = $"/api/summaries/{period}/text?township={Ids.Xiema}";
        var office = await As("office");
        var kept = await office.PutAsJsonAsync(path, new { nextSteps = "完善考核办法。", documentNumber = " 歇府发〔2026〕12号 " })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("歇府发〔2026〕12号", kept.Str("documentNumber"));

        using var response = await office.GetAsync($"/api/summaries/{period}/document?township={Ids.Xiema}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paragraphs = WordText(await response.Content.ReadAsByteArrayAsync()).Split('\n');
        Assert.EndsWith("委托执法工作总结", paragraphs[0]);
        Assert.Equal("歇府发〔2026〕12号", paragraphs[1]);
        var preview = await office.GetAsync($"/api/summaries/{period}?township={Ids.Xiema}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("number", preview.GetProperty("lines")[1].Str("kind"), ignoreCase: true);
        Assert.Equal("歇府发〔2026〕12号", preview.GetProperty("lines")[1].Str("text"));

        var tooLong = await office.PutAsJsonAsync(path, new { documentNumber = new string('号', SummaryText.NumberLength + 1) })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("DocumentNumber", out _));
        Assert.Equal("歇府发〔2026〕12号", (await office.GetAsync(path).ExpectAsync(HttpStatusCode.OK)).Str("documentNumber"));
    }

    /// <summary>
    /// The paragraphs written for a summary are kept: read back through the API, written into the document and the line-by-line preview
    /// without posting them again, shared by the office and the township for the township's summary but not with a department's own;
    /// the auditor may not write (403), a text too long is refused with what was kept unchanged, and another district's township is 404.
    /// </summary>
    [Fact]
    public async Task TheParagraphsWrittenForASummaryAreKeptAndItsDocumentUsesThem()
    {
        const string period = "2026-02..2026-04";
        var path = $"/api/summaries/{period}/text?township={Ids.Xiema}";
        var office = await As("office");
        var empty = await office.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("practice").ValueKind);

        var kept = await office.PutAsJsonAsync(path, new { practice = "  推行执法事项清单化管理。\n建立乡镇执法协调机制。 ", nextSteps = "完善考核办法。" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("推行执法事项清单化管理。\n建立乡镇执法协调机制。", kept.Str("practice"));
        Assert.Equal("完善考核办法。", (await office.GetAsync(path).ExpectAsync(HttpStatusCode.OK)).Str("nextSteps"));

        // The document and the preview use the kept paragraphs without them being posted again.
        using var response = await office.GetAsync($"/api/summaries/{period}/document?township={Ids.Xiema}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Contains("建立乡镇执法协调机制。", paragraphs);
        Assert.Contains("完善考核办法。", paragraphs);
        var preview = await office.GetAsync($"/api/summaries/{period}?township={Ids.Xiema}").ExpectAsync(HttpStatusCode.OK);
        var lines = preview.GetProperty("lines").EnumerateArray().Select(l => l.Str("text")).ToList();
        Assert.Equal(paragraphs.Where(p => p.Length > 0), lines);
        Assert.Equal("title", preview.GetProperty("lines")[0].Str("kind"), ignoreCase: true);

        // The township's own summary is the same one; a department's own summary (its matters only) keeps its own paragraphs.
        Assert.Equal("完善考核办法。", (await (await As("town.xiema")).GetAsync($"/api/summaries/{period}/text").ExpectAsync(HttpStatusCode.OK)).Str("nextSteps"));
        var forestry = await As("dept.forestry");
        Assert.Equal(JsonValueKind.Null, (await forestry.GetAsync(path).ExpectAsync(HttpStatusCode.OK)).GetProperty("nextSteps").ValueKind);
        await forestry.PutAsJsonAsync(path, new { nextSteps = "加大森林防火检查频次。" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("完善考核办法。", (await office.GetAsync(path).ExpectAsync(HttpStatusCode.OK)).Str("nextSteps"));

        // Refused: the auditor writes (403), a text too long (400, the field named), another district's township (404); nothing kept.
        await (await As("auditor")).PutAsJsonAsync(path, new { nextSteps = "审计意见。" }).ExpectAsync(HttpStatusCode.Forbidden);
        var tooLong = await office.PutAsJsonAsync(path, new { practice = new string('字', SummaryText.Length + 1), nextSteps = "改了。" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Validation.TooLong", tooLong.Str("code"));
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("Practice", out _));
        await office.PutAsJsonAsync($"/api/summaries/{period}/text?township={Ids.SecondTownship}", new { nextSteps = "越界。" })
            .ExpectAsync(HttpStatusCode.NotFound);
        await office.PutAsJsonAsync($"/api/summaries/{period}/text?township={Guid.NewGuid()}", new { nextSteps = "猜的。" })
            .ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("完善考核办法。", (await office.GetAsync(path).ExpectAsync(HttpStatusCode.OK)).Str("nextSteps"));
    }

    /// <summary>
    /// On the roll-up page the office saves the paragraphs, finds them in the form when it comes back, and previews the summary with
    /// what it typed (not kept) before the download; a text too long is refused beside its field and the kept text stays.
    /// </summary>
    [Fact]
    public async Task TheRollupPageSavesAndPreviewsTheSummary()
    {
        using var console = await ConsoleSignIn.SignInAsync(Host, "office");
        const string range = "from=2026-03&to=2026-05";
        var page = await console.GetStringAsync($"/Reports/Rollup?{range}");
        async Task<HttpResponseMessage> Post(string handler, string practice, string nextSteps) =>
            await console.PostAsync($"/Reports/Rollup?handler={handler}&{range}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Township"] = Ids.Xiema.ToString(),
                ["Practice"] = practice,
                ["NextSteps"] = nextSteps,
                ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(page),
            }));

        using var saved = await Post("SaveSummary", "坚持每月联席会议制度。", "推进执法数据共享。");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var again = await console.GetStringAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("坚持每月联席会议制度。</textarea>", again);
        Assert.Contains("总结文字已保存", again);

        using var previewed = await Post("PreviewSummary", "试行执法积分制。", "推进执法数据共享。");
        var preview = await previewed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var lines = preview[preview.IndexOf("id=\"summary-lines\"", StringComparison.Ordinal)..];
        Assert.Contains("2026年3月至5月委托执法工作总结</h2>", lines);
        Assert.Contains("<p>试行执法积分制。</p>", lines);
        Assert.Contains("试行执法积分制。</textarea>", preview);
        Assert.Contains("坚持每月联席会议制度。", await console.GetStringAsync($"/Reports/Rollup?{range}&township={Ids.Xiema}"));

        using var refused = await Post("SaveSummary", new string('字', SummaryText.Length + 1), "不应保存。");
        var shown = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("class=\"field-error\"", shown);
        Assert.Contains("aria-invalid=\"true\"", shown);
        var text = await (await As("office")).GetAsync($"/api/summaries/2026-03..2026-05/text?township={Ids.Xiema}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("坚持每月联席会议制度。", text.Str("practice"));
        Assert.Equal("推进执法数据共享。", text.Str("nextSteps"));
    }

    [Fact]
    public void AReportIsFlaggedLateOnceTheDayAfterItsDueDay()
    {
        var report = new MonthlyReport(Ids.Beibei, Ids.Xiema, Ids.Forestry, new Month(2026, 10));
        var due = new DateOnly(2026, 11, 6);
        Assert.False(report.FlagLate(due, due));
        Assert.True(report.FlagLate(due, due.AddDays(1)));
        Assert.False(report.FlagLate(due, due.AddDays(2)));
        Assert.Equal(due.AddDays(1), report.FlaggedLateOn);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReportsApiTests_Sqlite(SqliteHost host) : ReportsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class ReportsApiTests_Postgres(PostgresHost host) : ReportsApiTests(host);
