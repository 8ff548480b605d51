using Entrust.Web.Features.Targets;
using Entrust.Web.Platform;
using TargetEntity = Entrust.Web.Features.Targets.Target;

namespace Entrust.Tests.Rules;

/// <summary>The rules a regulated target obeys whoever creates, changes or merges it.</summary>
public sealed class Target
{
    private static readonly Guid District = Guid.NewGuid();
    private static readonly Guid Township = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 4, 0, 0, TimeSpan.Zero);

    private static TargetFields Fields(string name = "歇马镇好运来农家乐", TargetKind kind = TargetKind.FarmStay, string address = "歇马镇卫星村3组",
        string? creditCode = "92500109MA5U7HJX19", string? contact = "刘德明", string? phone = "13908312345",
        RiskLevel risk = RiskLevel.Medium, bool complaints = false, bool abnormal = false) =>
        new(name, kind, address, creditCode, contact, phone, risk, complaints, abnormal);

    private static TargetEntity New(TargetFields? fields = null, Guid? township = null) =>
        new(District, township ?? Township, fields ?? Fields(), Now);

    private static RuleViolation Refused(Action action) => Assert.Throws<RuleViolation>(action);

    [Fact]
    public void ATargetKeepsTrimmedFieldsAndANormalizedCreditCode()
    {
        var target = New(Fields(name: "  好运来农家乐 ", creditCode: " 92500109ma5u7hjx19 ", contact: " ", phone: ""));

        Assert.Equal("好运来农家乐", target.Name);
        Assert.Equal("92500109MA5U7HJX19", target.CreditCode);
        Assert.Null(target.Contact);
        Assert.Null(target.Phone);
        Assert.Equal(Now, target.CreatedAt);
        Assert.False(target.IsMerged);
    }

    [Fact]
    public void ATargetWithoutACreditCodeIsAccepted()
    {
        // Road sections, forest areas and many 农家乐 have none.
        var road = New(Fields(name: "G212线歇马段", kind: TargetKind.RoadSection, address: "G212线K18至K24", creditCode: null, phone: null));
        Assert.Null(road.CreditCode);
    }

    [Fact]
    public void ABadCheckCharacterIsRefusedOnTheCreditCodeField()
    {
        var refused = Refused(() => New(Fields(creditCode: "92500109MA5U7HJX18")));
        Assert.Equal("Target.CreditCodeInvalid", refused.MessageKey);
        Assert.Equal("CreditCode", refused.Field);
        Assert.Contains("92500109MA5U7HJX18", refused.Arguments);
    }

    [Theory]
    [InlineData("", "歇马镇卫星村3组", "Name")]
    [InlineData("好运来农家乐", " ", "Address")]
    public void ANameAndAnAddressAreRequired(string name, string address, string field)
    {
        var refused = Refused(() => New(Fields(name: name, address: address)));
        Assert.Equal("Validation.Required", refused.MessageKey);
        Assert.Equal(field, refused.Field);
    }

    [Fact]
    public void TooLongANameIsRefused() =>
        Assert.Equal("Name", Refused(() => New(Fields(name: new string('店', TargetEntity.NameLength + 1)))).Field);

    [Fact]
    public void AnUnknownKindOrRiskIsRefused()
    {
        Assert.Equal("Kind", Refused(() => New(Fields(kind: (TargetKind)99))).Field);
        Assert.Equal("RiskLevel", Refused(() => New(Fields(risk: (RiskLevel)7))).Field);
    }

    [Fact]
    public void ABadPhoneIsRefused() =>
        Assert.Equal("Target.PhoneInvalid", Refused(() => New(Fields(phone: "call me"))).MessageKey);

    [Fact]
    public void ProblemsListsEveryBadFieldAtOnce()
    {
        var problems = TargetEntity.Problems(Fields(name: "", address: "", creditCode: "123", phone: "x")).Select(p => p.Field).ToList();
        Assert.Equal(["Name", "Address", "CreditCode", "Phone"], problems);
    }

    [Fact]
    public void AMergedDuplicateNamesTheSurvivorAndGivesItsComplaintsAbnormalListingAndRisk()
    {
        var survivor = New(Fields(risk: RiskLevel.Low, complaints: false, abnormal: false));
        var duplicate = New(Fields(name: "好运来农家乐（重复）", creditCode: null, risk: RiskLevel.High, complaints: true, abnormal: true));

        duplicate.MergeInto(survivor, Now);

        Assert.Equal(survivor.Id, duplicate.MergedIntoId);
        Assert.Equal(Now, duplicate.MergedAt);
        Assert.True(survivor.HasComplaints);
        Assert.True(survivor.IsAbnormal);
        Assert.Equal(RiskLevel.High, survivor.RiskLevel);
        Assert.Null(survivor.MergedIntoId);
    }

    [Fact]
    public void AMergeNeverLowersTheSurvivorsRisk()
    {
        var survivor = New(Fields(risk: RiskLevel.High));
        New(Fields(creditCode: null, risk: RiskLevel.Low)).MergeInto(survivor, Now);
        Assert.Equal(RiskLevel.High, survivor.RiskLevel);
    }

    [Fact]
    public void AMergeAcrossTownshipsIsRefused()
    {
        var survivor = New();
        var duplicate = New(Fields(creditCode: null), township: Guid.NewGuid());

        var refused = Refused(() => duplicate.MergeInto(survivor, Now));

        Assert.Equal("Target.MergeAcrossTownships", refused.MessageKey);
        Assert.Equal("IntoId", refused.Field);
        Assert.Null(duplicate.MergedIntoId);
    }

    [Fact]
    public void ATargetCantBeMergedIntoItself()
    {
        var target = New();
        Assert.Equal("Target.MergeIntoItself", Refused(() => target.MergeInto(target, Now)).MessageKey);
    }

    [Fact]
    public void AMergedTargetCantBeChangedMergedOrMergedInto()
    {
        var survivor = New();
        var duplicate = New(Fields(creditCode: null));
        var third = New(Fields(creditCode: null));
        duplicate.MergeInto(survivor, Now);

        var changed = Refused(() => duplicate.Update(Fields(creditCode: null)));
        Assert.Equal("Target.Merged", changed.MessageKey);
        Assert.Equal(409, changed.StatusCode);
        Assert.Equal("Target.Merged", Refused(() => duplicate.MergeInto(third, Now)).MessageKey);
        Assert.Equal("Target.Merged", Refused(() => third.MergeInto(duplicate, Now)).MessageKey);
        Assert.Null(third.MergedIntoId);
    }

    [Fact]
    public void ARefusedUpdateChangesNothing()
    {
        var target = New();
        Refused(() => target.Update(Fields(name: "新名字", creditCode: "92500109MA5U7HJX18")));
        Assert.Equal("歇马镇好运来农家乐", target.Name);
        Assert.Equal("92500109MA5U7HJX19", target.CreditCode);
    }
}
