using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Reports;
using Entrust.Web.Platform;

namespace Entrust.Tests.Rules;

/// <summary>
/// Each status question's expression (what lists filter on in SQL) answers as its member does, row by row: an open report, an
/// officer in post and one who may hold a certificate, and the name a document prints for a body.
/// </summary>
public class StatusExpressions
{
    private static readonly DateOnly Today = new(2026, 7, 10);

    [Fact]
    public void AReportIsOpenExactlyWhileDraftOrReturned()
    {
        var open = MonthlyReport.Open().Compile();
        var draft = NewReport();
        var submitted = NewReport();
        submitted.Submit(null, "{}", "town", DateTimeOffset.UnixEpoch, Today, Today);
        var returned = NewReport();
        returned.Submit(null, "{}", "town", DateTimeOffset.UnixEpoch, Today, Today);
        returned.Return("请补充", "dept", Today);
        var acknowledged = NewReport();
        acknowledged.Submit(null, "{}", "town", DateTimeOffset.UnixEpoch, Today, Today);
        acknowledged.Acknowledge(null, "dept", Today);

        foreach (var (report, expected) in new[] { (draft, true), (submitted, false), (returned, true), (acknowledged, false) })
        {
            Assert.Equal(expected, report.IsOpen);
            Assert.Equal(report.IsOpen, open(report));
            Assert.Equal(!report.IsOpen, Predicates.Not(MonthlyReport.Open()).Compile()(report));
        }
    }

    [Fact]
    public void AnOfficerIsInPostAndMayHoldACertificateAsTheMembersSay()
    {
        var active = Officer.Active().Compile();
        var mayHold = Officer.MayHoldCertificates().Compile();
        var established = NewOfficer(StaffType.Established);
        var contract = NewOfficer(StaffType.Contract);
        var left = NewOfficer(StaffType.Established);
        left.Leave(Today, "调往区外工作");
        var transferred = NewOfficer(StaffType.Established);
        transferred.Transfer(Today, "调任非执法岗位");

        foreach (var (officer, inPost, holds) in new[] { (established, true, true), (contract, true, false), (left, false, false), (transferred, false, false) })
        {
            Assert.Equal(inPost, officer.IsActive);
            Assert.Equal(officer.IsActive, active(officer));
            Assert.Equal(holds, officer.MayHoldCertificate);
            Assert.Equal(officer.MayHoldCertificate, mayHold(officer));
        }
    }

    [Fact]
    public void ADocumentNamesABodyByItsLegalNameElseItsShortName()
    {
        var district = Guid.NewGuid();
        Assert.Equal("重庆市北碚区林业局", new Department(district, "LY", "区林业局", null, " 重庆市北碚区林业局 ").DocumentName);
        Assert.Equal("区林业局", new Department(district, "LY", "区林业局", null, "  ").DocumentName);
        Assert.Equal("重庆市北碚区歇马镇人民政府", new Township(district, "112", "歇马镇", TownshipKind.Town, false, "重庆市北碚区歇马镇人民政府").DocumentName);
        Assert.Equal("歇马镇人民政府", new Township(district, "112", "歇马镇", TownshipKind.Town, false).DocumentName);
        Assert.Equal("天生街道办事处", new Township(district, "001", "天生街道", TownshipKind.Street, false, null).DocumentName);
    }

    private static MonthlyReport NewReport() => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new Month(2026, 6));

    private static Officer NewOfficer(StaffType staff) =>
        new(Guid.NewGuid(), OfficerUnit.OfTownship(Guid.NewGuid()), new OfficerFields("张伟", Gender.Male, "11010519491231002X", "13812341234", "队员", staff));
}
