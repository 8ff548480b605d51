using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>
/// Issue 18, forms on the case page: a refused step shows every field it refuses at once, each beside its field and only there
/// (the list under the form holds what names no field), keeps what was typed, and writes nothing; the API lists the same fields;
/// the officer pickers name each officer's unit and start on 请选择.
/// </summary>
public abstract partial class CasePageFormsTests(HostFixture host) : OfficerTest(host)
{
    [GeneratedRegex("data-for=\"(?<field>[^\"]+)\">(?<message>[^<]*)<")]
    private static partial Regex FieldError();

    private async Task<(Guid Case, Guid First, Guid Second)> FiledCaseAsync()
    {
        var matter = await DemoMatterAsync("198-05");
        var first = await CertifiedAsync("页甲");
        var second = await CertifiedAsync("页乙");
        var filed = await (await As("town.xiema")).PostAsJsonAsync("/api/cases", new
        {
            matterId = matter,
            partyKind = "Person",
            partyName = "刘某",
            partyIdentifier = NewIdNumber(),
            facts = "未经批准擅自砍伐集体林木3立方米",
            actOn = Day(Today.AddDays(-15)),
            filedOn = Day(Today.AddDays(-10)),
            officerIds = new[] { first, second },
        }).ExpectAsync(HttpStatusCode.Created);
        var id = filed.GetProperty("case").Id();
        await (await As("town.xiema")).PostAsJsonAsync($"/api/cases/{id}/investigate",
            new { on = Day(Today.AddDays(-9)), officerIds = new[] { first, second } }).ExpectAsync(HttpStatusCode.OK);
        return (id, first, second);
    }

    private async Task<Guid> CertifiedAsync(string name)
    {
        var officer = await PassedOfficerAsync(Ids.Xiema, name + Guid.NewGuid().ToString("N")[..4]);
        await (await As("office")).PostAsJsonAsync("/api/certificates",
            new { officerId = officer, domains = new[] { "forestry" }, issuedOn = Day(Today.AddDays(-20)) }).ExpectAsync(HttpStatusCode.Created);
        return officer;
    }

    [Fact]
    public async Task ARefusedStepShowsEachMissingFieldBesideItOnceAndWritesNothing()
    {
        var (id, first, second) = await FiledCaseAsync();
        var console = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        var page = await console.GetStringAsync($"/Cases/Detail/{id}");
        var head = await AuditHeadAsync();
        using var posted = await console.PostAsync($"/Cases/Detail/{id}?handler=Evidence", new FormUrlEncodedContent(
        [
            new("Input.On", Day(Today.AddDays(-8))),
            new("Input.Kind", ""),
            new("Input.Description", ""),
            new("Input.OfficerIds", first.ToString()),
            new("Input.OfficerIds", second.ToString()),
            new("__RequestVerificationToken", ConsoleSignIn.Antiforgery(page)),
        ]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        var errors = FieldError().Matches(html).ToDictionary(m => m.Groups["field"].Value, m => m.Groups["message"].Value);
        Assert.Contains("请填写", errors["Kind"]);
        Assert.Contains("请填写", errors["Description"]);
        // Each message once on the page: beside its field, not again in a summary.
        Assert.Single(Regex.Matches(html, Regex.Escape(errors["Kind"])));
        Assert.Single(Regex.Matches(html, Regex.Escape(errors["Description"])));
        // What was typed stays: the officers chosen are still ticked in the refused form.
        Assert.Matches($"value=\"{first}\" checked", html);
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task TheApiListsEveryMissingFieldOfAStepAtOnce()
    {
        var (id, first, second) = await FiledCaseAsync();
        var problem = await (await As("town.xiema")).PostAsJsonAsync($"/api/cases/{id}/evidence",
            new { collectedOn = Day(Today.AddDays(-8)), officerIds = new[] { first, second } }).ExpectAsync(HttpStatusCode.BadRequest);
        Http.AssertChinese(Assert.Single(problem.ErrorsFor("Kind")));
        Http.AssertChinese(Assert.Single(problem.ErrorsFor("Description")));

        var recusal = await (await As("town.xiema")).PostAsJsonAsync($"/api/cases/{id}/recusals", new { on = Day(Today.AddDays(-9)) })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Single(recusal.ErrorsFor("AppliedBy"));
        Assert.Single(recusal.ErrorsFor("OfficerId"));
        Assert.Single(recusal.ErrorsFor("Reason"));
    }

    [Fact]
    public async Task TheRecusalPickersStartOnChooseAndNameEachOfficersUnit()
    {
        var (id, first, _) = await FiledCaseAsync();
        var console = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        var html = WebUtility.HtmlDecode(await console.GetStringAsync($"/Cases/Detail/{id}"));
        var officer = Regex.Match(html, "<select id=\"recusal-officer\"[^>]*>(?<options>.*?)</select>", RegexOptions.Singleline).Groups["options"].Value;
        Assert.Matches("^\\s*<option value=\"\">请选择</option>", officer);
        Assert.Matches($"<option value=\"{first}\">页甲[0-9a-f]{{4}}（歇马镇）</option>", officer);
        var appliedBy = Regex.Match(html, "<select id=\"recusal-by\"[^>]*>(?<options>.*?)</select>", RegexOptions.Singleline).Groups["options"].Value;
        Assert.Matches("^\\s*<option value=\"\">请选择</option>", appliedBy);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CasePageFormsTests_Sqlite(SqliteHost host) : CasePageFormsTests(host);

[Collection(PostgresCollection.Name)]
public sealed class CasePageFormsTests_Postgres(PostgresHost host) : CasePageFormsTests(host);
