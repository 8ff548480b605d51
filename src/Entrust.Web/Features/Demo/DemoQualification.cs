using System.Globalization;
using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Demo;

/// <summary>
/// The seed's qualification drive: two classes of three days (a morning and an afternoon session a day) with 150
/// trainees from the 17 townships and the departments; attendance that bars two trainees (one unexcused absence;
/// two excused absences) and an exam one trainee fails, so 147 pass and hold certificates. 歇马镇's 10 officers
/// all pass, with certificates covering the domains of its 11 agreements in force; 金刀峡镇 sends only three, one
/// of them barred, so its coverage shows gaps. Three department officers hold certificates from before the
/// platform that expire within weeks of today; one officer of 天生街道 has left, his certificate revoked.
/// </summary>
public sealed class DemoQualification(EntrustDbContext db, TimeProvider clock)
{
    private static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "梁", "谢", "唐", "冉", "谭", "邓", "蒋", "向"];

    private static readonly string[] GivenNames =
        ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚",
         "建华", "建军", "晓东", "海燕", "志勇", "红梅", "小龙", "德明", "春兰", "国庆", "文杰", "玉兰", "家豪", "思远", "雪梅", "俊"];

    // 歇马镇's 10 comprehensive officers (张伟 is the demo account officer.xiema).
    private static readonly string[] XiemaNames = ["张伟", "李娜", "王强", "刘洋", "陈静", "杨磊", "赵敏", "周杰", "吴涛", "徐丽"];

    // The four areas entrusted to every township, two per certificate in turn, so seven officers cover each twice.
    private static readonly string[][] TownshipDomainPairs =
        [["work-safety", "road-traffic"], ["drugs", "family-planning"], ["work-safety", "drugs"], ["road-traffic", "family-planning"]];

    private int _serial;

    public async Task LoadAsync(District district, IReadOnlyDictionary<string, Township> townships,
        IReadOnlyDictionary<string, Department> departments, CancellationToken ct)
    {
        var settings = new QualificationSettings(district.Id);
        db.QualificationSettings.Add(settings);
        var matters = await db.Matters.IgnoreQueryFilters().Where(m => m.DistrictId == district.Id).ToListAsync(ct);
        var xiema = townships["歇马镇"];

        // Who trains, and which domains their certificate will cover.
        var trainees = new List<(Officer Officer, string[] Domains)>();
        var xiemaDomains = XiemaAgreementDomains(matters, departments);
        for (var i = 0; i < XiemaNames.Length; i++)
        {
            var domains = Enumerable.Range(2 * i, 4).Select(k => xiemaDomains[k % xiemaDomains.Length]).Distinct().ToArray();
            trainees.Add((NewOfficer(district, OfficerUnit.OfTownship(xiema.Id), XiemaNames[i], "综合执法队员"), domains));
        }
        var others = townships.Values.Where(t => t.Id != xiema.Id).OrderBy(t => t.Code).ToList();
        var extra = 6; // 15 townships of 7 or 8 and 金刀峡镇's 3: 111 + 3 = 114.
        foreach (var township in others)
        {
            var count = township.Name == "金刀峡镇" ? 3 : 7 + (extra-- > 0 ? 1 : 0);
            for (var i = 0; i < count; i++)
            {
                trainees.Add((NewOfficer(district, OfficerUnit.OfTownship(township.Id), null, i == 0 ? "执法中队长" : "执法队员"),
                    TownshipDomainPairs[i % TownshipDomainPairs.Length]));
            }
        }
        foreach (var department in departments.Values.OrderBy(d => d.Code))
        {
            var domains = matters.Where(m => m.DepartmentId == department.Id).Select(m => m.Domain).Distinct().ToArray();
            for (var i = 0; i < 2; i++)
            {
                trainees.Add((NewOfficer(district, OfficerUnit.OfDepartment(department.Id), null, "执法科科员"), domains));
            }
        }

        // Two auxiliary staff of 歇马镇: on the roll, never trained, never certified (only 在编在职 may hold one).
        NewOfficer(district, OfficerUnit.OfTownship(xiema.Id), "蒋小兵", "协管员", StaffType.Auxiliary);
        NewOfficer(district, OfficerUnit.OfTownship(xiema.Id), "向春兰", "协管员", StaffType.Contract);

        // Two classes of three days, a morning and an afternoon session each day.
        var first = new TrainingClass(district.Id, new TrainingClassFields("2026年第一期行政执法资格培训班",
            new DateOnly(2026, 5, 11), new DateOnly(2026, 5, 13), "区委党校三楼报告厅", "区法制办 周明；区安监局 谭建；西南大学法学院 罗文"));
        var second = new TrainingClass(district.Id, new TrainingClassFields("2026年第二期行政执法资格培训班",
            new DateOnly(2026, 5, 18), new DateOnly(2026, 5, 20), "区委党校三楼报告厅", "区法制办 周明；区林业局 唐亮；西南大学法学院 罗文"));
        foreach (var c in new[] { first, second })
        {
            c.AddDailySessions(SessionPart.Morning, SessionPart.Afternoon);
        }
        db.TrainingClasses.AddRange(first, second);

        var nominated = DateTimeOffset.Parse("2026-05-06T09:00:00+08:00", CultureInfo.InvariantCulture);
        var roster = trainees.Select((t, i) => (t.Officer, t.Domains, Trainee: new Trainee(i % 2 == 0 ? first : second, t.Officer, nominated)))
            .ToList();
        db.Trainees.AddRange(roster.Select(r => r.Trainee));

        // Attendance: everyone present, except a few excused once (still eligible), 金刀峡镇's third officer absent
        // without leave once (barred) and one department officer excused twice (barred).
        var jindaoxia = others.Single(t => t.Name == "金刀峡镇");
        var barredUnexcused = roster.Where(r => r.Officer.TownshipId == jindaoxia.Id).ElementAt(2).Trainee;
        var barredExcused = roster.Last(r => r.Officer.DepartmentId is not null).Trainee;
        var excusedOnce = roster.Where((r, i) => i % 23 == 5).Select(r => r.Trainee).ToHashSet();
        foreach (var (_, _, trainee) in roster)
        {
            var sessions = (trainee.TrainingClassId == first.Id ? first : second).Sessions.OrderBy(s => s.Date).ThenBy(s => s.Part).ToList();
            for (var s = 0; s < sessions.Count; s++)
            {
                var mark = trainee == barredUnexcused && s == 3 ? AttendanceMark.Unexcused
                    : trainee == barredExcused && s is 1 or 4 ? AttendanceMark.Excused
                    : excusedOnce.Contains(trainee) && s == 2 ? AttendanceMark.Excused
                    : AttendanceMark.Present;
                db.Attendances.Add(new Attendance(trainee, sessions[s], mark, mark == AttendanceMark.Excused ? "因公请假" : null));
            }
        }

        // The exam: everyone eligible sits it; one trainee of 柳荫镇 scores below the pass mark.
        var exam = new Exam(district.Id, new ExamFields("2026年度行政执法资格考试", new DateOnly(2026, 5, 22), 100, 60), [first, second]);
        db.Exams.Add(exam);
        var liuyin = others.Single(t => t.Name == "柳荫镇");
        var failing = roster.First(r => r.Officer.TownshipId == liuyin.Id).Trainee;
        var issuedOn = new DateOnly(2026, 6, 1);
        var sequence = 0;
        var sitting = 0;
        foreach (var (officer, domains, trainee) in roster)
        {
            if (trainee == barredUnexcused || trainee == barredExcused)
            {
                continue;
            }
            var eligibility = Eligibility.Of(
                db.Attendances.Local.Where(a => a.TraineeId == trainee.Id).Select(a => a.Mark), settings);
            var score = new ExamScore(exam, trainee, eligibility, trainee == failing ? 52 : 66 + (sitting++ * 7 % 34));
            db.ExamScores.Add(score);
            if (score.Passed)
            {
                db.Certificates.Add(new Certificate(officer, settings.FormatNumber(2026, ++sequence), domains, issuedOn, settings, score.Id));
            }
        }

        // 天生街道's first officer left at the end of September: his certificate was revoked the same day.
        var tiansheng = others.Single(t => t.Name == "天生街道");
        var leaver = roster.First(r => r.Officer.TownshipId == tiansheng.Id).Officer;
        var leftOn = new DateOnly(2026, 9, 30);
        leaver.Leave(leftOn, "辞职");
        db.Certificates.Local.Single(c => c.OfficerId == leaver.Id).Revoke(leftOn, "持证人离职：辞职");

        // Certificates from before the platform (migrated, no exam on record) that expire within weeks of today:
        // reviewed every year so far, so valid until they expire.
        var today = clock.TodayInChina();
        string[] veterans = ["AJ", "LY", "SYJ"];
        for (var i = 0; i < veterans.Length; i++)
        {
            var department = departments[veterans[i]];
            var officer = NewOfficer(district, OfficerUnit.OfDepartment(department.Id), null, "执法科科长");
            var issued = today.AddYears(-settings.CertificateValidityYears).AddDays(15 + 14 * i);
            var domains = matters.Where(m => m.DepartmentId == department.Id).Select(m => m.Domain).Distinct();
            var certificate = new Certificate(officer, settings.FormatNumber(issued.Year, 900 + i), domains, issued, settings, null);
            for (var review = issued.AddMonths(settings.ReviewIntervalMonths).AddDays(-10); review <= today; review = review.AddMonths(settings.ReviewIntervalMonths))
            {
                certificate.Review(review, passed: true, null, settings);
            }
            db.Certificates.Add(certificate);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The domains of the matters in 歇马镇's agreements in force (11 departments; 卫生 and 农委 still awaiting review).</summary>
    private static string[] XiemaAgreementDomains(List<Matter> matters, IReadOnlyDictionary<string, Department> departments)
    {
        var signed = departments.Where(d => d.Key is not ("WS" or "NW")).Select(d => d.Value.Id).ToHashSet();
        return matters.Where(m => signed.Contains(m.DepartmentId) && m.Entrustability != Entrustability.NotEntrusted)
            .Select(m => m.Domain).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    private Officer NewOfficer(District district, OfficerUnit unit, string? name, string post, StaffType staff = StaffType.Established)
    {
        var n = ++_serial;
        name ??= Surnames[n * 7 % Surnames.Length] + GivenNames[n * 11 % GivenNames.Length];
        var gender = n % 3 == 0 ? Gender.Female : Gender.Male;
        var birth = new DateOnly(1972, 1, 1).AddDays(n * 97 % 8000);
        var first17 = $"500109{birth:yyyyMMdd}{n % 1000:D3}";
        var idNumber = first17 + IdNumbers.CheckCharacterOf(first17);
        var phone = $"139{(23000000 + n * 7919) % 100000000:D8}";
        var officer = new Officer(district.Id, unit, new OfficerFields(name, gender, idNumber, phone, post, staff));
        db.Officers.Add(officer);
        return officer;
    }
}
