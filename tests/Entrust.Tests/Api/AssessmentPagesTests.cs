using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Assessment;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// The case-file review and accountability pages (issue 17) as a browser posts them, with the page's anti-forgery token: each step
/// is taken through its form; a refused form is drawn again with the message beside its field, and nothing is written.
/// </summary>
public abstract class AssessmentPagesTests(HostFixture host) : OfficerTest(host)
{
    private const string Reviews = "/Assessment/FileReviews";
    private const string Records = "/Assessment/Accountability";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string page, Dictionary<string, string> fields,
        params (string Name, string Value)[] repeated)
    {
        var pairs = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
            .Concat(repeated.Select(r => new KeyValuePair<string, string>(r.Name, r.Value)))
            .Append(new("__RequestVerificationToken", ConsoleSignIn.Antiforgery(page)));
        return await client.PostAsync(url, new FormUrlEncodedContent(pairs));
    }

    /// <summary>The form was refused: the page again (200) with the message in a field-error span right after the field's control.</summary>
    private static async Task<string> RefusedAsync(HttpResponseMessage response, string controlPattern)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(controlPattern + @"\s*<span class=""field-error"">[^<]+</span>", html);
        return html;
    }

    private const string Options = @"(?:\s*<option[^>]*>[^<]*</option>)*\s*</select></label>";

    private static string Redirected(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private Task<int> ReviewCountAsync() => Host.WithDbAsync(db => db.FileReviews.IgnoreQueryFilters().CountAsync());

    /// <summary>
    /// 案卷评查 on the page: a draw without a count, or without reviewers, is refused beside the field and writes nothing; 天生街道's concluded
    /// 计划生育 file is drawn with officers of 区安监局; the draw verifies on the page; a handler given as reviewer is refused beside the
    /// reviewers (LAW 11); a score above an item's maximum is refused beside the scores, then the file is graded 优秀.
    /// </summary>
    [Fact]
    public async Task TheOfficeDrawsAndGradesAFileOnThePage()
    {
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await office.GetStringAsync($"{Reviews}?year=2026");
        var pool = await Host.WithDbAsync(db => db.Officers.IgnoreQueryFilters().Where(o => o.DepartmentId == Ids.Safety)
            .OrderBy(o => o.Id).Select(o => o.Id).Take(3).ToListAsync());
        Dictionary<string, string> Draw(string count) => new()
        {
            ["Input.Year"] = "2026",
            ["Input.TownshipId"] = Ids.Tiansheng.ToString(),
            ["Input.Domain"] = "family-planning",
            ["Input.Count"] = count,
        };
        var before = await ReviewCountAsync();
        var reviewers = pool.Select(o => ("Input.ReviewerIds", o.ToString())).ToArray();
        using (var refused = await PostAsync(office, $"{Reviews}?handler=Draw", page, Draw(""), reviewers))
        {
            await RefusedAsync(refused, @"id=""draw-count""[^>]*/></label>\s*<label>[^<]*<input[^>]*name=""Input.Proportion""[^>]*/></label>");
        }
        using (var refused = await PostAsync(office, $"{Reviews}?handler=Draw", page, Draw("1")))
        {
            await RefusedAsync(refused, @"<fieldset id=""draw-reviewers""[\s\S]*?</fieldset>");
        }
        // The township starts on 请选择, never on the list's first; left so, the draw is refused naming it beside the select.
        Assert.Matches(@"id=""draw-township""[^>]*>\s*<option value="""">请选择</option>", page);
        using (var refused = await PostAsync(office, $"{Reviews}?handler=Draw", page, new(Draw("1")) { ["Input.TownshipId"] = "" }, reviewers))
        {
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Matches(@"id=""draw-township""[\s\S]*?</select></label>\s*<span class=""field-error"">请填写“被评查乡镇”", html);
        }
        Assert.Equal(before, await ReviewCountAsync());

        string drawn;
        using (var done = await PostAsync(office, $"{Reviews}?handler=Draw", page, Draw("1"), reviewers))
        {
            drawn = Redirected(done);
        }
        var review = await Host.WithDbAsync(db => db.FileReviews.IgnoreQueryFilters().Include(r => r.Files)
            .SingleAsync(r => r.TownshipId == Ids.Tiansheng && r.Year == 2026 && r.Domain == "family-planning"));
        Assert.Equal($"{Reviews}?year=2026#r-{review.Id}", drawn);
        var file = Assert.Single(review.Files);
        Assert.Contains(file.Reviewer1Id, pool);
        Assert.Contains("data-matches=\"True\"", await office.GetStringAsync($"{Reviews}?handler=Verify&id={review.Id}&year=2026"));

        // 回避: a handler of the case as reviewer is refused beside the reviewers; the file keeps its reviewers.
        var handler = await Host.WithDbAsync(async db => (await db.Cases.IgnoreQueryFilters().Include(c => c.Officers)
            .SingleAsync(c => c.Id == file.CaseId)).HandlerIds.First());
        page = await office.GetStringAsync($"{Reviews}?year=2026");
        using (var refused = await PostAsync(office, $"{Reviews}?handler=Assign&year=2026", page, new()
        {
            ["Input.FileId"] = file.Id.ToString(),
            ["Input.Reviewer1Id"] = handler.ToString(),
            ["Input.Reviewer2Id"] = file.Reviewer2Id.ToString(),
        }))
        {
            var html = await RefusedAsync(refused, @"aria-label=""[^""]+ 2""[^>]*>" + Options);
            Assert.Contains("第四十三条", html);
        }
        Assert.Equal(file.Reviewer1Id, await Host.WithDbAsync(db => db.ReviewedFiles.IgnoreQueryFilters().Where(f => f.Id == file.Id)
            .Select(f => f.Reviewer1Id).SingleAsync()));

        // A score above an item's maximum: refused beside the scores, the file not graded; then the full marks grade it 优秀.
        (string, string)[] Scores(params int[] scores) => [.. scores.Select(s => ("Input.Scores", s.ToString()))];
        var score = new Dictionary<string, string> { ["Input.FileId"] = file.Id.ToString(), ["Input.Findings"] = "" };
        using (var refused = await PostAsync(office, $"{Reviews}?handler=Score&year=2026", page, score, Scores(16, 25, 20, 20, 10, 10)))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Matches($"name=\"Input.Scores\"[^>]*/></label>\\s*<span class=\"field-error\">[^<]+</span>",
                await refused.Content.ReadAsStringAsync());
        }
        Assert.Null(await Host.WithDbAsync(db => db.ReviewedFiles.IgnoreQueryFilters().Where(f => f.Id == file.Id).Select(f => f.Grade).SingleAsync()));
        using (var done = await PostAsync(office, $"{Reviews}?handler=Score&year=2026", page, score, Scores(15, 25, 20, 20, 10, 10)))
        {
            Assert.Equal($"{Reviews}?year=2026#f-{file.Id}", Redirected(done));
        }
        Assert.Contains($"id=\"f-{file.Id}\" data-grade=\"Excellent\"", await office.GetStringAsync($"{Reviews}?year=2026"));

        // A township reads the page and has no form to draw with; a post from it is forbidden.
        var township = await ConsoleSignIn.SignInAsync(Host, "town.tiansheng");
        var its = await township.GetStringAsync($"{Reviews}?year=2026");
        Assert.Contains($"id=\"r-{review.Id}\"", its);
        Assert.DoesNotContain("id=\"draw-submit\"", its);
        using var forbidden = await PostAsync(township, $"{Reviews}?handler=Draw", its, Draw("1"), reviewers);
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.StartsWith("/Account/Denied", forbidden.Headers.Location!.PathAndQuery);
    }

    private async Task<Guid> CertifiedAsync(string name)
    {
        var officer = await PassedOfficerAsync(Ids.Xiema, name + Guid.NewGuid().ToString("N")[..4]);
        await (await As("office")).PostAsJsonAsync("/api/certificates",
            new { officerId = officer, domains = new[] { "forestry" }, issuedOn = Day(Today.AddDays(-30)) }).ExpectAsync(HttpStatusCode.Created);
        return officer;
    }

    private async Task<JsonElement> RecordAsync(Guid id) =>
        await (await As("office")).GetAsync($"/api/accountability/{id}").ExpectAsync(HttpStatusCode.OK);

    /// <summary>
    /// The officer to hold accountable is chosen, never the list's first by default: the select opens on 请选择 with each officer's unit
    /// beside the name (a district has several 王伟); sent without one, it is refused beside the select in Chinese, the facts and
    /// the fault typed are kept, and nothing is written.
    /// </summary>
    [Fact]
    public async Task OpeningARecordWithoutChoosingTheOfficerIsRefusedBesideTheSelect()
    {
        var officer = await Host.WithDbAsync(db => db.Officers.IgnoreQueryFilters().Where(o => o.TownshipId == Ids.Xiema)
            .OrderBy(o => o.Id).Select(o => new { o.Id, o.Name }).FirstAsync());
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await office.GetStringAsync(Records);
        Assert.Matches(@"id=""open-officer""[^>]*>\s*<option value="""">请选择</option>", page);
        Assert.Contains($"<option value=\"{officer.Id}\">{officer.Name}（歇马镇）</option>", page);
        var api = await As("office");
        var count = (await api.GetAsync("/api/accountability").ExpectAsync(HttpStatusCode.OK)).GetArrayLength();

        using var refused = await PostAsync(office, $"{Records}?handler=Open", page, new()
        {
            ["Input.OfficerId"] = "",
            ["Input.Fault"] = "GrossNegligence",
            ["Input.Facts"] = "未选人员时填写的事实",
            ["Input.On"] = "",
        });

        var html = await RefusedAsync(refused, @"id=""open-officer""[^>]*>" + Options);
        Assert.Contains("请选择“执法人员”。", html);
        Assert.Contains("未选人员时填写的事实</textarea>", html);
        Assert.Matches(@"<option value=""GrossNegligence"" selected=""selected"">", html);
        Assert.Equal(count, (await api.GetAsync("/api/accountability").ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    /// <summary>
    /// 执法过错责任追究 on the page: opening a record without facts is refused beside the facts and writes nothing; deciding before the
    /// officer is heard is refused beside the statement; then heard, the certificate suspended (may-act answers no that day), notified,
    /// appealed and the appeal decided, each through its form.
    /// </summary>
    [Fact]
    public async Task TheOfficeTakesARecordThroughEveryStepOnThePage()
    {
        var matter = await DemoMatterAsync("198-05");
        var officer = await CertifiedAsync("页面追责");
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await office.GetStringAsync(Records);
        Assert.Contains($"<option value=\"{officer}\"", page);
        var api = await As("office");
        var count = (await api.GetAsync("/api/accountability").ExpectAsync(HttpStatusCode.OK)).GetArrayLength();
        Dictionary<string, string> Open(string facts) => new()
        {
            ["Input.OfficerId"] = officer.ToString(),
            ["Input.Fault"] = "GrossNegligence",
            ["Input.Facts"] = facts,
            ["Input.On"] = "",
        };
        using (var refused = await PostAsync(office, $"{Records}?handler=Open", page, Open(" ")))
        {
            await RefusedAsync(refused, @"id=""open-facts""[^>]*>[^<]*</textarea></label>");
        }
        Assert.Equal(count, (await api.GetAsync("/api/accountability").ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
        Guid id;
        using (var opened = await PostAsync(office, $"{Records}?handler=Open", page, Open("现场检查未出示执法证件，擅自变更处罚种类")))
        {
            var url = Redirected(opened);
            Assert.StartsWith($"{Records}?record=", url);
            id = Guid.Parse(url[$"{Records}?record=".Length..url.IndexOf('#')]);
            Assert.Equal(AccountabilityModel.Link(id), url);
        }

        async Task<string?> Step(string handler, Dictionary<string, string> fields)
        {
            fields["Input.RecordId"] = id.ToString();
            using var response = await PostAsync(office, $"{Records}?handler={handler}", page, fields);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Equal($"{Records}?record={id}#a-{id}", response.Headers.Location!.OriginalString);
                return null;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }
        var decide = new Dictionary<string, string>
        {
            ["Input.Measure"] = "CertificateSuspended",
            ["Input.DecisionNumber"] = "北碚法制追〔2026〕21号",
            ["Input.DecisionReasons"] = "重大过失，暂扣执法证三个月",
        };
        var refusedDecision = await Step("Decide", new(decide));
        Assert.NotNull(refusedDecision);
        Assert.Matches("name=\"Input.Statement\"[^>]*/>\\s*<input type=\"date\"[^>]*/>\\s*<span class=\"field-error\">[^<]*陈述[^<]*</span>", refusedDecision);
        Assert.Equal("Opened", (await RecordAsync(id)).Str("state"));

        Assert.Null(await Step("Hear", new() { ["Input.Statement"] = "证件遗落在车内，承认程序有瑕疵", ["Input.On"] = "" }));
        Assert.Null(await Step("Decide", new(decide)));
        var decided = await RecordAsync(id);
        Assert.Equal("CertificateSuspended", decided.Str("measure"));
        Assert.False((await api.GetAsync($"/api/officers/{officer}/may-act?matter={matter}&township={Ids.Xiema}&date={Day(Today)}")
            .ExpectAsync(HttpStatusCode.OK)).GetProperty("mayAct").GetBoolean());
        Assert.Null(await Step("Notify", new() { ["Input.On"] = "" }));
        Assert.Null(await Step("Appeal", new() { ["Input.Text"] = "请求改为批评教育", ["Input.On"] = "" }));
        Assert.NotNull(await Step("DecideAppeal", new() { ["Input.Text"] = " " }));
        Assert.Equal("Appealed", (await RecordAsync(id)).Str("state"));
        Assert.Null(await Step("DecideAppeal", new() { ["Input.Text"] = "事实清楚，维持原决定" }));
        var final = await RecordAsync(id);
        Assert.Equal("AppealDecided", final.Str("state"));
        Assert.False(final.GetProperty("appealUpheld").GetBoolean());
        Assert.Contains($"id=\"a-{id}\" data-state=\"{AccountabilityState.AppealDecided}\"", await office.GetStringAsync(Records));

        // 歇马镇 reads its officer's record and has no form; 天生街道 does not see it.
        var township = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        var mine = await township.GetStringAsync(Records);
        Assert.Contains($"id=\"a-{id}\"", mine);
        Assert.DoesNotContain("id=\"open-submit\"", mine);
        Assert.DoesNotContain($"id=\"a-{id}\"", await (await ConsoleSignIn.SignInAsync(Host, "town.tiansheng")).GetStringAsync(Records));
    }

    /// <summary>
    /// Issue 18: a link to one record lands on it wherever the paged list puts it. The list is latest first, twenty a page; a record
    /// opened long ago sits past the first page, and its link (<c>?record={id}#a-{id}</c>: a step's redirect too) opens the page that
    /// holds it, in any page size; a step refused on that record is drawn again on its page with the error beside its field.
    /// </summary>
    [Fact]
    public async Task ALinkToARecordOpensThePageThatHoldsIt()
    {
        var officer = await CertifiedAsync("翻页追责");
        var api = await As("office");
        async Task<Guid> OpenAsync(DateOnly on) =>
            (await api.PostAsJsonAsync("/api/accountability", new { officerId = officer, fault = "GrossNegligence", facts = "翻页追责事实", openedOn = on })
                .ExpectAsync(HttpStatusCode.Created)).Id();
        var old = await OpenAsync(Today.AddYears(-3));
        for (var i = 0; i < 21; i++)
        {
            await OpenAsync(Today);
        }
        var row = $"id=\"a-{old}\"";
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        Assert.DoesNotContain(row, await office.GetStringAsync(Records));
        Assert.Contains(row, await office.GetStringAsync($"{Records}?record={old}"));
        Assert.Contains(row, await office.GetStringAsync($"{Records}?record={old}&size=10&sort=officer"));
        // A page asked for is that page: the pager's links keep the record and still move.
        Assert.DoesNotContain(row, await office.GetStringAsync($"{Records}?record={old}&page=1"));

        var page = await office.GetStringAsync(AccountabilityModel.Link(old));
        var decide = new Dictionary<string, string>
        {
            ["Input.RecordId"] = old.ToString(),
            ["Input.Measure"] = "Criticism",
            ["Input.DecisionNumber"] = "北碚法制追〔2026〕31号",
            ["Input.DecisionReasons"] = "情节轻微",
        };
        // Not heard yet: refused, and drawn on the record's own page with the message beside the statement.
        using (var refused = await PostAsync(office, $"{Records}?handler=Decide", page, decide))
        {
            var html = await RefusedAsync(refused, @"name=""Input.Statement""[^>]*/>\s*<input type=""date""[^>]*/>");
            Assert.Contains(row, html);
        }
        using (var heard = await PostAsync(office, $"{Records}?handler=Hear", page,
            new() { ["Input.RecordId"] = old.ToString(), ["Input.Statement"] = "承认未及时报告", ["Input.On"] = "" }))
        {
            var url = Redirected(heard);
            Assert.Equal(AccountabilityModel.Link(old), url);
            Assert.Contains(row, await office.GetStringAsync(url[..url.IndexOf('#')]));
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AssessmentPagesTests_Sqlite(SqliteHost host) : AssessmentPagesTests(host);

[Collection(PostgresCollection.Name)]
public sealed class AssessmentPagesTests_Postgres(PostgresHost host) : AssessmentPagesTests(host);
