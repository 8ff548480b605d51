using Entrust.Web.Features.Cases;

namespace Entrust.Tests.Rules;

/// <summary>How a published decision shows its party: a person masked, an organisation as registered (LAW 24).</summary>
public sealed class PublicPartyTests
{
    [Theory]
    [InlineData("张三", "张**")]
    [InlineData("张三丰", "张**")]
    [InlineData("刘某", "刘**")]
    [InlineData("欧阳修", "欧阳**")]
    [InlineData("欧阳娜娜", "欧阳**")]
    [InlineData("司马光", "司马**")]
    [InlineData("欧阳", "欧**")]
    [InlineData("阳欧修", "阳**")]
    [InlineData("买买提·艾力", "买**")]
    [InlineData("John Smith", "J**")]
    [InlineData("  王五 ", "王**")]
    [InlineData("𠮷田", "𠮷**")]
    [InlineData("王", "王**")]
    [InlineData("", "")]
    public void APersonKeepsTheSurnameAndTheGivenNameBecomesTwoAsterisks(string name, string shown)
    {
        Assert.Equal(shown, PublicParty.MaskName(name));
    }

    [Theory]
    [InlineData("11010519491231002X", "110105***********X")]
    [InlineData("500109199001011234", "500109***********4")]
    [InlineData("110105491231002", "110105*********")]
    [InlineData("E12345678", "E*******8")]
    [InlineData("AB", "**")]
    [InlineData(" 500109199001011234 ", "500109***********4")]
    [InlineData("", "")]
    public void AnIdNumberHidesTheBirthDateAndSequence(string id, string shown)
    {
        Assert.Equal(shown, PublicParty.MaskIdentifier(id));
    }

    [Fact]
    public void APersonIsMaskedAndAnOrganisationIsShownAsRegistered()
    {
        var person = PublicParty.Of(new CaseParty(PartyKind.Person, "欧阳修", "500109199001011234"));
        var company = PublicParty.Of(new CaseParty(PartyKind.Organisation, " 歇马某农家乐有限公司", "91500109MA5U5XXX0X "));

        Assert.Equal(new CaseParty(PartyKind.Person, "欧阳**", "500109***********4"), person);
        Assert.Equal(new CaseParty(PartyKind.Organisation, "歇马某农家乐有限公司", "91500109MA5U5XXX0X"), company);
    }

    [Fact]
    public void TheFactsLoseThePersonsNameAndIdNumberButKeepAnOrganisations()
    {
        var person = new CaseParty(PartyKind.Person, "张三丰", "50010919900101123x");
        var company = new CaseParty(PartyKind.Organisation, "歇马某农家乐有限公司", "91500109MA5U5XXX0X");

        Assert.Equal("当事人张**（身份证号500109***********x）未依法办理，张**承认。",
            PublicParty.MaskText("当事人张三丰（身份证号50010919900101123X）未依法办理，张三丰承认。", person));
        Assert.Equal("歇马某农家乐有限公司（91500109MA5U5XXX0X）未取得许可。",
            PublicParty.MaskText("歇马某农家乐有限公司（91500109MA5U5XXX0X）未取得许可。", company));
        Assert.Equal("", PublicParty.MaskText(null, person));
    }

    [Fact]
    public void AddressesWrittenInTheFactsLoseTheirDoorBuildingAndRoomNumbersForEveryParty()
    {
        var company = new CaseParty(PartyKind.Organisation, "歇马某农家乐有限公司", "91500109MA5U5XXX0X");
        var person = new CaseParty(PartyKind.Person, "张三丰", "50010919900101123x");

        Assert.Equal("法定代表人住重庆市北碚区天生路**，员工住歇马镇桃花村三组**，仓库在龙凤桥街**；另有** 房屋。",
            PublicParty.MaskText("法定代表人住重庆市北碚区天生路2号3栋2单元501室，员工住歇马镇桃花村三组15号，仓库在龙凤桥街88号附3号；另有12栋3单元502室 房屋。", company));
        Assert.Equal("当事人张**住北碚区静观镇素心路**。", PublicParty.MaskText("当事人张三丰住北碚区静观镇素心路17-2号。", person));
        // Numbers that are no address stay: amounts, dates, articles, counts.
        Assert.Equal("2026年3月5日检查，依据第三十二条，罚款5000元，共3处。",
            PublicParty.MaskText("2026年3月5日检查，依据第三十二条，罚款5000元，共3处。", company));
    }
}
