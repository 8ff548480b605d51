using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Web.Features.Officers;
using MiniExcelLibs;

namespace Entrust.Tests.Hosting;

/// <summary>
/// What tests of training classes, attendance and exams share: officers made straight through the DbContext (the
/// officers API is another feature's), a three-day class with a morning and an afternoon session a day, nominations,
/// marks, exams and .xlsx files.
/// </summary>
public abstract class TrainingTest(HostFixture host) : ApiTest(host)
{
    protected const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    protected DateOnly Today => DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    protected static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    public sealed record TestOfficer(Guid Id, string Name, string IdNumber);

    /// <summary>A new officer of a township (or of a department), with a valid identity number no other test uses.</summary>
    protected Task<TestOfficer> OfficerAsync(Guid? township = null, Guid? department = null, string? name = null, Guid? district = null,
        bool left = false, StaffType staffType = StaffType.Established) =>
        Host.WithDbAsync(async db =>
        {
            var first17 = "500109" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString();
            var idNumber = first17 + IdNumbers.CheckCharacterOf(first17);
            var unit = department is { } d ? OfficerUnit.OfDepartment(d) : OfficerUnit.OfTownship(township ?? Ids.Xiema);
            var officer = new Officer(district ?? Ids.Beibei, unit,
                new OfficerFields(name ?? "学员" + UniqueCode(""), Gender.Male, idNumber, "13800001234", "执法队员", staffType));
            if (left)
            {
                officer.Leave(Today.AddDays(-30), "辞职");
            }
            db.Officers.Add(officer);
            await db.SaveChangesAsync();
            return new TestOfficer(officer.Id, officer.Name, officer.IdNumber);
        });

    protected async Task<List<TestOfficer>> OfficersAsync(int count, Guid? township = null, Guid? department = null)
    {
        var list = new List<TestOfficer>();
        for (var i = 0; i < count; i++)
        {
            list.Add(await OfficerAsync(township, department));
        }
        return list;
    }

    protected object ClassBody(string? name = null, DateOnly? start = null, int days = 3, string[]? dailyParts = null, object[]? sessions = null) => new
    {
        name = name ?? "资格培训班" + UniqueCode(""),
        startsOn = Day(start ?? Today.AddDays(-10)),
        endsOn = Day((start ?? Today.AddDays(-10)).AddDays(days - 1)),
        venue = "区委党校",
        teachers = "区法制办 李老师",
        dailyParts = sessions is null ? dailyParts ?? ["Morning", "Afternoon"] : dailyParts,
        sessions,
    };

    protected async Task<JsonElement> ClassAsync(object? body = null) =>
        await (await As("office")).PostAsJsonAsync("/api/training-classes", body ?? ClassBody()).ExpectAsync(HttpStatusCode.Created);

    protected static List<Guid> SessionIds(JsonElement trainingClass) =>
        trainingClass.GetProperty("sessions").EnumerateArray().Select(s => s.Id()).ToList();

    protected async Task<List<JsonElement>> NominateAsync(Guid classId, IEnumerable<Guid> officerIds, string userName = "office") =>
        (await (await As(userName)).PostAsJsonAsync($"/api/training-classes/{classId}/trainees", new { officerIds })
            .ExpectAsync(HttpStatusCode.OK)).Items().ToList();

    /// <summary>A class of <paramref name="officers"/> (all nominated by the office): the class and trainee id by officer.</summary>
    protected async Task<(JsonElement Class, Dictionary<Guid, Guid> TraineeOf)> ClassWithAsync(IEnumerable<TestOfficer> officers)
    {
        var c = await ClassAsync();
        var trainees = await NominateAsync(c.Id(), officers.Select(o => o.Id));
        return (c, trainees.ToDictionary(t => t.GetProperty("officerId").GetGuid(), t => t.Id()));
    }

    protected async Task<JsonElement> RosterAsync(Guid classId, string userName = "office") =>
        await (await As(userName)).GetAsync($"/api/training-classes/{classId}/attendance").ExpectAsync(HttpStatusCode.OK);

    protected static JsonElement RowOf(JsonElement roster, Guid traineeId) =>
        roster.GetProperty("trainees").EnumerateArray().Single(t => t.GetProperty("traineeId").GetGuid() == traineeId);

    protected static object Mark(Guid traineeId, Guid sessionId, string? mark) => new { traineeId, sessionId, mark };

    protected async Task<JsonElement> MarkAsync(Guid classId, IEnumerable<object> marks, HttpStatusCode expected = HttpStatusCode.OK,
        string userName = "office") =>
        await (await As(userName)).PutAsJsonAsync($"/api/training-classes/{classId}/attendance", new { marks }).ExpectAsync(expected);

    /// <summary>Every trainee present at every session.</summary>
    protected Task<JsonElement> AllPresentAsync(Guid classId, IEnumerable<Guid> trainees, IEnumerable<Guid> sessions) =>
        MarkAsync(classId, trainees.SelectMany(t => sessions.Select(s => Mark(t, s, "Present"))).ToList());

    protected async Task<int> MarkCountAsync(Guid classId) =>
        (await RosterAsync(classId)).GetProperty("trainees").EnumerateArray().Sum(t => t.GetProperty("marks").GetArrayLength());

    protected async Task<JsonElement> ExamAsync(IEnumerable<Guid> classIds, decimal fullMark = 100, decimal passMark = 60, DateOnly? heldOn = null) =>
        await (await As("office")).PostAsJsonAsync("/api/exams", new
        {
            name = "执法资格考试" + UniqueCode(""),
            heldOn = Day(heldOn ?? Today.AddDays(-5)),
            fullMark,
            passMark,
            classIds,
        }).ExpectAsync(HttpStatusCode.Created);

    protected async Task<JsonElement> ScoreAsync(Guid examId, IEnumerable<object> scores, HttpStatusCode expected = HttpStatusCode.OK,
        string userName = "office") =>
        await (await As(userName)).PutAsJsonAsync($"/api/exams/{examId}/scores", new { scores }).ExpectAsync(expected);

    protected async Task<JsonElement> ResultsAsync(Guid examId, string userName = "office") =>
        await (await As(userName)).GetAsync($"/api/exams/{examId}/results").ExpectAsync(HttpStatusCode.OK);

    /// <summary>A workbook whose first row holds <paramref name="headers"/>.</summary>
    protected static byte[] Workbook(IReadOnlyList<string> headers, params object?[][] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => headers.Select((h, i) => (h, r[i] ?? "")).ToDictionary(p => p.h, p => p.Item2)).ToList());
        return stream.ToArray();
    }

    /// <summary>Every row of a workbook as cell texts, the header row first.</summary>
    protected static List<string[]> Read(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v?.ToString() ?? "").ToArray()).ToList();
    }

    protected async Task<List<string[]>> DownloadAsync(string url, string userName = "office")
    {
        using var response = await (await As(userName)).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        return Read(await response.Content.ReadAsByteArrayAsync());
    }

    protected async Task<JsonElement> UploadAsync(string url, byte[] workbook, HttpStatusCode expected, string userName = "office")
    {
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        using var form = new MultipartFormDataContent { { file, "file", "upload.xlsx" } };
        return await (await As(userName)).PostAsync(url, form).ExpectAsync(expected);
    }

    /// <summary>The rows a refused batch names: (row, reason).</summary>
    protected static List<(int Row, string Reason)> RejectedRows(JsonElement problem) =>
        problem.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.Str("reason"))).ToList();
}
