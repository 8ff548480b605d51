using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Training;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Hosting;

/// <summary>
/// What tests of officers and certificates share: valid and unique ID numbers, officers made through the API, and exam
/// results written straight into the database (the training API is not what these tests are about).
/// </summary>
public abstract class OfficerTest(HostFixture host) : AgreementTest(host)
{
    private static int _serial = Random.Shared.Next(100_000, 800_000);

    /// <summary>A valid ID number (GB 11643) no other test uses: a 北碚 area code, a birth date, a serial and its check character.</summary>
    protected static string NewIdNumber()
    {
        var serial = Interlocked.Increment(ref _serial);
        var first17 = $"500999{1970 + serial % 30}{1 + serial % 12:00}{1 + serial % 28:00}{serial % 1000:000}";
        return first17 + IdNumbers.CheckCharacterOf(first17);
    }

    protected static object OfficerBody(Guid? townshipId = null, Guid? departmentId = null, string name = "测试执法人员",
        string staffType = "Established", string? idNumber = null, string phone = "13812341234", string gender = "Male", string post = "综合执法队员") =>
        new { townshipId, departmentId, name, gender, idNumber = idNumber ?? NewIdNumber(), phone, post, staffType };

    protected async Task<JsonElement> CreateOfficerAsync(object body, string userName = "office") =>
        await (await As(userName)).PostAsJsonAsync("/api/officers", body).ExpectAsync(HttpStatusCode.Created);

    protected async Task<Guid> OfficerOfAsync(Guid townshipId, string name = "测试执法人员", string staffType = "Established") =>
        (await CreateOfficerAsync(OfficerBody(townshipId, name: name, staffType: staffType))).Id();

    /// <summary>One class of three days, two sessions a day, with the officer as trainee; each mark fills one session.</summary>
    private Task<(Exam Exam, Trainee Trainee, EligibilityResult Eligibility)> TrainAsync(Guid officerId, AttendanceMark[] marks) =>
        Host.WithDbAsync(async db =>
        {
            var officer = await db.Officers.SingleAsync(o => o.Id == officerId);
            var start = Today.AddDays(-30);
            var training = new TrainingClass(officer.DistrictId, new TrainingClassFields("执法资格培训班", start, start.AddDays(2), "区行政学院", "法制办"));
            training.AddDailySessions(SessionPart.Morning, SessionPart.Afternoon);
            db.TrainingClasses.Add(training);
            var trainee = new Trainee(training, officer, Host.Clock.GetUtcNow());
            db.Trainees.Add(trainee);
            var sessions = training.Sessions.OrderBy(s => s.Date).ThenBy(s => s.Part).ToList();
            var all = sessions.Select((s, i) => i < marks.Length ? marks[i] : AttendanceMark.Present).ToList();
            db.Attendances.AddRange(sessions.Select((s, i) => new Attendance(trainee, s, all[i], null)));
            var exam = new Exam(officer.DistrictId, new ExamFields("执法资格考试", start.AddDays(5), 100, 60), [training]);
            db.Exams.Add(exam);
            await db.SaveChangesAsync();
            return (exam, trainee, Eligibility.Of(all, QualificationSettings.Defaults(officer.DistrictId)));
        });

    /// <summary>Trained, eligible and scored: 85 passes, 45 fails (pass mark 60).</summary>
    protected async Task<Guid> ScoredAsync(Guid officerId, decimal score)
    {
        var (exam, trainee, eligibility) = await TrainAsync(officerId, []);
        return await Host.WithDbAsync(async db =>
        {
            var row = new ExamScore(exam, trainee, eligibility, score);
            db.ExamScores.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
    }

    protected Task<Guid> PassedAsync(Guid officerId) => ScoredAsync(officerId, 85m);

    /// <summary>One unexcused absence (旷课一次): barred from the exam, so never scored.</summary>
    protected async Task BarredAsync(Guid officerId) => await TrainAsync(officerId, [AttendanceMark.Unexcused]);

    /// <summary>A passed officer of <paramref name="townshipId"/>, registered by the office.</summary>
    protected async Task<Guid> PassedOfficerAsync(Guid townshipId, string name = "测试执法人员")
    {
        var id = await OfficerOfAsync(townshipId, name);
        await PassedAsync(id);
        return id;
    }

    protected async Task<JsonElement> IssueAsync(Guid officerId, string[] domains, string? number = null, string userName = "office",
        HttpStatusCode expected = HttpStatusCode.Created) =>
        await (await As(userName)).PostAsJsonAsync("/api/certificates", new { officerId, domains, number }).ExpectAsync(expected);

    /// <summary>Certificates of the officer, looked at behind the API.</summary>
    protected Task<List<Certificate>> CertificatesOfAsync(Guid officerId) =>
        Host.WithDbAsync(db => db.Certificates.AsNoTracking().Where(c => c.OfficerId == officerId).ToListAsync());

    protected Task<int> CertificateCountAsync() => Host.WithDbAsync(db => db.Certificates.CountAsync());

    protected Task<int> OfficerCountAsync() => Host.WithDbAsync(db => db.Officers.CountAsync());
}
