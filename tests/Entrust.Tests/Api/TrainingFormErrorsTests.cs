using System.Text.RegularExpressions;
using Entrust.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using static Entrust.Tests.Hosting.FormPosts;

namespace Entrust.Tests.Api;

/// <summary>
/// Issue 18, item 5, on a class's page of several forms: the nomination's refusal stands beside the officer picker, the import's
/// beside its file, each once, not in the list above the page; nothing is saved.
/// </summary>
public abstract class TrainingFormErrorsTests(HostFixture host) : TrainingTest(host)
{
    [Fact]
    public async Task ANominationOrImportRefusedIsAnsweredBesideItsField()
    {
        var c = await ClassAsync();
        var url = $"/Training/Detail?id={c.Id()}";
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await office.GetStringAsync(url);

        var html = await PostAsync(office, url + "&handler=Nominate", page);
        RefusedBesideGroup(html, "officerIds", "请选择要推荐参训的执法人员。");
        ShownOnce(html, "请选择要推荐参训的执法人员。");

        html = await PostAsync(office, url + "&handler=Import", page);
        RefusedBeside(html, "file", "请选择要导入的 .xlsx 文件。");
        ShownOnce(html, "请选择要导入的 .xlsx 文件。");
        Assert.Equal(0, await Host.WithDbAsync(db => db.Trainees.IgnoreQueryFilters().CountAsync(t => t.TrainingClassId == c.Id())));
    }

    [Fact]
    public async Task ARosterSavedWithBadCellsShowsEachBesideItsCellKeepingWhatWasChosen()
    {
        var officers = new[] { await OfficerAsync(Ids.Xiema, name: "点甲" + UniqueCode("")), await OfficerAsync(Ids.Xiema, name: "点乙" + UniqueCode("")) };
        var (c, traineeOf) = await ClassWithAsync(officers);
        var sessions = SessionIds(c);
        var (first, second) = (traineeOf[officers[0].Id], traineeOf[officers[1].Id]);
        static string Cell(Guid trainee, Guid session) => $"m.{trainee:N}.{session:N}";
        var url = $"/Training/Detail?id={c.Id()}";
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await office.GetStringAsync(url);

        var html = Regex.Replace(await PostAsync(office, url + "&handler=Attendance", page, (Cell(first, sessions[0]), "Bogus"),
            (Cell(first, sessions[1]), "Present"), (Cell(second, sessions[1]), "Nonsense")), "\\s+", " ");

        foreach (var (cell, typed) in new[] { (Cell(first, sessions[0]), "Bogus"), (Cell(second, sessions[1]), "Nonsense") })
        {
            Assert.Matches($"<select name=\"{cell}\"[^>]*aria-invalid=\"true\"[^>]*>(?:(?!</select>).)*</select>\\s*"
                + $"<span class=\"field-error\" data-for=\"{cell}\">考勤“{typed}”无效", html);
            ShownOnce(html, $"考勤“{typed}”无效");
        }
        Assert.Matches($"<select name=\"{Cell(first, sessions[1])}\"(?:(?!</select>).)*<option value=\"Present\" selected=\"selected\">", html);
        Assert.DoesNotContain("id=\"rejected\"", html);
        Assert.Equal(0, await MarkCountAsync(c.Id()));
    }

    [Fact]
    public async Task AnExamGridShowsEveryBadScoreBesideItsInputAtOnceKeepingWhatWasTyped()
    {
        var officers = new[] { await OfficerAsync(Ids.Xiema, name: "分甲" + UniqueCode("")), await OfficerAsync(Ids.Xiema, name: "分乙" + UniqueCode("")) };
        var (c, traineeOf) = await ClassWithAsync(officers);
        var exam = await ExamAsync([c.Id()]);
        var (first, second) = (traineeOf[officers[0].Id], traineeOf[officers[1].Id]);
        var url = $"/Exams/Detail?id={exam.Id()}";
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await office.GetStringAsync(url);

        var html = Regex.Replace(await PostAsync(office, url + "&handler=Scores", page, ($"s.{first:N}", "abc"), ($"s.{second:N}", "150")), "\\s+", " ");

        foreach (var (trainee, typed, message) in new[] { (first, "abc", "此项须填写数字。"), (second, "150", "成绩须在0到100之间") })
        {
            Assert.Matches($"<input name=\"s.{trainee:N}\"[^>]*value=\"{typed}\"[^>]*aria-invalid=\"true\"[^>]*>\\s*"
                + $"<span class=\"field-error\" data-for=\"s.{trainee:N}\">[^<]*{message}", html);
            ShownOnce(html, message);
        }
        Assert.DoesNotContain("id=\"rejected\"", html);
        Assert.Equal(0, await Host.WithDbAsync(db => db.ExamScores.IgnoreQueryFilters().CountAsync(s => s.ExamId == exam.Id())));
    }

    [Fact]
    public async Task AnExamsImportWithoutAFileIsRefusedBesideIt()
    {
        var (c, _) = await ClassWithAsync([await OfficerAsync(Ids.Xiema, name: "考" + UniqueCode(""))]);
        var exam = await ExamAsync([c.Id()]);
        var url = $"/Exams/Detail?id={exam.Id()}";
        var office = await ConsoleSignIn.SignInAsync(Host, "office");

        var html = await PostAsync(office, url + "&handler=Import", await office.GetStringAsync(url));

        RefusedBeside(html, "file", "请选择要导入的 .xlsx 文件。");
        ShownOnce(html, "请选择要导入的 .xlsx 文件。");
        Assert.Equal(0, await Host.WithDbAsync(db => db.ExamScores.IgnoreQueryFilters().CountAsync(s => s.ExamId == exam.Id())));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TrainingFormErrorsTests_Sqlite(SqliteHost host) : TrainingFormErrorsTests(host);

[Collection(PostgresCollection.Name)]
public sealed class TrainingFormErrorsTests_Postgres(PostgresHost host) : TrainingFormErrorsTests(host);
