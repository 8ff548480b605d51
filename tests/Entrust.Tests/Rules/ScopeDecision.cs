using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Scope;
using Entrust.Web.Platform;
using AgreementEntity = Entrust.Web.Features.Agreements.Agreement;
using DecisionEntity = Entrust.Web.Features.Scope.ScopeDecision;
using MatterEntity = Entrust.Web.Features.Catalog.Matter;

namespace Entrust.Tests.Rules;

/// <summary>The seed's "两不扩大": the scope grows only by a recorded decision of the office, and never to a coercive measure.</summary>
public sealed class ScopeDecision
{
    private static readonly Guid District = Guid.NewGuid();
    private static readonly Department Forestry = new(District, "LY", "区林业局");
    private static readonly DateOnly DecidedOn = new(2026, 7, 1);

    private static MatterEntity MatterOf(MatterKind kind = MatterKind.Penalty, Entrustability scope = Entrustability.NotEntrusted, string code = "LY-12") =>
        new(District, new MatterFields(Forestry.Id, code, "对森林防火期内违规野外用火的处罚", "forestry", kind, "森林防火条例", "第五十条", scope));

    private static Township TownshipOf(bool pilot) => new(District, "500109101", "蔡家岗镇", TownshipKind.Town, pilot);

    [Fact]
    public void ACoerciveMeasureCannotBeBroughtIntoScope()
    {
        // 行政强制法 Art. 17.
        var seizure = MatterOf(MatterKind.Coercive, code: "LY-QZ");

        var refused = Assert.Throws<RuleViolation>(() =>
            DecisionEntity.ForMatter(seizure, Entrustability.PilotOnly, "北碚府〔2026〕9号", DecidedOn, "试点需要", "office"));

        Assert.Equal("Matter.CoerciveNotEntrustable", refused.MessageKey);
        Assert.Contains("LY-QZ", refused.Arguments);
        Assert.Equal(Entrustability.NotEntrusted, seizure.Entrustability);
    }

    [Theory]
    [InlineData(Entrustability.NotEntrusted, Entrustability.PilotOnly, ScopeChange.AddMatterForPilots)]
    [InlineData(Entrustability.NotEntrusted, Entrustability.DistrictWide, ScopeChange.MakeMatterDistrictWide)]
    [InlineData(Entrustability.PilotOnly, Entrustability.DistrictWide, ScopeChange.MakeMatterDistrictWide)]
    public void ADecisionWidensTheMattersScopeAndIsRecorded(Entrustability from, Entrustability to, ScopeChange change)
    {
        var matter = MatterOf(scope: from);

        var decision = DecisionEntity.ForMatter(matter, to, " 北碚府〔2026〕9号 ", DecidedOn, " 镇街申请，经研究同意 ", "office");

        Assert.Equal(to, matter.Entrustability);
        Assert.Equal(change, decision.Change);
        Assert.Equal(matter.Id, decision.MatterId);
        Assert.Null(decision.TownshipId);
        Assert.Equal(District, decision.DistrictId);
        Assert.Equal("北碚府〔2026〕9号", decision.DocumentNumber);
        Assert.Equal("镇街申请，经研究同意", decision.Reason);
        Assert.Equal(DecidedOn, decision.DecidedOn);
        Assert.Equal("office", decision.DecidedBy);
    }

    [Theory]
    [InlineData(Entrustability.PilotOnly, Entrustability.PilotOnly)]
    [InlineData(Entrustability.DistrictWide, Entrustability.PilotOnly)]
    [InlineData(Entrustability.DistrictWide, Entrustability.DistrictWide)]
    public void ADecisionThatDoesNotWidenIsRefused(Entrustability from, Entrustability to)
    {
        var matter = MatterOf(scope: from);
        var refused = Assert.Throws<RuleViolation>(() => DecisionEntity.ForMatter(matter, to, "北碚府〔2026〕9号", DecidedOn, "重复", "office"));
        Assert.Equal("Scope.AlreadyInScope", refused.MessageKey);
        Assert.Equal(from, matter.Entrustability);
    }

    [Fact]
    public void AMatterBroughtIntoScopeCanThenBeEntrusted()
    {
        var matter = MatterOf();
        var xiema = new Township(District, "500109112", "歇马镇", TownshipKind.Town, isPilot: true);
        var terms = new AgreementTerms(AgreementMode.Entrustment, null, new DateOnly(2026, 8, 1), new DateOnly(2029, 7, 31), "", null, null, true, true, true);
        (MatterEntity, Authority, decimal?)[] items = [(matter, Authority.GeneralPenalty, 2000m)];

        Assert.Equal("Agreement.OutsideScope",
            Assert.Throws<RuleViolation>(() => new AgreementEntity(Forestry, xiema, "北碚委托〔2026〕50号", terms, items)).MessageKey);
        DecisionEntity.ForMatter(matter, Entrustability.PilotOnly, "北碚府〔2026〕9号", DecidedOn, "歇马镇申请森林防火处罚权", "office");

        Assert.Single(new AgreementEntity(Forestry, xiema, "北碚委托〔2026〕50号", terms, items).Matters);
    }

    [Fact]
    public void ADecisionMakesATownshipAPilotOnce()
    {
        var township = TownshipOf(pilot: false);

        var decision = DecisionEntity.ForPilot(township, "北碚府〔2026〕10号", DecidedOn, "扩大试点", "office");

        Assert.True(township.IsPilot);
        Assert.Equal(ScopeChange.AddPilotTownship, decision.Change);
        Assert.Equal(township.Id, decision.TownshipId);
        Assert.Null(decision.MatterId);
        var refused = Assert.Throws<RuleViolation>(() => DecisionEntity.ForPilot(township, "北碚府〔2026〕11号", DecidedOn, "再次", "office"));
        Assert.Equal("Scope.AlreadyPilot", refused.MessageKey);
    }

    [Fact]
    public void TheCatalogueCannotMakeATownshipAPilotButMayEndAPilot()
    {
        var township = TownshipOf(pilot: false);
        var refused = Assert.Throws<RuleViolation>(() => township.Update(township.Code, township.Name, township.Kind, isPilot: true));
        Assert.Equal("Scope.DecisionRequiredForPilot", refused.MessageKey);
        Assert.False(township.IsPilot);

        var pilot = TownshipOf(pilot: true);
        pilot.Update(pilot.Code, pilot.Name, pilot.Kind, isPilot: false);
        Assert.False(pilot.IsPilot);
    }

    [Theory]
    [InlineData(Entrustability.NotEntrusted, Entrustability.PilotOnly)]
    [InlineData(Entrustability.PilotOnly, Entrustability.DistrictWide)]
    public void TheCatalogueCannotWidenAMattersScope(Entrustability from, Entrustability to)
    {
        var matter = MatterOf(MatterKind.Inspection, from);
        var fields = new MatterFields(Forestry.Id, matter.Code, matter.Name, matter.Domain, matter.Kind, matter.LawName, matter.LawArticle, to);
        var refused = Assert.Throws<RuleViolation>(() => MatterEntity.EnsureNotWidened(matter, fields));
        Assert.Equal("Scope.DecisionRequiredForMatter", refused.MessageKey);

        MatterEntity.EnsureNotWidened(matter, fields with { Entrustability = Entrustability.NotEntrusted }); // narrowing is allowed
    }
}

/// <summary>A township's request for a power outside scope: decided once, by approval (with a scope decision) or rejection.</summary>
public sealed class ScopeRequest
{
    private static readonly Guid District = Guid.NewGuid();
    private static readonly Department Forestry = new(District, "LY", "区林业局");
    private static readonly Township Xiema = new(District, "500109112", "歇马镇", TownshipKind.Town, isPilot: true);
    private static readonly DateOnly RequestedOn = new(2026, 6, 15);

    private static MatterEntity FireMatter() =>
        new(District, new MatterFields(Forestry.Id, "LY-12", "对森林防火期内违规野外用火的处罚", "forestry", MatterKind.Penalty, "森林防火条例", "第五十条",
            Entrustability.NotEntrusted));

    private static Entrust.Web.Features.Scope.ScopeRequest Request(MatterEntity matter) =>
        new(Xiema, matter.Id, " 森林防火 ", " 林地面积大 ", RequestedOn);

    [Fact]
    public void ARequestStartsPendingForItsTownship()
    {
        var request = Request(FireMatter());
        Assert.Equal(ScopeRequestState.Pending, request.State);
        Assert.Equal(Xiema.Id, request.TownshipId);
        Assert.Equal(District, request.DistrictId);
        Assert.Equal("森林防火", request.RequestedPower);
        Assert.Equal("林地面积大", request.Reason);
        Assert.Null(request.DecidedOn);
    }

    [Fact]
    public void ApprovalRecordsTheScopeDecision()
    {
        var matter = FireMatter();
        var request = Request(matter);
        var decision = DecisionEntity.ForMatter(matter, Entrustability.PilotOnly, "北碚府〔2026〕9号", new DateOnly(2026, 7, 1), "同意", "office");

        request.Approve(decision, new DateOnly(2026, 7, 1), "同意试点");

        Assert.Equal(ScopeRequestState.Approved, request.State);
        Assert.Equal(decision.Id, request.ScopeDecisionId);
        Assert.Equal("同意试点", request.DecisionReason);
        Assert.Equal(Entrustability.PilotOnly, matter.Entrustability);
    }

    [Fact]
    public void ARequestIsDecidedOnlyOnce()
    {
        var matter = FireMatter();
        var rejected = Request(matter);
        rejected.Reject(new DateOnly(2026, 7, 1), "暂不扩大范围");
        var decision = DecisionEntity.ForMatter(matter, Entrustability.PilotOnly, "北碚府〔2026〕9号", new DateOnly(2026, 7, 2), "同意", "office");

        var twice = Assert.Throws<RuleViolation>(() => rejected.Approve(decision, new DateOnly(2026, 7, 2), "改为同意"));
        Assert.Equal("ScopeRequest.AlreadyDecided", twice.MessageKey);
        Assert.Equal(409, twice.StatusCode);
        Assert.Equal(ScopeRequestState.Rejected, rejected.State);
        Assert.Equal("暂不扩大范围", rejected.DecisionReason);

        var approved = Request(matter);
        approved.Approve(decision, new DateOnly(2026, 7, 2), "同意");
        Assert.Equal(409, Assert.Throws<RuleViolation>(() => approved.Reject(new DateOnly(2026, 7, 3), "反悔")).StatusCode);
        Assert.Equal(409, Assert.Throws<RuleViolation>(() => approved.Approve(decision, new DateOnly(2026, 7, 3), "再次")).StatusCode);
        Assert.Equal(ScopeRequestState.Approved, approved.State);
    }
}
