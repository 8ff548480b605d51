using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>
/// 等保 defect 3: the auditor read full ID numbers and phones through the audit trail that the officer list masks for that
/// role. The trail now masks an entity's personal fields by the reader's right, by the same rule as the officer pages
/// (<c>PersonalData</c>): the auditor sees what it sees on the officer's record; the office sees the values in full.
/// </summary>
public abstract class AuditMaskingTests(HostFixture host) : OfficerTest(host)
{
    private static JsonElement Snapshot(JsonElement entry, string side) =>
        JsonDocument.Parse(entry.Str(side)).RootElement;

    [Fact]
    public async Task TheAuditorReadsAnOfficersChangeMaskedAsOnTheOfficersRecord()
    {
        var idNumber = NewIdNumber();
        var officer = (await CreateOfficerAsync(OfficerBody(Ids.Xiema, name: "审计脱敏", idNumber: idNumber, phone: "13911112222"))).Id();
        await (await As("office")).PutAsJsonAsync($"/api/officers/{officer}",
            OfficerBody(Ids.Xiema, name: "审计脱敏", idNumber: idNumber, phone: "13933334444")).ExpectStatusAsync(HttpStatusCode.OK);

        var asAuditor = await AuditOfAsync("Officer", officer, "auditor");
        var asOffice = await AuditOfAsync("Officer", officer, "office");
        Assert.Equal(2, asAuditor.Count);
        var record = await (await As("auditor")).GetAsync($"/api/officers/{officer}").ExpectAsync(HttpStatusCode.OK);

        var changed = asAuditor[0];
        Assert.Equal(record.Str("idNumber"), Snapshot(changed, "after").Str("IdNumber"));
        Assert.Equal(record.Str("phone"), Snapshot(changed, "after").Str("Phone"));
        Assert.Equal("139****2222", Snapshot(changed, "before").Str("Phone"));
        Assert.Equal(idNumber[..4] + "**********" + idNumber[^4..], Snapshot(asAuditor[1], "after").Str("IdNumber"));
        foreach (var entry in asAuditor)
        {
            Assert.DoesNotContain(idNumber, entry.GetRawText());
            Assert.DoesNotContain("13911112222", entry.GetRawText());
            Assert.DoesNotContain("13933334444", entry.GetRawText());
        }
        // The name and the rest of the record stay as written.
        Assert.Equal("审计脱敏", Snapshot(changed, "after").Str("Name"));

        // The office sees full values, in the trail as on the officer's record.
        Assert.Equal(idNumber, Snapshot(asOffice[0], "after").Str("IdNumber"));
        Assert.Equal("13933334444", Snapshot(asOffice[0], "after").Str("Phone"));
        Assert.Equal("13911112222", Snapshot(asOffice[0], "before").Str("Phone"));
        Assert.Equal(idNumber, (await (await As("office")).GetAsync($"/api/officers/{officer}").ExpectAsync(HttpStatusCode.OK)).Str("idNumber"));
    }

    [Fact]
    public async Task TheAuditPageMasksForTheAuditorToo()
    {
        var idNumber = NewIdNumber();
        await CreateOfficerAsync(OfficerBody(Ids.Xiema, name: "审计页脱敏", idNumber: idNumber, phone: "13955556666"));

        var auditor = await ConsoleSignIn.SignInAsync(Host, "auditor");
        var html = await auditor.GetStringAsync("/Audit?entity=Officer");
        Assert.DoesNotContain(idNumber, html);
        Assert.DoesNotContain("13955556666", html);
        Assert.Contains("139****6666", html);

        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        Assert.Contains(idNumber, await office.GetStringAsync("/Audit?entity=Officer"));
    }

    [Fact]
    public async Task TheJsonLinesExportHoldsWhatTheFilterShowsWithItsLinksMaskedForTheAuditor()
    {
        var idNumber = NewIdNumber();
        var officer = (await CreateOfficerAsync(OfficerBody(Ids.Xiema, name: "导出脱敏", idNumber: idNumber, phone: "13955556666"))).Id();
        await (await As("office")).PutAsJsonAsync($"/api/officers/{officer}",
            OfficerBody(Ids.Xiema, name: "导出脱敏", idNumber: idNumber, phone: "13977778888")).ExpectStatusAsync(HttpStatusCode.OK);
        await Host.WithDbAsync(db => Entrust.Web.Features.Audit.AuditSealer.SealAsync(db));

        async Task<List<JsonElement>> ExportAsync(string reader, string query)
        {
            using var response = await (await As(reader)).GetAsync("/api/audit/export.jsonl?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            Assert.EndsWith("\n", text);
            return text.TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        }

        // One record's entries, oldest first, each with its link in the chain.
        var lines = await ExportAsync("auditor", $"entity=Officer&entityId={officer}");
        Assert.Equal(2, lines.Count);
        Assert.True(lines[0].GetProperty("sequence").GetInt64() < lines[1].GetProperty("sequence").GetInt64());
        Assert.All(lines, l => Assert.Equal(64, l.Str("hash").Length));
        Assert.All(lines, l => Assert.True(l.GetProperty("link").GetInt64() > 0));
        Assert.Equal("Added", lines[0].Str("action"));
        foreach (var line in lines)
        {
            Assert.DoesNotContain(idNumber, line.GetRawText());
            Assert.DoesNotContain("13955556666", line.GetRawText());
            Assert.DoesNotContain("13977778888", line.GetRawText());
        }
        Assert.Equal("139****8888", JsonDocument.Parse(lines[1].Str("after")).RootElement.Str("Phone"));
        // The office reads the same lines in full.
        var office = await ExportAsync("office", $"entity=Officer&entityId={officer}");
        Assert.Equal(idNumber, JsonDocument.Parse(office[1].Str("after")).RootElement.Str("IdNumber"));
        Assert.Equal(lines.Select(l => l.Str("hash")), office.Select(l => l.Str("hash")));

        // A wider filter: as many lines as the list counts, all pages of it.
        var total = (await (await As("auditor")).GetAsync("/api/audit?entity=Officer&pageSize=1").ExpectAsync(HttpStatusCode.OK)).Total();
        var all = await ExportAsync("auditor", "entity=Officer");
        Assert.True(total > 2);
        Assert.Equal(total, all.Count);
        Assert.All(all, l => Assert.Equal("Officer", l.Str("entityType")));

        // A department has no audit right.
        await (await As("dept.safety")).GetAsync("/api/audit/export.jsonl").ExpectStatusAsync(HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditMaskingTests_Sqlite(SqliteHost host) : AuditMaskingTests(host);

[Collection(PostgresCollection.Name)]
public sealed class AuditMaskingTests_Postgres(PostgresHost host) : AuditMaskingTests(host);
