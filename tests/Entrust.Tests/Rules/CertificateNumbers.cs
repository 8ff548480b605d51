using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using SettingsEntity = Entrust.Web.Features.Officers.QualificationSettings;

namespace Entrust.Tests.Rules;

/// <summary>The office's certificate number format: what it may be, the numbers it makes and the typed numbers it accepts.</summary>
public sealed class CertificateNumbers
{
    private static SettingsEntity WithFormat(string format)
    {
        var settings = SettingsEntity.Defaults(Guid.NewGuid());
        settings.Update(new QualificationFields(2, 1, format, 3, 12, 60, 40));
        return settings;
    }

    [Fact]
    public void FormatsTheYearAndAZeroPaddedSequence()
    {
        Assert.Equal("渝执202600007", SettingsEntity.Defaults(Guid.NewGuid()).FormatNumber(2026, 7));
        Assert.Equal("BB-0042-2027", WithFormat("BB-{seq:4}-{year}").FormatNumber(2027, 42));
    }

    [Theory]
    [InlineData("渝执202600007", true)]
    [InlineData(" 渝执202600007 ", true)]
    [InlineData("渝执20260007", false)]
    [InlineData("渝执2026000071", false)]
    [InlineData("川执202600007", false)]
    [InlineData("渝执2026ABCDE", false)]
    public void MatchesOnlyNumbersInTheFormat(string number, bool matches) =>
        Assert.Equal(matches, SettingsEntity.Defaults(Guid.NewGuid()).Matches(number));

    [Fact]
    public void ReadsTheSequenceOfTheYearOnly()
    {
        var settings = SettingsEntity.Defaults(Guid.NewGuid());
        Assert.Equal(7, settings.SequenceOf("渝执202600007", 2026));
        Assert.Null(settings.SequenceOf("渝执202500007", 2026));
        Assert.Null(settings.SequenceOf("其他编号", 2026));
        // Without a year in the format the sequence runs on across years.
        Assert.Equal(12, WithFormat("BB{seq:3}").SequenceOf("BB012", 2030));
    }

    [Theory]
    [InlineData("渝执{year}{seq:5}", true)]
    [InlineData("{seq:1}", true)]
    [InlineData("渝执{year}", false)]
    [InlineData("{seq:3}{seq:3}", false)]
    [InlineData("{year}{year}{seq:3}", false)]
    [InlineData("渝执{seq:0}", false)]
    [InlineData("渝执{name}{seq:3}", false)]
    [InlineData("", false)]
    public void AFormatHoldsOneSequenceAndAtMostOneYear(string format, bool valid) =>
        Assert.Equal(valid, SettingsEntity.IsValidFormat(format));

    [Fact]
    public void AnInvalidSettingIsRefusedAndNothingChanges()
    {
        var settings = SettingsEntity.Defaults(Guid.NewGuid());
        var refused = Assert.Throws<RuleViolation>(() => settings.Update(new QualificationFields(2, 1, "渝执{year}", 3, 12, 60, 40)));
        Assert.Equal("CertificateNumberFormat", refused.Field);
        Assert.Equal("ExpiryWarningDays",
            Assert.Throws<RuleViolation>(() => settings.Update(new QualificationFields(2, 1, "X{seq:3}", 3, 12, 0, 40))).Field);
        Assert.Equal("渝执{year}{seq:5}", settings.CertificateNumberFormat);
        Assert.Equal(60, settings.ExpiryWarningDays);
    }
}
