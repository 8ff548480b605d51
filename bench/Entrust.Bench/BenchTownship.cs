using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Bench;

/// <summary>
/// The township the write benchmarks act for: the bench district's first, one of its township accounts, its targets, and
/// each of its matters with the officers who may act on it today by the application's own <see cref="OfficerPowers"/>
/// (only matters with at least two).
/// </summary>
internal sealed record BenchTownship(Guid DistrictId, Guid TownshipId, string Name, string Account, IReadOnlyList<Guid> Targets,
    IReadOnlyList<(Guid Matter, IReadOnlyList<Guid> Officers)> Crews, int Matters)
{
    public static async Task<BenchTownship> LoadAsync(string connectionString)
    {
        await using var db = BenchDatabase.Unaudited(DatabaseProvider.Postgres, connectionString);
        var district = await db.Districts.SingleAsync(d => d.Code == ProvinceNames.BenchDistrictCode);
        var township = await db.Townships.Where(t => t.DistrictId == district.Id).OrderBy(t => t.Code).FirstAsync();
        var account = await db.Users.Where(u => u.TownshipId == township.Id && u.Role == Roles.Township).OrderBy(u => u.UserName)
            .Select(u => u.UserName!).FirstAsync();
        var matters = await db.Agreements.Where(a => a.TownshipId == township.Id).SelectMany(a => a.Matters.Select(m => m.MatterId))
            .Distinct().ToListAsync();
        var officers = await db.Officers.Where(o => o.TownshipId == township.Id).Select(o => o.Id).ToListAsync();
        var targets = await db.Targets.Where(t => t.TownshipId == township.Id && t.MergedIntoId == null).Select(t => t.Id).ToListAsync();

        var office = await BenchDatabase.BenchOfficeAsync(DatabaseProvider.Postgres, connectionString);
        await using var services = BenchDatabase.Services(DatabaseProvider.Postgres, connectionString, () => office);
        using var scope = services.CreateScope();
        var powers = scope.ServiceProvider.GetRequiredService<OfficerPowers>();
        var today = TimeProvider.System.TodayInChina();
        var crews = new List<(Guid, IReadOnlyList<Guid>)>();
        foreach (var matter in matters.Order())
        {
            var able = new List<Guid>();
            foreach (var officer in officers)
            {
                if ((await powers.MayActAsync(officer, matter, null, today)).MayAct)
                {
                    able.Add(officer);
                }
            }
            if (able.Count >= 2)
            {
                crews.Add((matter, able));
            }
        }
        if (crews.Count == 0)
        {
            throw new InvalidOperationException($"No matter of {township.Name} has two officers who may act today.");
        }
        return new BenchTownship(district.Id, township.Id, township.Name, account, targets, crews, matters.Count);
    }
}
