using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Entrust.Tests.Hosting;

/// <summary>
/// What tests of scope and agreements share: fresh matters brought into scope by a scope decision, agreement
/// bodies, and an agreement walked through its lifecycle by the office. Dates are relative to the platform's
/// clock, so a test that moves the clock forward never breaks another.
/// </summary>
public abstract class AgreementTest(HostFixture host) : ApiTest(host)
{
    /// <summary>Today in Asia/Shanghai on the platform's clock.</summary>
    protected DateOnly Today => DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    protected static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>A new matter of <paramref name="departmentId"/>, outside scope until a scope decision brings it in.</summary>
    protected async Task<(Guid Id, string Code)> OutOfScopeMatterAsync(Guid departmentId, string kind = "Inspection")
    {
        var code = UniqueCode("M");
        var created = await (await As("office")).PostAsJsonAsync("/api/matters", MatterBody(departmentId, code, kind: kind, entrustability: "NotEntrusted"))
            .ExpectAsync(HttpStatusCode.Created);
        return (created.Id(), code);
    }

    protected async Task<JsonElement> DecideAsync(string change, Guid? matterId = null, Guid? townshipId = null, string userName = "office") =>
        await (await As(userName)).PostAsJsonAsync("/api/scope/decisions", new
        {
            change,
            matterId,
            townshipId,
            documentNumber = $"北碚府〔2026〕{UniqueCode("")}号",
            decidedOn = Day(Today),
            reason = "经区政府研究同意",
        }).ExpectAsync(HttpStatusCode.Created);

    /// <summary>A new matter brought into scope by a recorded decision: district-wide or for pilot townships only.</summary>
    protected async Task<(Guid Id, string Code)> ScopedMatterAsync(Guid departmentId, bool districtWide = true, string kind = "Inspection")
    {
        var matter = await OutOfScopeMatterAsync(departmentId, kind);
        await DecideAsync(districtWide ? "MakeMatterDistrictWide" : "AddMatterForPilots", matter.Id);
        return matter;
    }

    /// <summary>A matter of the demo catalogue by its code.</summary>
    protected async Task<Guid> DemoMatterAsync(string code)
    {
        var page = await (await As("office")).GetAsync($"/api/matters?q={code}&pageSize=50").ExpectAsync(HttpStatusCode.OK);
        return page.Items().Single(m => m.Str("code") == code).Id();
    }

    /// <summary>The demo department with that code (AJ, LY, WS, NW …).</summary>
    protected async Task<Guid> DemoDepartmentAsync(string code)
    {
        var list = await (await As("office")).GetAsync("/api/departments").ExpectAsync(HttpStatusCode.OK);
        return list.Items().Single(d => d.Str("code") == code).Id();
    }

    protected static object MatterItem(Guid matterId, string authority = "InspectionOnly", decimal? fineCap = null) =>
        new { matterId, authority, fineCap };

    protected object AgreementBody(Guid departmentId, Guid townshipId, IEnumerable<object> matters, DateOnly? start = null, DateOnly? end = null,
        string mode = "Entrustment", string? grantDecisionNumber = null, bool checklist = true) => new
        {
            departmentId,
            townshipId,
            mode,
            grantDecisionNumber,
            termStart = Day(start ?? Today.AddDays(-30)),
            termEnd = Day(end ?? Today.AddDays(-30).AddYears(3).AddDays(-1)),
            rightsAndObligations = "甲方负责业务指导和监督，乙方以甲方名义在委托范围内实施执法。",
            fundingAmount = 20000m,
            fundingNote = "区财政拨付",
            hasPublicAffairsFunctions = true,
            hasQualifiedStaff = checklist,
            hasTechnicalMeans = true,
            matters,
        };

    protected async Task<JsonElement> DraftAsync(object body, string userName = "office") =>
        await (await As(userName)).PostAsJsonAsync("/api/agreements", body).ExpectAsync(HttpStatusCode.Created);

    protected async Task<JsonElement> StepAsync(Guid id, string step, object? body = null, string userName = "office",
        HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await As(userName)).PostAsJsonAsync($"/api/agreements/{id}/{step}", body ?? new { }).ExpectAsync(expected);

    protected Task<JsonElement> SignAsync(Guid id, DateOnly? on = null, string userName = "office", HttpStatusCode expected = HttpStatusCode.OK) =>
        StepAsync(id, "sign", new { signedOn = Day(on ?? Today), departmentSignatory = "局长", townshipSignatory = "镇长" }, userName, expected);

    protected Task<JsonElement> PublishAsync(Guid id, DateOnly? on = null, string userName = "office", HttpStatusCode expected = HttpStatusCode.OK) =>
        StepAsync(id, "publish", new { publishedOn = Day(on ?? Today), publicationPlace = "北碚区人民政府网站" }, userName, expected);

    protected Task<JsonElement> TerminateAsync(Guid id, DateOnly on, string reason = "机构调整", HttpStatusCode expected = HttpStatusCode.OK) =>
        StepAsync(id, "terminate", new { terminatedOn = Day(on), reason }, expected: expected);

    /// <summary>Drafted, submitted and reviewed by the office: ready to sign.</summary>
    protected async Task<JsonElement> ReviewedAsync(object body)
    {
        var id = (await DraftAsync(body)).Id();
        await StepAsync(id, "submit");
        return await StepAsync(id, "review", new { approved = true });
    }

    /// <summary>
    /// Through the whole lifecycle, each step dated today (a step is never dated before the one recorded before it, and the
    /// review is recorded the day it happens): in force from today when the term has begun.
    /// </summary>
    protected async Task<JsonElement> InForceAsync(object body)
    {
        var id = (await ReviewedAsync(body)).Id();
        await SignAsync(id);
        return await PublishAsync(id);
    }

    /// <summary>The office's count of agreements (all states), for "nothing was written".</summary>
    protected async Task<int> AgreementCountAsync() =>
        (await (await As("office")).GetAsync("/api/agreements?pageSize=1").ExpectAsync(HttpStatusCode.OK)).Total();

    protected async Task<JsonElement> EntitlementAsync(Guid township, Guid matter, string authority = "InspectionOnly", DateOnly? date = null,
        string userName = "office") =>
        await (await As(userName)).GetAsync($"/api/entitlements?township={township}&matter={matter}&authority={authority}&date={Day(date ?? Today)}")
            .ExpectAsync(HttpStatusCode.OK);
}
