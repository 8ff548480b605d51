using IdNumbersRule = Entrust.Web.Features.Officers.IdNumbers;
using PhonesRule = Entrust.Web.Features.Officers.Phones;

namespace Entrust.Tests.Rules;

/// <summary>Resident ID numbers (GB 11643 check character) and how ID numbers and phones are masked for all but the office.</summary>
public sealed class ResidentIdNumbers
{
    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("11010519491231002x", true)]
    [InlineData("110105194912310021", false)]
    [InlineData("11010519491231002", false)]
    [InlineData("1101051949123100A2X", false)]
    [InlineData("11010A19491231002X", false)]
    [InlineData("", false)]
    public void TheCheckCharacterMustBeRight(string value, bool valid) => Assert.Equal(valid, IdNumbersRule.IsValid(value));

    [Fact]
    public void TheCheckCharacterIsComputedFromTheFirstSeventeen() =>
        Assert.Equal('X', IdNumbersRule.CheckCharacterOf("11010519491231002"));

    [Fact]
    public void IdNumbersShowTheFirstAndLastFour() =>
        Assert.Equal("5001**********1234", IdNumbersRule.Mask("500109198501011234"));

    [Fact]
    public void PhonesShowTheFirstThreeAndLastFour()
    {
        Assert.Equal("138****1234", PhonesRule.Mask("13812341234"));
        Assert.True(PhonesRule.IsValid("023-68281234"));
        Assert.False(PhonesRule.IsValid("1381234abcd"));
    }
}
