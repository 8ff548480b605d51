using System.Net;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>
/// Issue 18, forms: text typed into a number or date field used to answer ASP.NET Core's English default ("The value 'abc' is
/// not valid for AnnualTrainingHours."). Every page and the API now say it in the reader's language, naming the field by its
/// label, beside the field on a page and as a ValidationProblem in the API; nothing is written.
/// </summary>
public abstract class BindingMessagesTests(HostFixture host) : ApiTest(host)
{
    [Fact]
    public async Task APageShowsTheChineseMessageBesideTheNumberFieldAndSavesNothing()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var before = await (await As("office")).GetAsync("/api/qualification-settings").ExpectAsync(HttpStatusCode.OK);
        var head = await AuditHeadAsync();
        var page = await console.GetStringAsync("/Qualification/Settings");
        using var posted = await console.PostAsync("/Qualification/Settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.CertificateNumberFormat"] = before.Str("certificateNumberFormat"),
            ["Input.CertificateValidityYears"] = "3",
            ["Input.ReviewIntervalMonths"] = "12",
            ["Input.ExpiryWarningDays"] = "60",
            ["Input.ExcusedAbsencesThatBar"] = "2",
            ["Input.UnexcusedAbsencesThatBar"] = "1",
            ["Input.AnnualTrainingHours"] = "四十",
            ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(page),
        }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        // The settings are a record: its parameters bind without a property's name, so the message names the value beside its field.
        Assert.Contains("data-for=\"AnnualTrainingHours\">“四十”无法识别，请按格式填写。", html);
        Assert.DoesNotContain("is not valid", html);
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task TheApiNamesTheFieldOfABodyValueOfTheWrongKindInChinese()
    {
        var plan = await (await As("town.xiema")).PostAsJsonAsync($"/api/cases/{Guid.NewGuid()}/payment-plan", new
        {
            appliedOn = "2026-11-01",
            reason = "困难",
            instalments = new object[] { new { dueOn = "2026-12-01", amount = 100 }, new { dueOn = "2026-12-31", amount = "一百" } },
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["“缴纳金额”的值无效。"], plan.ErrorsFor("Instalments[1].Amount"));
        Assert.Equal("“缴纳金额”的值无效。", plan.Str("detail"));
    }

    [Fact]
    public async Task TheApiNamesAQueryValueThatIsNoNumberInTheCallersLanguage()
    {
        var chinese = await (await As("office")).GetAsync("/api/officers?pageSize=abc").ExpectAsync(HttpStatusCode.BadRequest);
        var message = Assert.Single(chinese.ErrorsFor("PageSize"));
        Assert.Contains("abc", message);
        Http.AssertChinese(message);

        var english = await (await As("office", "en")).GetAsync("/api/officers?pageSize=abc").ExpectAsync(HttpStatusCode.BadRequest);
        Http.AssertNotChinese(english.Str("detail"));
        Assert.Contains("abc", english.Str("detail"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BindingMessagesTests_Sqlite(SqliteHost host) : BindingMessagesTests(host);

[Collection(PostgresCollection.Name)]
public sealed class BindingMessagesTests_Postgres(PostgresHost host) : BindingMessagesTests(host);
