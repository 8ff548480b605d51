using Entrust.Web.Features.Cases;
using static Entrust.Tests.Rules.CaseFixtures;

namespace Entrust.Tests.Rules;

/// <summary>联动执法: the matter's department takes the lead of a major case before the decision, the township assisting.</summary>
public sealed class CaseLead
{
    private static Case Major(CaseState state = CaseState.Investigating)
    {
        var c = File(Filing() with { DepartmentId = Department });
        c.Classify(major: true, complex: false);
        if (state == CaseState.Investigating)
        {
            c.BeginInvestigation(FiledOn, Two);
        }
        return c;
    }

    [Fact]
    public void TheMattersDepartmentLeadsAMajorCase()
    {
        var c = Major();
        c.TakeLead(Department);
        Assert.Equal(Department, c.LeadDepartmentId);
    }

    [Fact]
    public void AnOrdinaryCaseStaysWithTheTownship()
    {
        var c = File(Filing() with { DepartmentId = Department });
        Refused(() => c.TakeLead(Department), "Case.LeadOnlyMajor", 409);
        Assert.Null(c.LeadDepartmentId);
    }

    [Fact]
    public void AnotherDepartmentCannotLead()
    {
        var c = Major();
        Refused(() => c.TakeLead(Guid.NewGuid()), "Case.LeadNotOwner");
        Assert.Null(c.LeadDepartmentId);
    }

    [Fact]
    public void NoLeadIsTakenAfterTheDecision()
    {
        var c = Decided();
        OutOfOrder(() => c.TakeLead(Department), CaseState.Decided);
    }
}
