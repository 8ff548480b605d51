using Entrust.Tests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AgreementEntity = Entrust.Web.Features.Agreements.Agreement;

namespace Entrust.Tests.Api;

/// <summary>
/// "In force on a day" has one home: <see cref="AgreementEntity.InForceOn"/> for what is in memory and
/// <see cref="AgreementEntity.InForceOnExpression"/> for SQL. Run through EF on the database, the expression must pick
/// exactly the agreements the method picks, for every agreement of the table and every day around its dates.
/// </summary>
public abstract class AgreementInForceTests(HostFixture host) : AgreementTest(host)
{
    private static readonly DateOnly Start = new(2026, 5, 1);
    private static readonly DateOnly End = new(2029, 4, 30);
    private static readonly DateOnly Recorded = new(2030, 1, 1);

    /// <summary>Each row: a name, how far along its lifecycle it goes, and its dates.</summary>
    private sealed record Row(string Name, AgreementState State, DateOnly TermStart, DateOnly TermEnd, DateOnly? PublishedOn = null,
        DateOnly? TerminatedOn = null);

    private static readonly Row[] Table =
    [
        new("draft", AgreementState.Draft, Start, End),
        new("submitted", AgreementState.Submitted, Start, End),
        new("reviewed", AgreementState.Reviewed, Start, End),
        new("signed, never published", AgreementState.Signed, Start, End),
        new("published before its term", AgreementState.Published, Start, End, PublishedOn: new(2026, 4, 28)),
        new("published after its term began", AgreementState.Published, Start, End, PublishedOn: new(2026, 6, 10)),
        new("one day's term", AgreementState.Published, new(2026, 7, 1), new(2026, 7, 1), PublishedOn: new(2026, 4, 28)),
        new("a term to the calendar's end", AgreementState.Published, Start, DateOnly.MaxValue, PublishedOn: new(2026, 4, 28)),
        new("terminated within its term", AgreementState.Terminated, Start, End, PublishedOn: new(2026, 4, 28), TerminatedOn: new(2027, 3, 15)),
        new("terminated on its publication day", AgreementState.Terminated, Start, End, PublishedOn: new(2026, 6, 10), TerminatedOn: new(2026, 6, 10)),
        new("terminated after its term", AgreementState.Terminated, Start, End, PublishedOn: new(2026, 4, 28), TerminatedOn: new(2029, 6, 1)),
        new("signed, terminated unpublished", AgreementState.Terminated, Start, End, TerminatedOn: new(2026, 4, 27)),
    ];

    private static readonly DateOnly[] Days =
    [
        DateOnly.MinValue, new(2026, 4, 27), new(2026, 4, 28), new(2026, 4, 30), Start, new(2026, 6, 9), new(2026, 6, 10),
        new(2026, 6, 30), new(2026, 7, 1), new(2026, 7, 2), new(2027, 3, 14), new(2027, 3, 15), End, End.AddDays(1), new(2029, 6, 1),
        DateOnly.MaxValue,
    ];

    private static AgreementEntity Build(Row row, Department department, Township township, Matter matter)
    {
        var agreement = new AgreementEntity(department, township, $"北碚测委〔2026〕{UniqueCode("")}号",
            new AgreementTerms(AgreementMode.Entrustment, null, row.TermStart, row.TermEnd, "", null, null, true, true, true),
            [(matter, Authority.InspectionOnly, null)]);
        if (row.State == AgreementState.Draft)
        {
            return agreement;
        }
        agreement.Submit(new DateOnly(2026, 4, 15));
        if (row.State == AgreementState.Submitted)
        {
            return agreement;
        }
        agreement.Review(new DateOnly(2026, 4, 20), "office", approved: true);
        if (row.State == AgreementState.Reviewed)
        {
            return agreement;
        }
        agreement.Sign(new DateOnly(2026, 4, 26), Recorded, "局长", "镇长");
        if (row.PublishedOn is { } published)
        {
            agreement.Publish(published, Recorded, "北碚区人民政府网站");
        }
        if (row.TerminatedOn is { } terminated)
        {
            agreement.Terminate(terminated, terminated, "表内终止");
        }
        return agreement;
    }

    [Fact]
    public async Task TheQueryExpressionAndTheMethodAgreeOnEveryAgreementAndDay()
    {
        var townshipId = (await CreateTownshipAsync()).Id();
        var matterId = (await ScopedMatterAsync(Ids.Safety)).Id;
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var department = await db.Departments.IgnoreQueryFilters().SingleAsync(d => d.Id == Ids.Safety);
        var township = await db.Townships.IgnoreQueryFilters().SingleAsync(t => t.Id == townshipId);
        var matter = await db.Matters.IgnoreQueryFilters().SingleAsync(m => m.Id == matterId);
        var agreements = Table.ToDictionary(r => r.Name, r => Build(r, department, township, matter));
        db.Agreements.AddRange(agreements.Values);
        await db.SaveChangesAsync();
        var names = agreements.ToDictionary(a => a.Value.Id, a => a.Key);

        var inForceSomeday = 0;
        foreach (var day in Days)
        {
            var inSql = await db.Agreements.IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.TownshipId == townshipId)
                .Where(AgreementEntity.InForceOnExpression(day))
                .Select(a => a.Id).ToListAsync();
            var inMemory = agreements.Values.Where(a => a.InForceOn(day)).Select(a => a.Id).ToList();

            Assert.True(inMemory.Order().SequenceEqual(inSql.Order()),
                $"{day:yyyy-MM-dd}: the method says [{string.Join(", ", inMemory.Select(id => names[id]))}], " +
                $"SQL says [{string.Join(", ", inSql.Select(id => names[id]))}]");
            inForceSomeday += inMemory.Count;
        }

        // The table means something: the days chosen cut both ways.
        Assert.InRange(inForceSomeday, 10, Table.Length * Days.Length - 10);
        Assert.False(agreements["published after its term began"].InForceOn(new DateOnly(2026, 6, 9)));
        Assert.True(agreements["published after its term began"].InForceOn(new DateOnly(2026, 6, 10)));
        Assert.False(agreements["terminated within its term"].InForceOn(new DateOnly(2027, 3, 15)));
        Assert.True(agreements["terminated within its term"].InForceOn(new DateOnly(2027, 3, 14)));
        Assert.False(agreements["terminated on its publication day"].InForceOn(new DateOnly(2026, 6, 10)));
        Assert.True(agreements["a term to the calendar's end"].InForceOn(DateOnly.MaxValue));
        Assert.All(Table.Where(r => r.PublishedOn is null), r => Assert.DoesNotContain(Days, d => agreements[r.Name].InForceOn(d)));
    }

    /// <summary>
    /// "In force on some day of a period" (<see cref="AgreementEntity.InForceDuringExpression"/>, what the reports count on) against
    /// <see cref="AgreementEntity.InForceOn"/> asked of the days of the period. The days in force make one stretch bounded by an
    /// agreement's dates, so asking the period's ends and every agreement date (and the day before each) inside it is asking them all.
    /// </summary>
    [Fact]
    public async Task TheDuringExpressionAgreesWithInForceOnOverEveryPeriod()
    {
        var townshipId = (await CreateTownshipAsync()).Id();
        var matterId = (await ScopedMatterAsync(Ids.Safety)).Id;
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var department = await db.Departments.IgnoreQueryFilters().SingleAsync(d => d.Id == Ids.Safety);
        var township = await db.Townships.IgnoreQueryFilters().SingleAsync(t => t.Id == townshipId);
        var matter = await db.Matters.IgnoreQueryFilters().SingleAsync(m => m.Id == matterId);
        var agreements = Table.ToDictionary(r => r.Name, r => Build(r, department, township, matter));
        db.Agreements.AddRange(agreements.Values);
        await db.SaveChangesAsync();
        var names = agreements.ToDictionary(a => a.Value.Id, a => a.Key);
        var edges = Table.SelectMany(r => new DateOnly?[] { r.TermStart, r.TermEnd, r.PublishedOn, r.TerminatedOn })
            .OfType<DateOnly>().SelectMany(d => d == DateOnly.MinValue ? new[] { d } : [d, d.AddDays(-1)]).ToHashSet();

        var periods = 0;
        var someInForce = 0;
        foreach (var from in Days)
        {
            foreach (var to in Days)
            {
                var inSql = await db.Agreements.IgnoreQueryFilters().AsNoTracking()
                    .Where(a => a.TownshipId == townshipId)
                    .Where(AgreementEntity.InForceDuringExpression(from, to))
                    .Select(a => a.Id).ToListAsync();
                var asked = edges.Where(d => d >= from && d <= to).Append(from).Append(to).Where(d => from <= to).ToList();
                var inMemory = agreements.Values.Where(a => asked.Any(a.InForceOn)).Select(a => a.Id).ToList();

                Assert.True(inMemory.Order().SequenceEqual(inSql.Order()),
                    $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}: InForceOn says [{string.Join(", ", inMemory.Select(id => names[id]))}], " +
                    $"SQL says [{string.Join(", ", inSql.Select(id => names[id]))}]");
                Assert.True(inMemory.Order().SequenceEqual(agreements.Values.Where(a => a.InForceDuring(from, to)).Select(a => a.Id).Order()));
                periods++;
                someInForce += inMemory.Count;
            }
        }

        // The table means something: periods backwards find nothing, and the periods cut both ways.
        Assert.Equal(Days.Length * Days.Length, periods);
        Assert.InRange(someInForce, 10, Table.Length * periods - 10);
        Assert.Empty(await db.Agreements.IgnoreQueryFilters().Where(a => a.TownshipId == townshipId)
            .Where(AgreementEntity.InForceDuringExpression(End, Start)).ToListAsync());
        Assert.True(agreements["published after its term began"].InForceDuring(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 10)));
        Assert.False(agreements["published after its term began"].InForceDuring(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 9)));
        Assert.False(agreements["terminated on its publication day"].InForceDuring(DateOnly.MinValue, DateOnly.MaxValue));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AgreementInForceTests_Sqlite(SqliteHost host) : AgreementInForceTests(host);

[Collection(PostgresCollection.Name)]
public sealed class AgreementInForceTests_Postgres(PostgresHost host) : AgreementInForceTests(host);
