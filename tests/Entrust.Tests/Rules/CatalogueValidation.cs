using System.Globalization;
using Entrust.Tests.Hosting;
using Entrust.Web;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Entrust.Tests.Rules;

/// <summary>The field checks a matter form or API call passes before the catalogue is touched, with the shipped messages.</summary>
public sealed class CatalogueValidation
{
    private static readonly IStringLocalizer Text =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
            .Create(typeof(SharedResource));

    private static MatterInput Input(
        string? code = "AJ-01", MatterKind kind = MatterKind.Inspection, Entrustability entrustability = Entrustability.PilotOnly,
        string? domain = "work-safety", string? lawName = "中华人民共和国安全生产法", string? lawArticle = "第六十五条") =>
        new(code, "生产经营单位安全生产检查", Guid.NewGuid(), domain, kind, lawName, lawArticle, entrustability);

    private static IReadOnlyDictionary<string, List<string>> Check(MatterInput input, string culture = Cultures.Chinese)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return new FieldErrors(Text).Check(input).All;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void AValidMatterPasses() => Assert.Empty(Check(Input()));

    [Fact]
    public void ACoerciveMatterMarkedForEntrustmentIsAnErrorOnEntrustabilityNamingTheCode()
    {
        var errors = Check(Input(code: "AJ-09", kind: MatterKind.Coercive, entrustability: Entrustability.DistrictWide));
        var message = Assert.Single(Assert.Single(errors, e => e.Key == "Entrustability").Value);
        Assert.Contains("AJ-09", message);
        Http.AssertChinese(message);
    }

    [Fact]
    public void TheSameRefusalReadsInEnglishForAnEnglishUser()
    {
        var input = Input(code: "AJ-09", kind: MatterKind.Coercive, entrustability: Entrustability.PilotOnly);
        var chinese = Check(input)["Entrustability"][0];
        var english = Check(input, Cultures.English)["Entrustability"][0];
        Assert.Contains("AJ-09", english);
        Http.AssertNotChinese(english);
        Assert.NotEqual(chinese, english);
    }

    [Fact]
    public void AMissingLegalBasisIsAnErrorOnBothLawFields()
    {
        var errors = Check(Input(lawName: " ", lawArticle: null));
        Assert.Equal(["LawArticle", "LawName"], errors.Keys.Order().ToArray());
    }

    [Fact]
    public void AnUnknownDomainIsAnErrorNamingIt()
    {
        var errors = Check(Input(domain: "astrology"));
        Assert.Contains("astrology", Assert.Single(errors["Domain"]));
    }

    [Fact]
    public void UndefinedKindsAreErrors()
    {
        var errors = Check(Input(kind: (MatterKind)9, entrustability: (Entrustability)9));
        Assert.Equal(["Entrustability", "Kind"], errors.Keys.Order().ToArray());
    }

    [Fact]
    public void TooLongFieldsAreErrors()
    {
        var errors = Check(Input(code: new string('A', 65), lawArticle: new string('条', 101)));
        Assert.Equal(["Code", "LawArticle"], errors.Keys.Order().ToArray());
    }
}
