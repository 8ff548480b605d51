using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Platform;

/// <summary>What a number sequence numbers: each kind is its own series per issuing body and year.</summary>
public static class NumberKinds
{
    /// <summary>立案 numbers, per acting body (the body the case acts in the name of) and year: 区林业局立字〔2026〕3号.</summary>
    public const string Case = "Case";

    /// <summary>行政处罚决定书 numbers, per acting body and year: 区林业局罚决字〔2026〕3号.</summary>
    public const string Decision = "Decision";

    /// <summary>Agreement numbers, per district, mode and year: 北碚委托〔2026〕3号 / 北碚赋权〔2026〕3号.</summary>
    public const string Entrustment = "Agreement.Entrust";

    public const string Grant = "Agreement.Grant";
}

/// <summary>
/// The last number issued in one series of document numbers (cases, decisions, agreements): one row per district, kind,
/// issuing body and year. A number is taken by one statement on this row (<see cref="NumberSequences.TakeAsync"/>), so two
/// filings at the same moment never get the same number.
/// </summary>
public sealed class NumberSequence
{
    public Guid DistrictId { get; private set; }

    /// <summary>One of <see cref="NumberKinds"/>.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>The body the numbers are issued in the name of: the acting unit for cases and decisions, the district for agreements.</summary>
    public Guid IssuerId { get; private set; }

    public int Year { get; private set; }

    /// <summary>The last number issued; the next one is this plus one.</summary>
    public int Last { get; private set; }
}

internal sealed class NumberSequenceConfiguration : IEntityTypeConfiguration<NumberSequence>
{
    public void Configure(EntityTypeBuilder<NumberSequence> b)
    {
        b.HasKey(x => new { x.DistrictId, x.Kind, x.IssuerId, x.Year });
        b.Property(x => x.Kind).HasMaxLength(32);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class NumberSequences
{
    /// <summary>
    /// Takes the next number of a series in one statement on its row (an UPDATE, or the first time an INSERT … ON CONFLICT DO
    /// UPDATE, both … RETURNING; SQLite and PostgreSQL alike), inside the caller's transaction when there is one, so a refused
    /// filing gives its number back. The first number of a series not yet kept follows <paramref name="highestIssued"/>: the
    /// highest number already on the documents, so existing data continues its series.
    /// </summary>
    public static async Task<int> TakeAsync(EntrustDbContext db, Guid districtId, string kind, Guid issuerId, int year,
        Func<CancellationToken, Task<int>> highestIssued, CancellationToken ct)
    {
        var taken = await db.Database.SqlQuery<int>($"""
            UPDATE "NumberSequences" SET "Last" = "Last" + 1
            WHERE "DistrictId" = {districtId} AND "Kind" = {kind} AND "IssuerId" = {issuerId} AND "Year" = {year}
            RETURNING "Last" AS "Value"
            """).ToListAsync(ct);
        if (taken.Count == 1)
        {
            return taken[0];
        }
        // The first number of the series: after the highest one already issued. Two first numbers at the same moment meet
        // at the key: the second one's insert becomes an increment.
        var first = await highestIssued(ct) + 1;
        taken = await db.Database.SqlQuery<int>($"""
            INSERT INTO "NumberSequences" ("DistrictId", "Kind", "IssuerId", "Year", "Last")
            VALUES ({districtId}, {kind}, {issuerId}, {year}, {first})
            ON CONFLICT ("DistrictId", "Kind", "IssuerId", "Year") DO UPDATE SET "Last" = "NumberSequences"."Last" + 1
            RETURNING "Last" AS "Value"
            """).ToListAsync(ct);
        return taken[0];
    }

    /// <summary>The highest number among <paramref name="numbers"/> that begin with <paramref name="prefix"/> and end in 号; 0 if none.</summary>
    public static int Highest(string prefix, IEnumerable<string> numbers) =>
        numbers.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => int.TryParse(n[prefix.Length..].TrimEnd('号'), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var k) ? k : 0)
            .DefaultIfEmpty(0).Max();
}
