using System.Net;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;
using Entrust.Web;
using Entrust.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Entrust.Tests.Api;

/// <summary>
/// The audit page reads like a record (issue 18 item 9): the person by name and unit, the record by its kind and name with a link,
/// the change as a before/after table of Chinese field names and shown values (states, places, yes/no), never raw JSON or an id;
/// it filters by unit and person, and its export carries the same reading.
/// </summary>
public abstract class AuditPagesTests(HostFixture host) : OfficerTest(host)
{
    /// <summary>The rows of the page that name the record, by the link to its page (a row holds its own table of changes).</summary>
    private static List<string> RowsOf(string html, string href) =>
        [.. html.Split("<tr data-sequence=").Skip(1).Select(r => r.Split("</tbody>")[0]).Where(r => r.Contains(href, StringComparison.Ordinal))];

    [Fact]
    public async Task AChangeReadsAsWhoChangedWhichFieldOfWhichRecord()
    {
        var (name, idNumber) = ("审计可读" + UniqueCode("")[..4], NewIdNumber());
        var officer = (await CreateOfficerAsync(OfficerBody(Ids.Xiema, name: name, idNumber: idNumber, phone: "13812340001"))).Id();
        await (await As("office")).PutAsJsonAsync($"/api/officers/{officer}",
                OfficerBody(Ids.Xiema, name: name, idNumber: idNumber, phone: "13812340002"))
            .ExpectStatusAsync(HttpStatusCode.OK);

        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var html = WebUtility.HtmlDecode(await office.GetStringAsync("/Audit?entity=Officer&user=office&size=100"));
        var rows = RowsOf(html, $"/Officers/Detail?id={officer}");
        Assert.Equal(2, rows.Count);
        var (changed, added) = (rows[0], rows[1]);

        // Who: the person's name and unit, not the login. What: the record's kind and name. How: 修改, 新增.
        Assert.All(rows, r => Assert.Contains("区政府法制办", r));
        Assert.All(rows, r => Assert.Contains("执法人员", r));
        Assert.All(rows, r => Assert.Contains(name, r));
        Assert.Contains("修改", changed);
        Assert.Contains("新增", added);

        // The change: only the field that changed, before and after.
        Assert.Contains("<tr><th scope=\"row\">电话</th><td>13812340001</td><td>13812340002</td></tr>", changed);
        Assert.DoesNotContain("性别", changed);
        Assert.DoesNotContain("身份证号", changed);
        // The new record: its fields by Chinese names, its township by name, its kind and gender by their names.
        Assert.Contains("<th scope=\"row\">镇街</th><td>歇马镇</td>", added);
        Assert.Matches("<th scope=\"row\">性别</th><td>男</td>", added);
        Assert.Matches("<th scope=\"row\">人员类别</th><td>[^<A-Za-z]+</td>", added);

        // Never raw JSON, a code name or the township's id.
        foreach (var row in rows)
        {
            Assert.DoesNotContain("{\"", row);
            Assert.DoesNotContain("TownshipId", row);
            Assert.DoesNotContain(Ids.Xiema.ToString(), row);
            Assert.DoesNotContain("Field.", row);
            Assert.DoesNotContain("Entity.", row);
        }
    }

    [Fact]
    public async Task TheTrailFiltersByUnitAndByPerson()
    {
        var byTownship = (await CreateOfficerAsync(OfficerBody(Ids.Xiema, name: "镇街所建"), "town.xiema")).Id();
        var byOffice = (await CreateOfficerAsync(OfficerBody(Ids.Xiema, name: "法制办所建"))).Id();
        var office = await ConsoleSignIn.SignInAsync(Host, "office");

        foreach (var filter in new[] { $"unit={Ids.Xiema}", "user=歇马镇综治办", "user=town.xiema" })
        {
            var html = await office.GetStringAsync($"/Audit?entity=Officer&{filter}&size=100");
            Assert.Single(RowsOf(html, $"/Officers/Detail?id={byTownship}"));
            Assert.Empty(RowsOf(html, $"/Officers/Detail?id={byOffice}"));
        }
        var other = await office.GetStringAsync($"/Audit?entity=Officer&unit={Ids.Safety}&size=100");
        Assert.Empty(RowsOf(other, $"/Officers/Detail?id={byTownship}"));

        // The API filters the same way: every entry of the unit is by one of its people.
        var api = await (await As("office")).GetAsync($"/api/audit?unit={Ids.Xiema}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(byTownship.ToString(), api.Items().Select(e => e.Str("entityId")));
        Assert.All(api.Items(), e => Assert.Contains(e.Str("userName"), new[] { "town.xiema", "officer.xiema" }));
    }

    [Fact]
    public async Task TheExportReadsAsThePage()
    {
        var (name, idNumber) = ("审计导出" + UniqueCode("")[..4], NewIdNumber());
        var officer = (await CreateOfficerAsync(OfficerBody(Ids.Xiema, name: name, idNumber: idNumber, phone: "13812340003"))).Id();
        await (await As("office")).PutAsJsonAsync($"/api/officers/{officer}",
                OfficerBody(Ids.Xiema, name: name, idNumber: idNumber, phone: "13812340004"))
            .ExpectStatusAsync(HttpStatusCode.OK);

        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        using var response = await office.GetAsync("/Audit?entity=Officer&user=office&handler=Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sheet = new MemoryStream(await response.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: false)
            .Cast<IDictionary<string, object?>>().Select(r => r.Values.Select(v => v?.ToString() ?? "").ToList()).ToList();
        var header = sheet[2];
        Assert.Equal(["序号", "时间", "操作人", "单位", "登录名", "记录类型", "记录", "记录标识", "操作", "变更内容"], header);
        var row = Assert.Single(sheet.Skip(3), r => r[7] == officer.ToString() && r[8] == "修改");
        Assert.Equal("区政府法制办", row[2]);
        Assert.Equal("执法人员", row[5]);
        Assert.Equal(name, row[6]);
        Assert.Equal("电话：13812340003 → 13812340004", row[9]);
    }

    /// <summary>
    /// Every field of every record the trail keeps has a Chinese name of its own (not the generic one), and every state or kind
    /// such a field holds is named: what the audit page shows is never a code name.
    /// </summary>
    [Fact]
    public async Task EveryAuditedFieldAndStateHasAChineseName()
    {
        var text = Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var missing = await Host.WithDbAsync(db =>
        {
            var reader = new AuditReader(db, text);
            var gaps = new List<string>();
            foreach (var type in db.Model.GetEntityTypes().Where(t => t.ClrType != typeof(AuditEntry) && t.ClrType.Name != "CacheVersion"
                // Not audited (AuditInterceptor): a kept answer to an idempotent write is no record of its own.
                && t.ClrType != typeof(Entrust.Web.Platform.IdempotentRequest)))
            {
                var name = type.ClrType.Name;
                if (text["Entity." + name].ResourceNotFound)
                {
                    gaps.Add("Entity." + name);
                }
                var fields = type.GetProperties().Select(p => (p.Name, p.ClrType))
                    .Concat(type.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties().Select(p => (c.Name + "." + p.Name, p.ClrType))))
                    .Concat(type.GetNavigations().Where(n => n.TargetEntityType.IsOwned()).Select(n => (n.Name, n.ClrType)));
                foreach (var (field, clr) in fields)
                {
                    if (!reader.HasName(name, field))
                    {
                        gaps.Add($"{name}.{field}");
                    }
                    var kind = Nullable.GetUnderlyingType(clr) ?? clr;
                    if (kind.IsEnum)
                    {
                        gaps.AddRange(Enum.GetNames(kind).Where(m => text[$"{kind.Name}.{m}"].ResourceNotFound).Select(m => $"{kind.Name}.{m}"));
                    }
                }
            }
            return Task.FromResult(gaps.Distinct().Order().ToList());
        });
        Assert.True(missing.Count == 0, "No Chinese name: " + string.Join(", ", missing));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditPagesTests_Sqlite(SqliteHost host) : AuditPagesTests(host);

[Collection(PostgresCollection.Name)]
public sealed class AuditPagesTests_Postgres(PostgresHost host) : AuditPagesTests(host);
