using System.Net;
using Entrust.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// /Targets/Detail/{id}, a target's file (what it lists: CasesApiTests.ATargetsFileListsItsInspectionsAndTheCasesAboutIt): a target of
/// another township is not found for a township, nor an id that names nothing; the office sees any of its district's.
/// </summary>
public abstract class TargetFilePagesTests(HostFixture host) : ApiTest(host)
{
    [Fact]
    public async Task AnotherTownshipsTargetIsNotFound()
    {
        var xiema = await Host.WithDbAsync(db => db.Targets.IgnoreQueryFilters().Where(t => t.TownshipId == Ids.Xiema).Select(t => t.Id).FirstAsync());
        var tiansheng = await ConsoleSignIn.SignInAsync(Host, "town.tiansheng");

        using var hidden = await tiansheng.GetAsync($"/Targets/Detail/{xiema}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using var none = await tiansheng.GetAsync($"/Targets/Detail/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        using var office = await (await ConsoleSignIn.SignInAsync(Host, "office")).GetAsync($"/Targets/Detail/{xiema}");
        Assert.Equal(HttpStatusCode.OK, office.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TargetFilePagesTests_Sqlite(SqliteHost host) : TargetFilePagesTests(host);

[Collection(PostgresCollection.Name)]
public sealed class TargetFilePagesTests_Postgres(PostgresHost host) : TargetFilePagesTests(host);
