using Entrust.Tests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>
/// The demo district's qualification drive has the seed's figures: 150 trained in two classes of three days, 147 passed,
/// 歇马镇's 10 all passed with certificates covering its agreements in force twice over. Only the rows the demo made are
/// counted (its two classes, its nomination time, its exam), so tests adding their own rows don't change the figures.
/// </summary>
public abstract class DemoQualificationTests(HostFixture host) : ApiTest(host)
{
    private static readonly DateTimeOffset DemoNomination = new DateTimeOffset(2026, 5, 6, 9, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private async Task<T> ReadAsync<T>(Func<EntrustDbContext, Task<T>> read)
    {
        using var scope = Host.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<EntrustDbContext>());
    }

    private static IQueryable<Trainee> DemoTrainees(EntrustDbContext db, Guid district) =>
        db.Trainees.Where(t => t.DistrictId == district && t.NominatedAt == DemoNomination);

    [Fact]
    public async Task TwoClassesOfThreeDaysTrainedOneHundredAndFiftyOfWhomOneHundredAndFortySevenPassed()
    {
        var (classes, trained, sessions, barred, sat, passed) = await ReadAsync(async db =>
        {
            var classIds = await DemoTrainees(db, Ids.Beibei).Select(t => t.TrainingClassId).Distinct().ToListAsync();
            var trainees = await DemoTrainees(db, Ids.Beibei).Select(t => t.Id).ToListAsync();
            var sessions = await db.TrainingSessions.Where(s => classIds.Contains(s.TrainingClassId))
                .GroupBy(s => s.TrainingClassId).Select(g => g.Count()).ToListAsync();
            var marks = await db.Attendances.Where(a => trainees.Contains(a.TraineeId)).ToListAsync();
            var settings = await Qualification.SettingsAsync(db, Ids.Beibei);
            var barred = marks.GroupBy(a => a.TraineeId).Count(g => !Eligibility.Of(g.Select(a => a.Mark), settings).Eligible);
            var exam = await db.Exams.SingleAsync(e => e.DistrictId == Ids.Beibei && e.Name == "2026年度行政执法资格考试");
            var scores = await db.ExamScores.Where(s => s.ExamId == exam.Id && trainees.Contains(s.TraineeId)).ToListAsync();
            return (classIds.Count, trainees.Count, sessions, barred, scores.Count, scores.Count(s => s.Passed));
        });
        Assert.Equal(2, classes);
        Assert.Equal([6, 6], sessions);
        Assert.Equal(150, trained);
        Assert.Equal(2, barred);
        Assert.Equal(148, sat);
        Assert.Equal(147, passed);
    }

    [Fact]
    public async Task XiemasTenOfficersAllPassedAndEveryDomainOfItsAgreementsInForceHasTwoValidHolders()
    {
        var today = Host.Clock.TodayInChina();
        var (xiemaTrainees, xiemaPassed, holders, domains) = await ReadAsync(async db =>
        {
            var trainees = await DemoTrainees(db, Ids.Beibei).Where(t => t.TownshipId == Ids.Xiema).Select(t => t.Id).ToListAsync();
            var passed = await db.ExamScores.CountAsync(s => trainees.Contains(s.TraineeId) && s.Passed);
            var officers = await DemoTrainees(db, Ids.Beibei).Where(t => t.TownshipId == Ids.Xiema).Select(t => t.OfficerId).ToListAsync();
            var certificates = await db.Certificates.Where(c => officers.Contains(c.OfficerId)).ToListAsync();
            var holders = certificates.Where(c => c.ValidOn(today)).SelectMany(c => c.Domains.Select(d => (d, c.OfficerId)))
                .Distinct().GroupBy(x => x.d).ToDictionary(g => g.Key, g => g.Count());
            var agreements = await db.Agreements.Include(a => a.Matters).Where(a => a.TownshipId == Ids.Xiema).ToListAsync();
            var matterIds = agreements.Where(a => a.InForceOn(today)).SelectMany(a => a.Matters).Select(m => m.MatterId).ToList();
            var domains = await db.Matters.Where(m => matterIds.Contains(m.Id)).Select(m => m.Domain).Distinct().ToListAsync();
            return (trainees.Count, passed, holders, domains);
        });
        Assert.Equal(10, xiemaTrainees);
        Assert.Equal(10, xiemaPassed);
        Assert.Equal(12, domains.Count);
        Assert.All(domains, d => Assert.True(holders.GetValueOrDefault(d) >= 2, $"{d}: {holders.GetValueOrDefault(d)} valid holders"));
    }

    [Fact]
    public async Task AnOfficerWhoLeftHasHisCertificateRevokedAndSomeCertificatesExpireWithinSixtyDays()
    {
        var today = Host.Clock.TodayInChina();
        var (leavers, expiring) = await ReadAsync(async db =>
        {
            var leavers = await db.Officers.Where(o => o.TownshipId == Ids.Tiansheng && o.Status == OfficerStatus.Left)
                .Join(db.Certificates, o => o.Id, c => c.OfficerId, (o, c) => c).ToListAsync();
            var expiring = await db.Certificates.Where(c => c.DistrictId == Ids.Beibei && c.ExamScoreId == null).ToListAsync();
            return (leavers, expiring);
        });
        var revoked = Assert.Single(leavers);
        Assert.Equal(CertificateValidity.Revoked, revoked.ValidityOn(today));
        Assert.Equal(new DateOnly(2026, 9, 30), revoked.StateChangedOn);
        Assert.True(expiring.Count(c => c.ValidOn(today) && c.ExpiresOn <= today.AddDays(60)) >= 3);
    }

    [Fact]
    public async Task OnlyEstablishedStaffHoldCertificates()
    {
        // A certificate revoked when its holder became contract staff stays on record (LAW 12); none is held otherwise.
        var contractHolders = await ReadAsync(db => db.Certificates.Where(c => c.DistrictId == Ids.Beibei && c.State != CertificateState.Revoked)
            .Join(db.Officers, c => c.OfficerId, o => o.Id, (c, o) => o).CountAsync(o => o.StaffType != StaffType.Established));
        var contractStaff = await ReadAsync(db => db.Officers.CountAsync(o => o.TownshipId == Ids.Xiema && o.StaffType != StaffType.Established));
        Assert.Equal(0, contractHolders);
        Assert.True(contractStaff >= 2);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DemoQualificationTests_Sqlite(SqliteHost host) : DemoQualificationTests(host);

[Collection(PostgresCollection.Name)]
public sealed class DemoQualificationTests_Postgres(PostgresHost host) : DemoQualificationTests(host);
