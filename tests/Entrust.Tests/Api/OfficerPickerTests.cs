using System.Text.RegularExpressions;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Officers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>
/// The officer picker (issue 18): on the inspection form, once the matter is known, it offers exactly the officers
/// <see cref="OfficerPowers"/> says may act on it in the township that day; the others are shown greyed, not choosable, with
/// the reason; every name has its unit beside it.
/// </summary>
public abstract partial class OfficerPickerTests(HostFixture host) : ApiTest(host)
{
    [GeneratedRegex("<label class=\"check( unable)?\" data-officer=\"([^\"]+)\"[^>]*>(.*?)</label>", RegexOptions.Singleline)]
    private static partial Regex Offered();

    [Fact]
    public async Task ThePickerOffersThoseWhoMayActAndGreysTheRestWithTheReason()
    {
        var matter = await Host.WithDbAsync(db => db.Matters.IgnoreQueryFilters()
            .Where(m => m.Code == "QQ-04" && m.DistrictId == Ids.Beibei).Select(m => m.Id).SingleAsync());
        var today = DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var town = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        var page = await town.GetStringAsync($"/Inspections/Record?matter={matter}");
        var offered = Offered().Matches(page).Select(m => (Unable: m.Groups[1].Success, Id: Guid.Parse(m.Groups[2].Value), Html: m.Groups[3].Value)).ToList();
        Assert.NotEmpty(offered);

        using var scope = Host.Services.CreateScope();
        var powers = scope.ServiceProvider.GetRequiredService<OfficerPowers>();
        var answers = await powers.MayActAsync([.. offered.Select(o => o.Id)], matter, Ids.Xiema, today);
        foreach (var (o, answer) in offered.Zip(answers))
        {
            Assert.Equal(answer.Answer.MayAct, !o.Unable);
            Assert.Contains("class=\"unit\"", o.Html);
            if (o.Unable)
            {
                Assert.DoesNotContain("name=\"Input.OfficerIds\"", o.Html);
                Assert.Matches("class=\"why\">[^<]+<", o.Html);
            }
            else
            {
                Assert.Contains($"name=\"Input.OfficerIds\" value=\"{o.Id}\"", o.Html);
            }
        }
        Assert.Contains(offered, o => !o.Unable);
        Assert.Contains(offered, o => o.Unable);
        // Those who may act come first.
        Assert.Equal(offered.OrderBy(o => o.Unable).Select(o => o.Id), offered.Select(o => o.Id));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OfficerPickerTests_Sqlite(SqliteHost host) : OfficerPickerTests(host);

[Collection(PostgresCollection.Name)]
public sealed class OfficerPickerTests_Postgres(PostgresHost host) : OfficerPickerTests(host);
