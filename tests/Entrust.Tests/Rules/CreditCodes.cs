using CreditCodeRules = Entrust.Web.Features.Targets.CreditCodes;

namespace Entrust.Tests.Rules;

/// <summary>Unified social credit codes and their check character (GB 32100-2015).</summary>
public sealed class CreditCodes
{
    [Fact]
    public void TheStandardsWorkedExampleGivesCheckCharacterThree()
    {
        // GB 32100-2015's own example: the first 17 characters of 91350100M000100Y4Z sum to 1640; 1640 mod 31 = 28; 31 − 28 = 3.
        Assert.Equal('3', CreditCodeRules.CheckCharacterOf("91350100M000100Y4"));
        Assert.True(CreditCodeRules.IsValid("91350100M000100Y43"));
        Assert.False(CreditCodeRules.IsValid("91350100M000100Y4Z"));
    }

    [Theory]
    // Worked by hand (weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28) and checked with a separate script.
    [InlineData("92500109MA5U7HJX19")] // 个体工商户, 北碚区
    [InlineData("91500109MA60X1B2C2")] // 企业
    [InlineData("91500109203456789X")] // check character X (value 29)
    [InlineData("92500109MA60KL1P3U")] // check character U (value 27)
    [InlineData("125001094500123454")] // 机关
    [InlineData("52500109MA5YQ2UC47")] // 社会组织
    public void RealLookingCodesAreValid(string code)
    {
        Assert.True(CreditCodeRules.IsValid(code));
        Assert.Equal(code[17], CreditCodeRules.CheckCharacterOf(code[..17]));
    }

    [Fact]
    public void ASumThatIsAMultipleOf31GivesCheckCharacterZero()
    {
        // 31 − (sum mod 31) is 31 when the sum divides by 31; the standard writes it as 0. Here 1×1 + 1×30 (position 16) = 31.
        Assert.Equal('0', CreditCodeRules.CheckCharacterOf("10000000000000010"));
        Assert.True(CreditCodeRules.IsValid("100000000000000100"));
    }

    [Theory]
    [InlineData("92500109MA5U7HJX18")] // one off
    [InlineData("91500109MA60X1B2C3")]
    [InlineData("91500109203456789Y")]
    [InlineData("91500109MA60X1B2D2")] // a body character changed, check character kept
    [InlineData("91500109MA6OX1B2C2")] // a transposition of sorts: 0 typed as the letter O
    public void AWrongCheckCharacterIsRefused(string code) => Assert.False(CreditCodeRules.IsValid(code));

    [Theory]
    [InlineData("91500109MA60I1B2C2")] // I is not in the character set
    [InlineData("91500109MA60S1B2C2")] // nor S
    [InlineData("91500109MA60V1B2C2")] // nor V
    [InlineData("91500109MA60Z1B2C2")] // nor Z
    [InlineData("9150010AMA60X1B2C2")] // the administrative division (3rd to 8th) is digits only
    [InlineData("91500109MA60X1B2C-")]
    [InlineData("91500109MA60X1B2C２")] // a full-width digit
    public void CharactersOutsideTheSetAreRefused(string code) => Assert.False(CreditCodeRules.IsValid(code));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("92500109MA5U7HJX1")]   // 17
    [InlineData("92500109MA5U7HJX190")] // 19
    [InlineData("500109MA5U7HJX19")]
    public void AnyLengthButEighteenIsRefused(string code) => Assert.False(CreditCodeRules.IsValid(code));

    [Fact]
    public void NullIsNotACode() => Assert.False(CreditCodeRules.IsValid(null));

    [Fact]
    public void LowerCaseAndSurroundingSpacesAreAcceptedAndNormalized()
    {
        Assert.True(CreditCodeRules.IsValid(" 92500109ma5u7hjx19 "));
        Assert.Equal("92500109MA5U7HJX19", CreditCodeRules.Normalize(" 92500109ma5u7hjx19 "));
        Assert.Null(CreditCodeRules.Normalize("  "));
    }
}
