using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using MatterEntity = Entrust.Web.Features.Catalog.Matter;

namespace Entrust.Tests.Rules;

/// <summary>The rules a matter of the catalogue obeys whoever creates or changes it.</summary>
public sealed class Matter
{
    private static readonly Guid District = Guid.NewGuid();
    private static readonly Guid Department = Guid.NewGuid();

    private static MatterFields Fields(
        MatterKind kind = MatterKind.Inspection,
        Entrustability entrustability = Entrustability.PilotOnly,
        string domain = "work-safety",
        string lawName = "中华人民共和国安全生产法",
        string lawArticle = "第六十五条",
        string code = "AJ-01") =>
        new(Department, code, "生产经营单位安全生产检查", domain, kind, lawName, lawArticle, entrustability);

    [Theory]
    [InlineData(Entrustability.PilotOnly)]
    [InlineData(Entrustability.DistrictWide)]
    public void ACoerciveMatterMarkedForEntrustmentIsRefused(Entrustability entrustability)
    {
        // 行政强制法 Art. 17: coercive measures can't be entrusted.
        var refused = Assert.Throws<RuleViolation>(() =>
            new MatterEntity(District, Fields(MatterKind.Coercive, entrustability, code: "AJ-09")));
        Assert.Equal("Matter.CoerciveNotEntrustable", refused.MessageKey);
        Assert.Equal("Entrustability", refused.Field);
        Assert.Contains("AJ-09", refused.Arguments);
        Assert.Equal(400, refused.StatusCode);
    }

    [Fact]
    public void ACoerciveMatterTheDepartmentKeepsIsAccepted()
    {
        var matter = new MatterEntity(District, Fields(MatterKind.Coercive, Entrustability.NotEntrusted));
        Assert.Equal(MatterKind.Coercive, matter.Kind);
        Assert.Equal(Entrustability.NotEntrusted, matter.Entrustability);
    }

    [Theory]
    [InlineData("", "第六十五条")]
    [InlineData("中华人民共和国安全生产法", "")]
    [InlineData("   ", "  ")]
    public void AMatterWithoutALegalBasisIsRefused(string lawName, string lawArticle)
    {
        // 行政处罚法 Art. 20 ¶1: entrustment rests on a basis in law, named per matter.
        var refused = Assert.Throws<RuleViolation>(() =>
            new MatterEntity(District, Fields(lawName: lawName, lawArticle: lawArticle)));
        Assert.Equal("Matter.LegalBasisRequired", refused.MessageKey);
    }

    [Theory]
    [InlineData("astrology")]
    [InlineData("")]
    [InlineData("安全生产")] // the Chinese name is for people; the entity keeps the code
    public void AMatterInAnUnknownDomainIsRefused(string domain)
    {
        var refused = Assert.Throws<RuleViolation>(() => new MatterEntity(District, Fields(domain: domain)));
        Assert.Equal("Matter.UnknownDomain", refused.MessageKey);
        Assert.Equal("Domain", refused.Field);
    }

    [Fact]
    public void ARefusedChangeLeavesTheMatterAsItWas()
    {
        var matter = new MatterEntity(District, Fields(MatterKind.Coercive, Entrustability.NotEntrusted, code: "AJ-09"));

        Assert.Throws<RuleViolation>(() => matter.Update(Fields(MatterKind.Coercive, Entrustability.DistrictWide, code: "AJ-10")));

        Assert.Equal("AJ-09", matter.Code);
        Assert.Equal(Entrustability.NotEntrusted, matter.Entrustability);
    }

    [Fact]
    public void FieldsAreTrimmed()
    {
        var matter = new MatterEntity(District, Fields(code: "  AJ-02 ", lawName: " 中华人民共和国安全生产法 "));
        Assert.Equal("AJ-02", matter.Code);
        Assert.Equal("中华人民共和国安全生产法", matter.LawName);
    }
}
