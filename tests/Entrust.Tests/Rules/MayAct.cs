using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Officers;
using CertificateEntity = Entrust.Web.Features.Officers.Certificate;
using Decision = Entrust.Web.Features.Officers.MayAct;

namespace Entrust.Tests.Rules;

/// <summary>"May officer O act on matter M on day D?" (LAW 10) for each reason the answer is no, and the yes.</summary>
public sealed class MayAct
{
    private static readonly Guid District = Guid.NewGuid();
    private static readonly Guid Township = Guid.NewGuid();
    private static readonly Guid Safety = Guid.NewGuid();
    private static readonly Guid Forestry = Guid.NewGuid();
    private static readonly DateOnly IssuedOn = new(2026, 5, 1);
    private static readonly DateOnly Day = new(2026, 9, 1);
    private static readonly MatterFacts MineInspection = new(Guid.NewGuid(), District, Safety, "work-safety");
    private static readonly MatterFacts FireInspection = new(Guid.NewGuid(), District, Forestry, "forestry");

    private static readonly Entitlement Entitled =
        new(true, null, [], Guid.NewGuid(), "北碚委托〔2026〕1号", AgreementMode.Entrustment, Authority.InspectionOnly, null, Safety, "区安监局");

    private static Officer TownshipOfficer() =>
        new(District, OfficerUnit.OfTownship(Township), new OfficerFields("张伟", Gender.Male, "11010519491231002X", "13812341234", "队员", StaffType.Established));

    private static Officer DepartmentOfficer(Guid department) =>
        new(District, OfficerUnit.OfDepartment(department), new OfficerFields("李强", Gender.Male, "11010519491231002X", "13812341234", "科员", StaffType.Established));

    private static CertificateEntity CertificateOf(Officer officer, params string[] domains) =>
        new(officer, "渝执202600001", domains.Length > 0 ? domains : ["work-safety"], IssuedOn, QualificationSettings.Defaults(District), null);

    private static MayActAnswer Decide(Officer? officer, IReadOnlyCollection<CertificateEntity> certificates, MatterFacts? matter = null,
        DateOnly? day = null, Entitlement? entitlement = null, Guid? township = null) =>
        Decision.Decide(officer, certificates, matter ?? MineInspection, township, day ?? Day, entitlement ?? Entitled);

    private static void AssertNo(string reason, MayActAnswer answer)
    {
        Assert.False(answer.MayAct);
        Assert.Equal(reason, answer.ReasonKey);
    }

    [Fact]
    public void AnActiveTownshipOfficerWithACoveringCertificateMayActOnAnEntitledMatter()
    {
        var officer = TownshipOfficer();
        var answer = Decide(officer, [CertificateOf(officer)]);
        Assert.True(answer.MayAct);
        Assert.Null(answer.ReasonKey);
    }

    [Fact]
    public void NoOfficerNoAnswer() => AssertNo("MayAct.OfficerNotFound", Decide(null, []));

    [Fact]
    public void AMatterOfAnotherDistrictIsNotFound()
    {
        var officer = TownshipOfficer();
        AssertNo("MayAct.MatterNotFound", Decide(officer, [CertificateOf(officer)], MineInspection with { DistrictId = Guid.NewGuid() }));
    }

    [Fact]
    public void AnOfficerWhoLeftMayNotAct()
    {
        var officer = TownshipOfficer();
        var certificate = CertificateOf(officer);
        officer.Leave(Day.AddDays(-1), "辞职");
        AssertNo("MayAct.OfficerNotActive", Decide(officer, [certificate]));
    }

    [Fact]
    public void AnOfficerWithoutACertificateMayNotAct() => AssertNo("MayAct.NoCertificate", Decide(TownshipOfficer(), []));

    [Fact]
    public void BeforeTheCertificateIsIssuedTheOfficerMayNotAct()
    {
        var officer = TownshipOfficer();
        AssertNo("MayAct.CertificateNotYetIssued", Decide(officer, [CertificateOf(officer)], day: IssuedOn.AddDays(-1)));
    }

    [Fact]
    public void AnExpiredCertificateSaysSo()
    {
        var officer = TownshipOfficer();
        var certificate = CertificateOf(officer);
        AssertNo("MayAct.CertificateExpired", Decide(officer, [certificate], day: certificate.ExpiresOn.AddDays(1)));
    }

    [Fact]
    public void ASuspendedCertificateSaysSo()
    {
        var officer = TownshipOfficer();
        var certificate = CertificateOf(officer);
        certificate.Suspend(Day.AddDays(-1), "受到处分");
        AssertNo("MayAct.CertificateSuspended", Decide(officer, [certificate]));
    }

    [Fact]
    public void ARevokedCertificateSaysSo()
    {
        var officer = TownshipOfficer();
        var certificate = CertificateOf(officer);
        certificate.Revoke(Day.AddDays(-1), "违法执法");
        AssertNo("MayAct.CertificateRevoked", Decide(officer, [certificate]));
    }

    [Fact]
    public void AnOverdueReviewSaysSo()
    {
        var officer = TownshipOfficer();
        var certificate = CertificateOf(officer);
        AssertNo("MayAct.CertificateReviewOverdue", Decide(officer, [certificate], day: certificate.ReviewDueOn.AddDays(1)));
    }

    [Fact]
    public void AValidCertificateAmongOldOnesIsEnough()
    {
        var officer = TownshipOfficer();
        var old = CertificateOf(officer);
        old.Revoke(IssuedOn.AddDays(1), "换证");
        var current = new CertificateEntity(officer, "渝执202600002", ["work-safety"], IssuedOn.AddDays(1), QualificationSettings.Defaults(District), null);
        Assert.True(Decide(officer, [old, current]).MayAct);
    }

    [Fact]
    public void ACertificateNotCoveringTheMattersDomainIsNotEnough()
    {
        var officer = TownshipOfficer();
        var answer = Decide(officer, [CertificateOf(officer, "food-hygiene")]);
        AssertNo("MayAct.DomainNotCovered", answer);
        Assert.Contains(answer.ReasonArguments[1], new object[] { "安全生产", "Work safety" });
    }

    [Fact]
    public void ATownshipWithoutAPowerOnTheDayMakesItsOfficerUnableToAct()
    {
        var officer = TownshipOfficer();
        var answer = Decide(officer, [CertificateOf(officer)], entitlement: Entitlement.No("Entitlement.Terminated", "北碚委托〔2026〕1号"));
        AssertNo("MayAct.TownshipNotEntitled", answer);
        Assert.Equal("Entitlement.Terminated", answer.Detail?.ReasonKey);
    }

    [Fact]
    public void ATownshipOfficerActsInTheirOwnTownshipOnly()
    {
        var officer = TownshipOfficer();
        Assert.True(Decide(officer, [CertificateOf(officer)], township: Township).MayAct);
        // Another township's act: their own township's entitlement does not reach it (APL 20).
        var answer = Decide(officer, [CertificateOf(officer)], township: Guid.NewGuid());
        AssertNo("MayAct.OtherTownship", answer);
        Assert.Equal("张伟", answer.ReasonArguments[0]);
    }

    [Fact]
    public void ADepartmentOfficerActsOnItsMattersInAnyTownship()
    {
        var officer = DepartmentOfficer(Safety);
        Assert.True(Decide(officer, [CertificateOf(officer)], township: Guid.NewGuid(), entitlement: Entitlement.No("Entitlement.NoAgreement")).MayAct);
    }

    [Fact]
    public void QualificationIsJudgedOnTheDayOfTheAct()
    {
        // Left (and certificate revoked) the day after the act: the act stands; from the day of leaving, no.
        var officer = TownshipOfficer();
        var certificate = CertificateOf(officer);
        officer.Leave(Day.AddDays(1), "辞职");
        certificate.Revoke(Day.AddDays(1), "离职：辞职");
        Assert.True(Decide(officer, [certificate]).MayAct);
        AssertNo("MayAct.OfficerNotActive", Decide(officer, [certificate], day: Day.AddDays(1)));
        // A certificate suspended after the act was valid on the day of the act.
        var other = TownshipOfficer();
        var suspended = CertificateOf(other);
        suspended.Suspend(Day.AddDays(3), "受到处分");
        Assert.True(Decide(other, [suspended]).MayAct);
        AssertNo("MayAct.CertificateSuspended", Decide(other, [suspended], day: Day.AddDays(3)));
        // A certificate revoked after the act, its holder still in post.
        var third = TownshipOfficer();
        var revoked = CertificateOf(third);
        revoked.Revoke(Day.AddDays(2), "违法执法");
        Assert.True(Decide(third, [revoked]).MayAct);
        AssertNo("MayAct.CertificateRevoked", Decide(third, [revoked], day: Day.AddDays(2)));
    }

    [Fact]
    public void ADepartmentOfficerActsOnItsOwnDepartmentsMattersOnly()
    {
        var officer = DepartmentOfficer(Safety);
        Assert.True(Decide(officer, [CertificateOf(officer, "work-safety", "forestry")], entitlement: Entitlement.No("Entitlement.NoAgreement")).MayAct);
        AssertNo("MayAct.NotDepartmentsMatter", Decide(officer, [CertificateOf(officer, "work-safety", "forestry")], FireInspection));
    }
    /// <summary>
    /// The yes-or-no the gap monitor counts holders with (<see cref="Decision.HoldsPersonally"/>) agrees with the explained
    /// answer (<see cref="Decision.Personally"/>) on every day around a certificate's life, for each domain, after a suspension,
    /// a revocation and the officer's leaving.
    /// </summary>
    [Theory]
    [InlineData("none")]
    [InlineData("valid")]
    [InlineData("suspended")]
    [InlineData("revoked")]
    [InlineData("left")]
    [InlineData("two")]
    public void HoldsPersonallyAgreesWithPersonallyOnEveryDay(string story)
    {
        var officer = TownshipOfficer();
        List<CertificateEntity> certificates = story switch
        {
            "none" => [],
            "two" => [CertificateOf(officer), CertificateOf(officer, "forestry")],
            _ => [CertificateOf(officer)],
        };
        switch (story)
        {
            case "suspended": certificates[0].Suspend(Day, "停职审查"); break;
            case "revoked": certificates[0].Revoke(Day, "调离执法岗位"); break;
            case "left": officer.Leave(Day, "调出"); break;
        }
        var yes = 0;
        for (var day = IssuedOn.AddDays(-3); day <= IssuedOn.AddYears(7); day = day.AddDays(11))
        {
            foreach (var matter in new[] { MineInspection, FireInspection })
            {
                var holds = Decision.HoldsPersonally(officer, certificates, matter.Domain, day);
                Assert.Equal(Decision.Personally(officer, certificates, matter, day) is null, holds);
                yes += holds ? 1 : 0;
            }
        }
        Assert.Equal(story == "none", yes == 0);
    }
}
