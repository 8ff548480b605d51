using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using CertificateEntity = Entrust.Web.Features.Officers.Certificate;

namespace Entrust.Tests.Rules;

/// <summary>
/// A certificate's validity on a day (issued, not expired, neither suspended nor revoked, review not overdue) and the annual
/// review that moves the due date; who may hold one at all (LAW 10, 12).
/// </summary>
public sealed class Certificate
{
    private static readonly Guid District = Guid.NewGuid();
    private static readonly DateOnly IssuedOn = new(2026, 5, 1);

    internal static Officer OfficerOf(StaffType staffType = StaffType.Established, string idNumber = "11010519491231002X") =>
        new(District, OfficerUnit.OfTownship(Guid.NewGuid()),
            new OfficerFields("张伟", Gender.Male, idNumber, "13812341234", "综合执法队员", staffType));

    /// <summary>The seed's defaults: three years' validity, a review every twelve months.</summary>
    private static CertificateEntity Issue(QualificationSettings? settings = null, Officer? holder = null) =>
        new(holder ?? OfficerOf(), "渝执202600001", ["forestry", "work-safety"], IssuedOn, settings ?? QualificationSettings.Defaults(District), null);

    /// <summary>Reviews every five years, so that within three years' validity no review falls due.</summary>
    private static QualificationSettings NoReviewDue()
    {
        var settings = QualificationSettings.Defaults(District);
        settings.Update(new QualificationFields(2, 1, "渝执{year}{seq:5}", 3, 60, 60, 40));
        return settings;
    }

    [Fact]
    public void IsValidFromTheDayOfIssueAndNotTheDayBefore()
    {
        var certificate = Issue();
        Assert.Equal(CertificateValidity.Valid, certificate.ValidityOn(IssuedOn));
        Assert.Equal(CertificateValidity.NotYetIssued, certificate.ValidityOn(IssuedOn.AddDays(-1)));
    }

    [Fact]
    public void IsValidOnTheDayOfExpiryAndExpiredTheDayAfter()
    {
        var certificate = Issue(NoReviewDue());
        Assert.Equal(new DateOnly(2029, 4, 30), certificate.ExpiresOn);
        Assert.True(certificate.ValidOn(certificate.ExpiresOn));
        Assert.Equal(CertificateValidity.Expired, certificate.ValidityOn(certificate.ExpiresOn.AddDays(1)));
    }

    [Fact]
    public void IsNotValidAfterRevocationEvenWithinItsTerm()
    {
        var certificate = Issue();
        certificate.Revoke(IssuedOn.AddDays(10), "离职：调往外区");
        Assert.Equal(CertificateValidity.Revoked, certificate.ValidityOn(IssuedOn.AddDays(20)));
        Assert.Equal(CertificateState.Revoked, certificate.State);
        Assert.Equal("离职：调往外区", certificate.StateReason);
        Assert.Equal(409, Assert.Throws<RuleViolation>(() => certificate.Revoke(IssuedOn.AddDays(11), "再次注销")).StatusCode);
    }

    [Fact]
    public void IsNotValidWhileSuspendedAndValidAgainWhenReinstated()
    {
        var certificate = Issue();
        certificate.Suspend(IssuedOn.AddDays(30), "受到行政处分");
        Assert.Equal(CertificateValidity.Suspended, certificate.ValidityOn(IssuedOn.AddDays(31)));
        certificate.Reinstate(IssuedOn.AddDays(60), "处分期满");
        Assert.True(certificate.ValidOn(IssuedOn.AddDays(61)));
    }

    [Fact]
    public void SuspendingOrRevokingNeedsAReason()
    {
        var certificate = Issue();
        Assert.Equal("Certificate.ReasonRequired", Assert.Throws<RuleViolation>(() => certificate.Suspend(IssuedOn, " ")).MessageKey);
        Assert.Equal("Certificate.ReasonRequired", Assert.Throws<RuleViolation>(() => certificate.Revoke(IssuedOn, "")).MessageKey);
        Assert.Equal(CertificateState.Active, certificate.State);
    }

    [Fact]
    public void IsNotValidOnceTheReviewIsOverdue()
    {
        var certificate = Issue();
        Assert.Equal(new DateOnly(2027, 5, 1), certificate.ReviewDueOn);
        Assert.True(certificate.ValidOn(certificate.ReviewDueOn));
        Assert.Equal(CertificateValidity.ReviewOverdue, certificate.ValidityOn(certificate.ReviewDueOn.AddDays(1)));
    }

    [Fact]
    public void APassedReviewMovesTheDueDateOneInterval()
    {
        var certificate = Issue();
        certificate.Review(new DateOnly(2027, 4, 20), passed: true, null, QualificationSettings.Defaults(District));
        Assert.Equal(new DateOnly(2028, 5, 1), certificate.ReviewDueOn);
        Assert.Equal(new DateOnly(2027, 4, 20), certificate.LastReviewedOn);
        Assert.True(certificate.ValidOn(new DateOnly(2027, 6, 1)));
    }

    [Fact]
    public void ALatePassedReviewMakesTheCertificateValidAgain()
    {
        var certificate = Issue();
        var late = new DateOnly(2027, 6, 10);
        Assert.False(certificate.ValidOn(late));
        certificate.Review(late, passed: true, null, QualificationSettings.Defaults(District));
        Assert.True(certificate.ReviewDueOn >= late);
        Assert.True(certificate.ValidOn(late));
    }

    [Fact]
    public void AFailedReviewSuspends()
    {
        var certificate = Issue();
        certificate.Review(new DateOnly(2027, 4, 20), passed: false, "考核不合格", QualificationSettings.Defaults(District));
        Assert.Equal(CertificateState.Suspended, certificate.State);
        Assert.Equal(new DateOnly(2027, 5, 1), certificate.ReviewDueOn);
        Assert.Equal(CertificateValidity.Suspended, certificate.ValidityOn(new DateOnly(2027, 4, 21)));
    }

    [Fact]
    public void OnlyEstablishedStaffInPostMayHoldOne()
    {
        var contract = Assert.Throws<RuleViolation>(() => Issue(holder: OfficerOf(StaffType.Contract)));
        Assert.Equal("Certificate.NotEstablishedStaff", contract.MessageKey);
        var left = OfficerOf();
        left.Leave(IssuedOn, "辞职");
        Assert.Equal("Certificate.HolderNotActive", Assert.Throws<RuleViolation>(() => Issue(holder: left)).MessageKey);
    }

    [Fact]
    public void AnUnknownDomainIsRefused()
    {
        var refused = Assert.Throws<RuleViolation>(() =>
            new CertificateEntity(OfficerOf(), "渝执202600002", ["astrology"], IssuedOn, QualificationSettings.Defaults(District), null));
        Assert.Equal("Certificate.UnknownDomain", refused.MessageKey);
    }
}
