using System.Diagnostics;
using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Training;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Bench;

/// <summary>
/// What issue 4's training and exams add to the province: per district two classes a year for 2025 and 2026 (three days, a
/// morning and an afternoon session each, as the seed's), each class with about three fifths of the district's officers in post
/// (the bench district's first class with all of them: ~500 trainees, the longest roster and score sheet a district would
/// keep), attendance for every trainee and session (2 % excused, 1 % unexcused: some are barred), and one exam a year for
/// both classes, every eligible trainee scored. Read from the database, so that it can be added to a province generated
/// before it existed (<c>add-training</c>).
/// </summary>
internal static class ProvinceTraining
{
    private static readonly DateOnly[] ClassStarts =
        [new(2025, 3, 10), new(2025, 9, 8), new(2026, 3, 9), new(2026, 9, 7)];

    public static async Task<(int Classes, int Trainees, int Scores)> SaveAsync(DatabaseProvider provider, string connectionString,
        Random random, Stopwatch clock)
    {
        List<Entrust.Web.Features.Catalog.District> districts;
        Dictionary<Guid, QualificationSettings> settings;
        ILookup<Guid, Officer> officers;
        await using (var db = BenchDatabase.Unaudited(provider, connectionString))
        {
            districts = await db.Districts.AsNoTracking().OrderBy(d => d.Code).ToListAsync();
            settings = await db.QualificationSettings.AsNoTracking().ToDictionaryAsync(s => s.DistrictId);
            officers = (await db.Officers.AsNoTracking().Where(Officer.Active()).OrderBy(o => o.Id).ToListAsync())
                .ToLookup(o => o.DistrictId);
        }
        var benchDistrict = ProvinceNames.Districts[0].Code;
        List<object> classes = [], trainees = [], marks = [], exams = [], scores = [];
        foreach (var district in districts)
        {
            var inPost = officers[district.Id].ToList();
            var rules = settings[district.Id];
            for (var year = 0; year < ClassStarts.Length / 2; year++)
            {
                List<(TrainingClass Class, List<(Trainee Trainee, List<AttendanceMark> Marks)> Roster)> sitting = [];
                for (var half = 0; half < 2; half++)
                {
                    var start = ClassStarts[year * 2 + half];
                    var trainingClass = new TrainingClass(district.Id, new TrainingClassFields(
                        $"{start.Year}年{(half == 0 ? "上" : "下")}半年行政执法资格培训班", start, start.AddDays(2), "区委党校", "区司法局法制科"));
                    trainingClass.AddDailySessions(SessionPart.Morning, SessionPart.Afternoon);
                    classes.Add(trainingClass);
                    var everyone = district.Code == benchDistrict && year == 0 && half == 0;
                    var roster = new List<(Trainee, List<AttendanceMark>)>();
                    foreach (var officer in inPost.Where(_ => everyone || random.Next(5) < 3))
                    {
                        var trainee = new Trainee(trainingClass, officer, new DateTimeOffset(start.AddDays(-14), TimeOnly.MinValue, TimeSpan.Zero));
                        trainees.Add(trainee);
                        var own = new List<AttendanceMark>();
                        foreach (var session in trainingClass.Sessions)
                        {
                            var roll = random.Next(100);
                            var mark = roll < 2 ? AttendanceMark.Excused : roll < 3 ? AttendanceMark.Unexcused : AttendanceMark.Present;
                            own.Add(mark);
                            marks.Add(new Attendance(trainee, session, mark, mark == AttendanceMark.Excused ? "病假" : null));
                        }
                        roster.Add((trainee, own));
                    }
                    sitting.Add((trainingClass, roster));
                }
                var exam = new Exam(district.Id, new ExamFields($"{ClassStarts[year * 2].Year}年度行政执法资格考试",
                    sitting[^1].Class.EndsOn.AddDays(7), 100, 60), sitting.Select(s => s.Class));
                exams.Add(exam);
                foreach (var (trainee, own) in sitting.SelectMany(s => s.Roster))
                {
                    var eligibility = Eligibility.Of(own, rules);
                    if (eligibility.Eligible)
                    {
                        scores.Add(new ExamScore(exam, trainee, eligibility, 50 + random.Next(101) / 2m));
                    }
                }
            }
        }
        await ProvinceGenerator.SaveAsync(provider, connectionString, classes, "classes", clock);
        await ProvinceGenerator.SaveAsync(provider, connectionString, trainees, "trainees", clock);
        await ProvinceGenerator.SaveAsync(provider, connectionString, marks, "attendance", clock);
        await ProvinceGenerator.SaveAsync(provider, connectionString, exams, "exams", clock);
        await ProvinceGenerator.SaveAsync(provider, connectionString, scores, "exam scores", clock);
        return (classes.Count, trainees.Count, scores.Count);
    }
}
