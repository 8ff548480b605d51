using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Hosting;

/// <summary>What API tests share: clients per demo account, unique codes, rows made through the API, and the audit head.</summary>
public abstract class ApiTest(HostFixture host)
{
    protected HostFixture Host { get; } = host;

    protected Seed Ids => Host.Ids;

    protected Task<HttpClient> As(string userName, string? language = null) => Host.ClientAsync(userName, language);

    /// <summary>A code no other test uses; short enough for every code column.</summary>
    protected static string UniqueCode(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    protected static object MatterBody(Guid departmentId, string code, string kind = "Inspection",
        string entrustability = "PilotOnly", string domain = "work-safety",
        string? lawName = "中华人民共和国安全生产法", string? lawArticle = "第六十五条", string name = "测试检查事项",
        Guid? districtId = null) =>
        new { code, name, departmentId, domain, kind, lawName, lawArticle, entrustability, districtId };

    protected async Task<JsonElement> CreateDepartmentAsync(string userName = "office", string? code = null, string name = "测试局")
    {
        var client = await As(userName);
        return await client.PostAsJsonAsync("/api/departments", new { code = code ?? UniqueCode("D"), name, legalSectionContact = "法制科 023-00000000" })
            .ExpectAsync(HttpStatusCode.Created);
    }

    protected async Task<JsonElement> CreateTownshipAsync(string userName = "office", string? code = null, string name = "测试街道")
    {
        var client = await As(userName);
        return await client.PostAsJsonAsync("/api/townships", new { code = code ?? UniqueCode("T"), name, kind = "Street", isPilot = false })
            .ExpectAsync(HttpStatusCode.Created);
    }

    protected async Task<JsonElement> CreateMatterAsync(Guid departmentId, string? code = null, string userName = "office")
    {
        var client = await As(userName);
        return await client.PostAsJsonAsync("/api/matters", MatterBody(departmentId, code ?? UniqueCode("M")))
            .ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>The newest audit sequence number of a change, over every district (security events left out).</summary>
    protected async Task<long> AuditHeadAsync() =>
        // The newest entry of a change: a refusal writes none (its security event, an access denied, is no change of data).
        await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.EntityType != Entrust.Web.Features.Audit.SecurityEvents.EntityType)
            .MaxAsync(a => (long?)a.Sequence)) ?? 0;

    /// <summary>How many matters the office of 北碚区 sees.</summary>
    protected async Task<int> MatterCountAsync(string userName = "office") =>
        (await (await As(userName)).GetAsync("/api/matters?pageSize=1").ExpectAsync(HttpStatusCode.OK)).Total();

    /// <summary>The audit entries about one record, newest first.</summary>
    protected async Task<List<JsonElement>> AuditOfAsync(string entity, Guid id, string userName = "admin") =>
        (await (await As(userName)).GetAsync($"/api/audit?entity={entity}&entityId={id}&pageSize=200").ExpectAsync(HttpStatusCode.OK))
        .Items().ToList();
}
