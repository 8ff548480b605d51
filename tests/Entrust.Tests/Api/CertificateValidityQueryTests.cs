using Entrust.Tests.Hosting;
using Entrust.Web.Features.Officers;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// "Certificate valid on a day" has one home: <see cref="Certificate.ValidOn"/> and, beside it, the expressions every SQL filter
/// uses (<see cref="Certificate.ValidOnDay"/>, <see cref="Certificate.ValidityIs"/>). Run through EF on each database, they keep
/// the same certificates as the method, for every kind of certificate and every day around its dates.
/// </summary>
public abstract class CertificateValidityQueryTests(HostFixture host) : OfficerTest(host)
{
    private static readonly DateOnly Issued = new(2025, 3, 10);

    /// <summary>One certificate of each kind: what happens to it, and on which day.</summary>
    private static readonly (string Name, Action<Certificate> Change)[] Kinds =
    [
        ("active", _ => { }),
        ("suspended", c => c.Suspend(Issued.AddDays(30), "受到处分")),
        ("reinstated", c => { c.Suspend(Issued.AddDays(30), "受到处分"); c.Reinstate(Issued.AddDays(40), "处分期满"); }),
        ("revoked", c => c.Revoke(Issued.AddDays(60), "离职")),
        ("revoked on the day of issue", c => c.Revoke(Issued, "发证错误")),
        ("reviewed", c => c.Review(Issued.AddMonths(11), true, null, QualificationSettings.Defaults(Guid.Empty))),
        ("failed review", c => c.Review(Issued.AddMonths(11), false, "年审不合格", QualificationSettings.Defaults(Guid.Empty))),
    ];

    [Fact]
    public async Task TheQueryExpressionsAndTheMethodAgreeOnEveryDay()
    {
        var ids = await Host.WithDbAsync(async db =>
        {
            var officer = new Officer(Ids.Beibei, OfficerUnit.OfTownship(Ids.Xiema),
                new OfficerFields("证件核对", Gender.Female, NewIdNumber(), "13812341234", "队员", StaffType.Established));
            db.Officers.Add(officer);
            var settings = QualificationSettings.Defaults(Ids.Beibei);
            List<Guid> made = [];
            foreach (var (name, change) in Kinds)
            {
                var certificate = new Certificate(officer, "核" + Guid.NewGuid().ToString("N")[..12], ["forestry"], Issued, settings, null);
                change(certificate);
                db.Certificates.Add(certificate);
                made.Add(certificate.Id);
            }
            await db.SaveChangesAsync();
            return made;
        });
        var stored = await Host.WithDbAsync(db => db.Certificates.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync());
        var days = stored.SelectMany(c => new[] { c.IssuedOn, c.ExpiresOn, c.ReviewDueOn, c.StateChangedOn ?? c.IssuedOn })
            .SelectMany(d => new[] { d.AddDays(-1), d, d.AddDays(1) }).Distinct().Order().ToList();
        Assert.True(days.Count > 20);
        foreach (var day in days)
        {
            var expected = stored.Where(c => c.ValidOn(day)).Select(c => c.Id).Order().ToList();
            var queried = await Host.WithDbAsync(db => db.Certificates.IgnoreQueryFilters().Where(c => ids.Contains(c.Id))
                .Where(Certificate.ValidOnDay(day)).Select(c => c.Id).ToListAsync());
            Assert.Equal(expected, queried.Order().ToList());
            var held = stored.Where(c => c.HeldOn(day)).Select(c => c.Id).Order().ToList();
            var queriedHeld = await Host.WithDbAsync(db => db.Certificates.IgnoreQueryFilters().Where(c => ids.Contains(c.Id))
                .Where(Certificate.HeldOnDay(day)).Select(c => c.Id).ToListAsync());
            Assert.Equal(held, queriedHeld.Order().ToList());
            foreach (var validity in Enum.GetValues<CertificateValidity>())
            {
                var expectedOf = stored.Where(c => c.ValidityOn(day) == validity).Select(c => c.Id).Order().ToList();
                var queriedOf = await Host.WithDbAsync(db => db.Certificates.IgnoreQueryFilters().Where(c => ids.Contains(c.Id))
                    .Where(Certificate.ValidityIs(validity, day)).Select(c => c.Id).ToListAsync());
                Assert.True(expectedOf.SequenceEqual(queriedOf.Order()), $"{validity} on {day}: {stored.Count(c => expectedOf.Contains(c.Id))} expected");
            }
        }
        // Every kind but the one revoked on its day of issue is valid some day and not valid another: both answers were compared.
        Assert.All(stored.Where(c => c.StateChangedOn != c.IssuedOn), c => Assert.Contains(days, d => c.ValidOn(d)));
        Assert.All(stored, c => Assert.Contains(days, d => !c.ValidOn(d)));
        Assert.Contains(stored, c => days.Any(c.HeldOn) && days.Any(d => !c.HeldOn(d)));
    }

    /// <summary>
    /// The same rule with the day a column (<see cref="Certificate.NoneValidOn{T}"/>, the assessment's "acted without a valid
    /// certificate"): for officers holding one certificate of each kind, one holding none and one whose certificate lapsed before
    /// its renewal, every (officer, day) row the database keeps is one where no certificate of the officer is <see cref="Certificate.ValidOn"/>.
    /// </summary>
    [Fact]
    public async Task TheRuleWithTheDayAsAColumnKeepsTheActsWithoutAValidCertificate()
    {
        var officers = await Host.WithDbAsync(async db =>
        {
            var settings = QualificationSettings.Defaults(Ids.Beibei);
            Officer NewOfficer(string name)
            {
                var officer = new Officer(Ids.Beibei, OfficerUnit.OfTownship(Ids.Xiema),
                    new OfficerFields(name, Gender.Male, NewIdNumber(), "13812341234", "队员", StaffType.Established));
                db.Officers.Add(officer);
                return officer;
            }
            Certificate NewCertificate(Officer officer, DateOnly issued)
            {
                var certificate = new Certificate(officer, "列" + Guid.NewGuid().ToString("N")[..12], ["forestry"], issued, settings, null);
                db.Certificates.Add(certificate);
                return certificate;
            }
            List<Guid> made = [];
            foreach (var (name, change) in Kinds)
            {
                var officer = NewOfficer("逐日" + made.Count);
                change(NewCertificate(officer, Issued));
                made.Add(officer.Id);
            }
            made.Add(NewOfficer("无证").Id);
            var renewed = NewOfficer("换证");
            NewCertificate(renewed, Issued);
            NewCertificate(renewed, Issued.AddYears(settings.CertificateValidityYears).AddDays(5));
            made.Add(renewed.Id);
            await db.SaveChangesAsync();
            return made;
        });
        var stored = await Host.WithDbAsync(db => db.Certificates.IgnoreQueryFilters().AsNoTracking()
            .Where(c => officers.Contains(c.OfficerId)).ToListAsync());
        var days = stored.SelectMany(c => new[] { c.IssuedOn, c.ExpiresOn, c.ReviewDueOn, c.StateChangedOn ?? c.IssuedOn })
            .SelectMany(d => new[] { d.AddDays(-1), d, d.AddDays(1) }).Distinct().Order().ToList();
        var expected = officers.SelectMany(o => days.Where(d => !stored.Any(c => c.OfficerId == o && c.ValidOn(d)))
            .Select(d => (o, d))).Order().ToList();
        // Every officer on every day, the day a column of the rows (a UNION ALL of one SELECT per day).
        var kept = await Host.WithDbAsync(db => days.Select(d => db.Officers.IgnoreQueryFilters().Where(o => officers.Contains(o.Id))
                .Select(o => new OfficerDay { OfficerId = o.Id, Day = d })).Aggregate(Queryable.Concat)
            .Where(Certificate.NoneValidOn<OfficerDay>(db.Certificates.IgnoreQueryFilters(), r => r.OfficerId, r => r.Day))
            .ToListAsync());
        Assert.Equal(expected, kept.Select(r => (r.OfficerId, r.Day)).Order().ToList());
        // Every officer acted some day without a valid certificate; all but the one holding none and the one whose certificate was
        // revoked on its day of issue also acted some day with one: both answers were compared. The renewal's gap is caught.
        Assert.All(officers, o => Assert.Contains(expected, e => e.o == o));
        Assert.Equal(officers.Count - 2, officers.Count(o => expected.Count(e => e.o == o) < days.Count));
        var renewal = stored.Where(c => c.OfficerId == officers[^1]).Min(c => c.ExpiresOn).AddDays(1);
        Assert.Contains((officers[^1], renewal), kept.Select(r => (r.OfficerId, r.Day)));
    }

    private sealed class OfficerDay
    {
        public Guid OfficerId { get; init; }
        public DateOnly Day { get; init; }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CertificateValidityQueryTests_Sqlite(SqliteHost host) : CertificateValidityQueryTests(host);

[Collection(PostgresCollection.Name)]
public sealed class CertificateValidityQueryTests_Postgres(PostgresHost host) : CertificateValidityQueryTests(host);
