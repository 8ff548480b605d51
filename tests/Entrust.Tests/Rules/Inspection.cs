using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using InspectionEntity = Entrust.Web.Features.Inspections.Inspection;

namespace Entrust.Tests.Rules;

/// <summary>The rules an inspection, a rectification order, a campaign and an uploaded file obey, without the database.</summary>
public sealed class Inspection
{
    private static readonly Guid District = Guid.NewGuid();
    private static readonly Guid Township = Guid.NewGuid();
    private static readonly Guid Matter = Guid.NewGuid();
    private static readonly Guid Department = Guid.NewGuid();
    private static readonly Guid Target = Guid.NewGuid();

    // 2026-06-10 09:30 in Asia/Shanghai.
    private static readonly DateTimeOffset Started = new(2026, 6, 10, 9, 30, 0, TimeSpan.FromHours(8));

    private static InspectionEntity New(InspectionResult result, DateTimeOffset? at = null) =>
        new(District, Township, Matter, Department, InspectionKind.Routine, null, [], at ?? Started, "检查情况", result, [Target],
            [Guid.NewGuid(), Guid.NewGuid()], Started, "town.xiema");

    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1];
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    public static readonly byte[] Pdf = "%PDF-1.7\n%âãÏÓ\n"u8.ToArray();
    public static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0];
    public static readonly byte[] Heic = [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c'];

    [Fact]
    public void TheDayIsTheDayInChinaAndTheInstantIsKeptInUtc()
    {
        // 23:30 UTC on 9 June is 07:30 on 10 June in Shanghai.
        var inspection = New(InspectionResult.NoProblem, new DateTimeOffset(2026, 6, 9, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 6, 10), inspection.Day);
        Assert.Equal(TimeSpan.Zero, inspection.StartedAt.Offset);
    }

    [Fact]
    public void FilesAreKnownByTheirContentNotTheirName()
    {
        Assert.Equal("image/jpeg", FileSniffer.ContentType(Jpeg));
        Assert.Equal("image/png", FileSniffer.ContentType(Png));
        Assert.Equal("application/pdf", FileSniffer.ContentType(Pdf));
        Assert.Equal("image/heic", FileSniffer.ContentType(Heic));
        Assert.Null(FileSniffer.ContentType(Exe));
        Assert.Null(FileSniffer.ContentType("GIF89a......"u8.ToArray()));
        Assert.Null(FileSniffer.ContentType([]));
    }

    [Fact]
    public void AFileNamedJpgIsJudgedByItsBytesAndItsSize()
    {
        const long max = 10 * 1024 * 1024;
        Assert.Equal("application/pdf", InspectionBook.ContentTypeOf(new UploadedFile("现场.jpg", Pdf), max));
        Assert.Equal("image/jpeg", InspectionBook.ContentTypeOf(new UploadedFile("scan.pdf", Jpeg), max));
        var exe = Assert.Throws<RuleViolation>(() => InspectionBook.ContentTypeOf(new UploadedFile("现场.jpg", Exe), max));
        Assert.Equal("Inspection.FileTypeNotAllowed", exe.MessageKey);
        Assert.Equal("现场.jpg", exe.Arguments[0]);
        var big = new byte[max + 1];
        Jpeg.CopyTo(big, 0);
        Assert.Equal("Inspection.FileTooLarge", Assert.Throws<RuleViolation>(() => InspectionBook.ContentTypeOf(new UploadedFile("大图.jpg", big), max)).MessageKey);
        Assert.Equal("image/jpeg", InspectionBook.ContentTypeOf(new UploadedFile("大图.jpg", big[..(int)max]), max));
        Assert.Equal("Inspection.FileEmpty", Assert.Throws<RuleViolation>(() => InspectionBook.ContentTypeOf(new UploadedFile("空.jpg", []), max)).MessageKey);
    }

    [Fact]
    public void AFileKeepsItsSizeAndSha256()
    {
        var file = new InspectionFile(New(InspectionResult.NoProblem), "现场.jpg", "image/jpeg", Jpeg, Started, "town.xiema");
        Assert.Equal(Jpeg.Length, file.Size);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Jpeg)), file.Sha256);
    }

    [Theory]
    [InlineData(@"..\..\evil.jpg", "evil.jpg")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData(@"C:\Users\张三\现场照片.jpg", "现场照片.jpg")]
    [InlineData("现场\u0000照片\r\n.jpg", "现场照片.jpg")]
    [InlineData(@"..\..\", "file")]
    [InlineData("..", "file")]
    [InlineData("", "file")]
    public void AFileIsKeptUnderItsNameNeverAPath(string sent, string kept)
    {
        Assert.Equal(kept, new InspectionFile(New(InspectionResult.NoProblem), sent, "image/jpeg", Jpeg, Started, "town.xiema").Name);
        Assert.Equal(kept, FileNames.Display(sent, InspectionFile.NameLength));
    }

    [Fact]
    public void ALongFileNameIsCutToTheColumn()
    {
        var name = new string('长', 300) + ".jpg";
        Assert.Equal(InspectionFile.NameLength, new InspectionFile(New(InspectionResult.NoProblem), name, "image/jpeg", Jpeg, Started, "town.xiema").Name.Length);
    }

    [Fact]
    public void APassedInspectionIsNeverReinspected()
    {
        Assert.Equal("Inspection.PassedNotReinspected", Assert.Throws<RuleViolation>(New(InspectionResult.NoProblem).EnsureFailed).MessageKey);
        Assert.Equal("Inspection.PassedNotReinspected", Assert.Throws<RuleViolation>(New(InspectionResult.CaseToBeFiled).EnsureFailed).MessageKey);
        New(InspectionResult.RectificationOrdered).EnsureFailed();
    }

    [Fact]
    public void AnOrderNeedsARequirementAndADeadlineAfterTheInspection()
    {
        var failed = New(InspectionResult.RectificationOrdered);
        Assert.Equal("Rectification.DeadlineNotAfter",
            Assert.Throws<RuleViolation>(() => new RectificationOrder(failed, Target, "更换灭火器", new DateOnly(2026, 6, 10))).MessageKey);
        Assert.Equal("Validation.Required",
            Assert.Throws<RuleViolation>(() => new RectificationOrder(failed, Target, " ", new DateOnly(2026, 6, 20))).MessageKey);
        Assert.Equal(OrderState.Open, new RectificationOrder(failed, Target, "更换灭火器", new DateOnly(2026, 6, 11)).State);
    }

    [Fact]
    public void AnOrderIsOverdueOnlyWhileOpenAfterItsDeadline()
    {
        var order = new RectificationOrder(New(InspectionResult.RectificationOrdered), Target, "更换灭火器", new DateOnly(2026, 6, 20));
        Assert.False(order.IsOverdue(new DateOnly(2026, 6, 20)));
        Assert.True(order.IsOverdue(new DateOnly(2026, 6, 21)));
        order.Close(New(InspectionResult.NoProblem, Started.AddDays(12)));
        Assert.False(order.IsOverdue(new DateOnly(2026, 6, 21)));
    }

    [Fact]
    public void AReinspectionCompletesOrEscalatesTheOrderOnce()
    {
        var failed = New(InspectionResult.RectificationOrdered);
        var completed = new RectificationOrder(failed, Target, "清理可燃物", new DateOnly(2026, 6, 20));
        var passed = New(InspectionResult.NoProblem, Started.AddDays(5));
        completed.Close(passed);
        Assert.Equal(OrderState.Completed, completed.State);
        Assert.Equal(passed.Id, completed.ReinspectionId);
        Assert.Equal(new DateOnly(2026, 6, 15), completed.ClosedOn);
        Assert.Equal(409, Assert.Throws<RuleViolation>(() => completed.Close(passed)).StatusCode);

        var escalated = new RectificationOrder(failed, Target, "清理可燃物", new DateOnly(2026, 6, 20));
        escalated.Close(New(InspectionResult.CaseToBeFiled, Started.AddDays(11)));
        Assert.Equal(OrderState.Escalated, escalated.State);

        var undecided = new RectificationOrder(failed, Target, "清理可燃物", new DateOnly(2026, 6, 20));
        Assert.Equal("Rectification.ReinspectionMustDecide",
            Assert.Throws<RuleViolation>(() => undecided.Close(New(InspectionResult.RectificationOrdered, Started.AddDays(11)))).MessageKey);
        Assert.Equal(OrderState.Open, undecided.State);
    }

    [Fact]
    public void ACampaignInspectionFallsInItsPeriodOnItsMattersAndTownships()
    {
        var campaign = new Campaign(District, Department, "春节烟花爆竹专项检查", new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30),
            [Matter], [Township], Started);
        Assert.Null(campaign.Refuses(Matter, Township, new DateOnly(2026, 6, 30)));
        Assert.Equal("Campaign.OutsidePeriod", campaign.Refuses(Matter, Township, new DateOnly(2026, 7, 1))?.MessageKey);
        Assert.Equal("Campaign.OutsidePeriod", campaign.Refuses(Matter, Township, new DateOnly(2026, 5, 31))?.MessageKey);
        Assert.Equal("Campaign.MatterNotInCampaign", campaign.Refuses(Guid.NewGuid(), Township, new DateOnly(2026, 6, 5))?.MessageKey);
        Assert.Equal("Campaign.TownshipNotInCampaign", campaign.Refuses(Matter, Guid.NewGuid(), new DateOnly(2026, 6, 5))?.MessageKey);
    }

    [Fact]
    public void ACampaignEndsAfterItStartsAndNamesMattersAndTownships()
    {
        Assert.Equal("Campaign.EndsBeforeStart", Assert.Throws<RuleViolation>(() => new Campaign(District, Department, "专项",
            new DateOnly(2026, 6, 30), new DateOnly(2026, 6, 1), [Matter], [Township], Started)).MessageKey);
        Assert.Equal("MatterIds", Assert.Throws<RuleViolation>(() => new Campaign(District, Department, "专项",
            new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), [], [Township], Started)).Field);
        Assert.Equal("TownshipIds", Assert.Throws<RuleViolation>(() => new Campaign(District, Department, "专项",
            new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), [Matter], [], Started)).Field);
    }
}
