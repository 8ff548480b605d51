using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Assessment;

/// <summary>The grade of a reviewed case file (案卷评查结果).</summary>
public enum FileGrade
{
    Excellent = 0, // 优秀
    Pass = 1,      // 合格
    Fail = 2,      // 不合格
}

/// <summary>The lines of the review checklist, in the order a file is read.</summary>
public enum ChecklistItem
{
    BodyAndStanding = 0, // 执法主体与资格
    Procedure = 1,       // 执法程序
    Evidence = 2,        // 事实与证据
    Law = 3,             // 适用法律
    Documents = 4,       // 执法文书
    Filing = 5,          // 立卷归档
}

/// <summary>
/// The case-file review checklist (案卷评查标准): six lines worth 100 points together, and the grade they give. A file with no point on
/// body and standing fails whatever the rest (a penalty by a body without standing is void, APL 38); otherwise 90 and above is 优秀,
/// 60 and above 合格, below 60 不合格.
/// </summary>
public static class Checklist
{
    public const int Excellent = 90;
    public const int Pass = 60;

    /// <summary>The most each line can give, in <see cref="ChecklistItem"/> order.</summary>
    public static readonly IReadOnlyList<int> Max = [15, 25, 20, 20, 10, 10];

    public static FileGrade Grade(IReadOnlyList<int> scores)
    {
        var total = scores.Sum();
        return scores[(int)ChecklistItem.BodyAndStanding] == 0 || total < Pass ? FileGrade.Fail
            : total >= Excellent ? FileGrade.Excellent
            : FileGrade.Pass;
    }
}

/// <summary>
/// A case-file review (案卷评查) of one township's cases concluded in a year, optionally in one domain: the office draws a sample at
/// random with two reviewers per file, by the random inspections' own draw (<see cref="Draw"/>: the seed, the inputs and a hash are
/// recorded so that anyone can re-run it), with every officer who handled a case as a conflict with it — no one reviews a case they
/// handled. Each file is then scored on the checklist and graded; a failed file is a candidate erroneous case.
/// </summary>
public sealed class FileReview : Audit.IBatchRecord
{
    public const int DomainLength = 50;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid TownshipId { get; private set; }
    public int Year { get; private set; }

    /// <summary>The domain the sample was drawn in (a matter's domain, e.g. family-planning); empty for every domain.</summary>
    public string Domain { get; private set; } = "";
    public long Seed { get; private set; }
    public int Count { get; private set; }
    public DateOnly DrawDay { get; private set; }

    /// <summary>The draw's inputs as JSON (<see cref="DrawInputs"/>), kept whole so that verifying needs nothing that may change since.</summary>
    public string Inputs { get; private set; } = "";
    public string Hash { get; private set; } = "";
    public DateTimeOffset DrawnAt { get; private set; }
    public string DrawnBy { get; private set; } = "";
    public List<ReviewedFile> Files { get; private set; } = [];

    private FileReview() { }

    public FileReview(Guid districtId, Guid townshipId, int year, string? domain, ulong seed, int count, DateOnly drawDay, string inputs,
        string hash, DateTimeOffset drawnAt, string drawnBy)
    {
        DistrictId = districtId;
        TownshipId = townshipId;
        Year = year;
        Domain = domain?.Trim() ?? "";
        Seed = unchecked((long)seed);
        Count = count;
        DrawDay = drawDay;
        Inputs = inputs;
        Hash = hash;
        DrawnAt = drawnAt.ToUniversalTime();
        DrawnBy = drawnBy;
    }

    public ulong SeedValue => unchecked((ulong)Seed);
}

/// <summary>One drawn case file: its reviewers (as drawn, and as assigned now), its checklist scores, grade and findings.</summary>
public sealed class ReviewedFile : Audit.IBatchRow
{
    public const int FindingsLength = 2000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid FileReviewId { get; private set; }
    public Guid TownshipId { get; private set; }

    /// <summary>The case's (entrusting) department, so that a department sees the reviews of its matters.</summary>
    public Guid DepartmentId { get; private set; }
    public int Year { get; private set; }
    public int Order { get; private set; }
    public Guid CaseId { get; private set; }
    public string CaseNumber { get; private set; } = "";

    /// <summary>The reviewers the draw gave, kept for verifying it; <see cref="Reviewer1Id"/> and <see cref="Reviewer2Id"/> review.</summary>
    public Guid DrawnReviewer1Id { get; private set; }
    public Guid DrawnReviewer2Id { get; private set; }
    public Guid Reviewer1Id { get; private set; }
    public Guid Reviewer2Id { get; private set; }

    public int? BodyAndStanding { get; private set; }
    public int? Procedure { get; private set; }
    public int? Evidence { get; private set; }
    public int? Law { get; private set; }
    public int? Documents { get; private set; }
    public int? Filing { get; private set; }
    public int? Total { get; private set; }
    public FileGrade? Grade { get; private set; }
    public string? Findings { get; private set; }
    public DateOnly? ReviewedOn { get; private set; }
    public string? ReviewedBy { get; private set; }

    private ReviewedFile() { }

    internal ReviewedFile(FileReview review, DrawnAssignment drawn, Guid departmentId, string caseNumber)
    {
        DistrictId = review.DistrictId;
        FileReviewId = review.Id;
        TownshipId = review.TownshipId;
        DepartmentId = departmentId;
        Year = review.Year;
        Order = drawn.Order;
        CaseId = drawn.TargetId;
        CaseNumber = caseNumber;
        DrawnReviewer1Id = Reviewer1Id = drawn.Inspector1Id;
        DrawnReviewer2Id = Reviewer2Id = drawn.Inspector2Id;
    }

    /// <summary>The file as the draw gave it, for re-running the draw.</summary>
    public DrawnAssignment AsDrawn() => new(Order, CaseId, DrawnReviewer1Id, DrawnReviewer2Id);

    /// <summary>
    /// The office assigns other reviewers (one fell ill, say): two different officers, neither of whom handled the case (回避: a
    /// reviewer may not judge their own file, LAW 11); not once the file is scored.
    /// </summary>
    public void Assign(Guid reviewer1, Guid reviewer2, IReadOnlySet<Guid> handlers, IReadOnlyDictionary<Guid, string> names)
    {
        if (Grade is not null)
        {
            throw RuleViolation.Conflict("FileReview.AlreadyScored", CaseNumber);
        }
        if (reviewer1 == Guid.Empty || reviewer2 == Guid.Empty || reviewer1 == reviewer2)
        {
            throw new RuleViolation("FileReview.TwoReviewers") { Field = "Reviewer2Id" };
        }
        foreach (var (id, field) in new[] { (reviewer1, "Reviewer1Id"), (reviewer2, "Reviewer2Id") })
        {
            if (handlers.Contains(id))
            {
                throw new RuleViolation("FileReview.ReviewerHandledCase", names.GetValueOrDefault(id) ?? id.ToString(), CaseNumber) { Field = field };
            }
        }
        Reviewer1Id = reviewer1;
        Reviewer2Id = reviewer2;
    }

    /// <summary>
    /// The reviewers' scores on the checklist (<see cref="Checklist.Max"/> each), the grade they give and the findings — required unless
    /// the file is 优秀. A file may be scored again (a correction) until the year's round is published; the caller checks that.
    /// </summary>
    public FileGrade Score(IReadOnlyList<int> scores, string? findings, DateOnly on, DateOnly today, string by)
    {
        if (scores.Count != Checklist.Max.Count)
        {
            throw new RuleViolation("FileReview.ScoresIncomplete") { Field = "Scores" };
        }
        for (var i = 0; i < scores.Count; i++)
        {
            if (scores[i] < 0 || scores[i] > Checklist.Max[i])
            {
                throw new RuleViolation("FileReview.ScoreOutOfRange", new Text("ChecklistItem." + (ChecklistItem)i), Checklist.Max[i])
                { Field = "Scores" };
            }
        }
        var grade = Checklist.Grade(scores);
        if (grade != FileGrade.Excellent && string.IsNullOrWhiteSpace(findings))
        {
            throw new RuleViolation("FileReview.FindingsRequired") { Field = "Findings" };
        }
        if (findings?.Trim().Length > FindingsLength)
        {
            throw new RuleViolation("Validation.TooLong", new Text("FileReview.Findings"), FindingsLength) { Field = "Findings" };
        }
        if (on > today || on.Year < Year)
        {
            throw new RuleViolation("FileReview.ReviewedOnInvalid") { Field = "ReviewedOn" };
        }
        (BodyAndStanding, Procedure, Evidence, Law, Documents, Filing) = (scores[0], scores[1], scores[2], scores[3], scores[4], scores[5]);
        Total = scores.Sum();
        Grade = grade;
        Findings = string.IsNullOrWhiteSpace(findings) ? null : findings.Trim();
        ReviewedOn = on;
        ReviewedBy = by;
        return grade;
    }

    public IReadOnlyList<int?> Scores => [BodyAndStanding, Procedure, Evidence, Law, Documents, Filing];
}
