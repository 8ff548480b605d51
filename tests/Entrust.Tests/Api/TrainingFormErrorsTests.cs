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
