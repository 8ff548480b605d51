using System.Text.Json;
using Entrust.Web.Data;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Assessment;

public sealed record ReviewedFileView(Guid Id, int Order, Guid CaseId, string CaseNumber, Guid Reviewer1Id, string Reviewer1, Guid Reviewer2Id,
    string Reviewer2, IReadOnlyList<int?> Scores, int? Total, FileGrade? Grade, string? Findings, DateOnly? ReviewedOn, string? ReviewedBy);

public sealed record FileReviewView(Guid Id, Guid TownshipId, string Township, int Year, string Domain, string Seed, int Candidates, int Count,
    DateOnly DrawDay, DateTimeOffset DrawnAt, string DrawnBy, string Hash, IReadOnlyList<ReviewedFileView> Files);

/// <summary>What the office asks of a draw: the township, the year its cases were concluded in, a domain (or all), the reviewers' pool
/// and how many files (a count, or a proportion of the concluded cases rounded up).</summary>
public sealed record FileReviewDrawInput(int Year, Guid TownshipId, string? Domain, IReadOnlyList<Guid>? ReviewerIds, int? Count,
    decimal? Proportion);

public sealed record ReviewersInput(Guid Reviewer1Id, Guid Reviewer2Id);

/// <summary>The checklist's scores in <see cref="ChecklistItem"/> order, the findings and the day.</summary>
public sealed record FileScoreInput(IReadOnlyList<int>? Scores, string? Findings, DateOnly? ReviewedOn);

/// <summary>
/// The case-file review (案卷评查) for the pages and <c>/api/file-reviews</c>: the office draws, assigns reviewers and records the scores;
/// the auditor reads all; a township its own reviews, a department the files of its matters (the data scope).
/// </summary>
public sealed class FileReviewBook(EntrustDbContext db, CurrentUser user, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool IsOffice => user.Role == Roles.Office && user.DistrictId is not null;

    private void EnsureOffice()
    {
        if (!IsOffice)
        {
            throw new ForbiddenAction();
        }
    }

    public async Task<IReadOnlyList<FileReviewView>> ListAsync(int? year, CancellationToken ct = default)
    {
        var query = db.FileReviews.AsNoTracking().Include(r => r.Files).AsQueryable();
        if (year is { } y)
        {
            query = query.Where(r => r.Year == y);
        }
        var reviews = await query.OrderByDescending(r => r.Year).ThenBy(r => r.DrawDay).ThenBy(r => r.TownshipId).ToListAsync(ct);
        return await ViewsAsync(reviews, ct);
    }

    public async Task<FileReviewView?> FindAsync(Guid id, CancellationToken ct = default) =>
        await db.FileReviews.AsNoTracking().Include(r => r.Files).FirstOrDefaultAsync(r => r.Id == id, ct) is { } review
            ? (await ViewsAsync([review], ct))[0]
            : null;

    private async Task<IReadOnlyList<FileReviewView>> ViewsAsync(IReadOnlyList<FileReview> reviews, CancellationToken ct)
    {
        var officerIds = reviews.SelectMany(r => r.Files).SelectMany(f => new[] { f.Reviewer1Id, f.Reviewer2Id }).Distinct().ToList();
        var names = await db.Officers.IgnoreQueryFilters().AsNoTracking().Where(o => officerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var townshipIds = reviews.Select(r => r.TownshipId).Distinct().ToList();
        var townships = await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(t => townshipIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return [.. reviews.Select(r => new FileReviewView(r.Id, r.TownshipId, townships.GetValueOrDefault(r.TownshipId) ?? "", r.Year, r.Domain,
            r.SeedValue.ToString("x16"), JsonSerializer.Deserialize<DrawInputs>(r.Inputs, Json)!.Candidates.Count, r.Count, r.DrawDay, r.DrawnAt,
            r.DrawnBy, r.Hash,
            [.. r.Files.OrderBy(f => f.Order).Select(f => new ReviewedFileView(f.Id, f.Order, f.CaseId, f.CaseNumber, f.Reviewer1Id,
                names.GetValueOrDefault(f.Reviewer1Id) ?? "", f.Reviewer2Id, names.GetValueOrDefault(f.Reviewer2Id) ?? "", f.Scores, f.Total,
                f.Grade, f.Findings, f.ReviewedOn, f.ReviewedBy))]))];
    }

    /// <summary>
    /// The draw form's choices: the townships, the matters' domains and the district's officers with their units, as the shared picker
    /// offers them. Every officer of the district may review (no one is greyed): the draw itself keeps each file from its handlers.
    /// </summary>
    public async Task<(IReadOnlyList<(Guid Id, string Name)> Townships, IReadOnlyList<string> Domains, IReadOnlyList<Entrust.Web.Features.Officers.PickerOfficer> Officers)>
        ChoicesAsync(CancellationToken ct = default)
    {
        var townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var domains = await db.Matters.AsNoTracking().Select(m => m.Domain).Distinct().OrderBy(d => d).ToListAsync(ct);
        var officers = await db.Officers.AsNoTracking().OrderBy(o => o.DepartmentId == null).ThenBy(o => o.Name)
            .Select(o => new { o.Id, o.Name, o.TownshipId, o.DepartmentId }).ToListAsync(ct);
        var townshipNames = townships.ToDictionary(t => t.Id, t => t.Name);
        return ([.. townships.Select(t => (t.Id, t.Name))], domains,
            [.. officers.Select(o => new Entrust.Web.Features.Officers.PickerOfficer(o.Id, o.Name,
                (o.DepartmentId is { } d ? departments.GetValueOrDefault(d) : o.TownshipId is { } t ? townshipNames.GetValueOrDefault(t) : null) ?? "",
                true, null))]);
    }

    /// <summary>The office draws a sample of the township's concluded cases with a fresh cryptographic seed.</summary>
    public async Task<FileReviewView> DrawAsync(FileReviewDrawInput input, CancellationToken ct = default)
    {
        EnsureOffice();
        var review = await DrawCoreAsync(user.DistrictId!.Value, input, Draw.NewSeed(), clock.TodayInChina(), clock.GetUtcNow(), user.UserName, ct);
        return (await FindAsync(review.Id, ct))!;
    }

    /// <summary>
    /// The draw itself (<see cref="Draw.Run"/>, the random inspections' draw): the candidates are the township's cases concluded in the year
    /// (<see cref="Case.ConcludedWithin"/>), in the domain when one is named, in id order, each of weight 1; the pool is the reviewers; every
    /// reviewer who handled a case (<see cref="Case.HandlerIds"/>) is a conflict with it, so the draw never gives a file to its handler. The
    /// inputs, seed and hash are recorded. The demo passes a fixed seed and day.
    /// </summary>
    internal async Task<FileReview> DrawCoreAsync(Guid district, FileReviewDrawInput input, ulong seed, DateOnly today, DateTimeOffset drawnAt,
        string by, CancellationToken ct)
    {
        if (input.Year < 2000 || input.Year > today.Year)
        {
            throw new RuleViolation("Validation.Invalid", new Text("Field.Year")) { Field = "Year" };
        }
        var township = await db.Townships.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(t => t.Id == input.TownshipId && t.DistrictId == district, ct)
            ?? throw new RuleViolation("Validation.Required", new Text("FileReview.Township")) { Field = "TownshipId" };
        var domain = input.Domain?.Trim() ?? "";
        if (domain.Length > FileReview.DomainLength)
        {
            throw new RuleViolation("Validation.TooLong", new Text("FileReview.Domain"), FileReview.DomainLength) { Field = "Domain" };
        }
        if ((input.Count is null && input.Proportion is null) || input.Count is < 1 || input.Proportion is not (null or (> 0 and <= 1)))
        {
            throw new RuleViolation("FileReview.CountRequired") { Field = "Count" };
        }
        var pool = (input.ReviewerIds ?? []).Distinct().ToList();
        var names = await db.Officers.IgnoreQueryFilters().AsNoTracking().Where(o => pool.Contains(o.Id) && o.DistrictId == district)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        if (pool.Count < 2 || names.Count != pool.Count)
        {
            throw new RuleViolation("FileReview.TooFewReviewers", names.Count) { Field = "ReviewerIds" };
        }
        if (await db.FileReviews.IgnoreQueryFilters()
            .AnyAsync(r => r.DistrictId == district && r.TownshipId == township.Id && r.Year == input.Year && r.Domain == domain, ct))
        {
            throw RuleViolation.Conflict("FileReview.AlreadyDrawn", township.Name, input.Year);
        }

        var cases = db.Cases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.DistrictId == district && c.TownshipId == township.Id)
            .Where(Case.ConcludedWithin(new DateOnly(input.Year, 1, 1), new DateOnly(input.Year, 12, 31)));
        if (domain.Length > 0)
        {
            cases = cases.Where(c => db.Matters.IgnoreQueryFilters().Any(m => m.Id == c.MatterId && m.Domain == domain));
        }
        var concluded = await cases.Include(c => c.Officers).ToListAsync(ct);
        concluded.Sort((a, b) => a.Id.CompareTo(b.Id));
        if (concluded.Count == 0)
        {
            throw new RuleViolation("FileReview.NoConcludedCases", township.Name, input.Year) { Field = "TownshipId" };
        }
        var candidates = concluded.Select(c => new DrawCandidate(c.Id, 1.0, c.TownshipId)).ToList();
        var conflicts = concluded.SelectMany(c => c.HandlerIds.Where(pool.Contains).Select(o => new DrawConflict(o, c.Id)))
            .OrderBy(x => x.OfficerId).ThenBy(x => x.TargetId).ToList();
        var count = Draw.CountFor(candidates.Count, input.Proportion, input.Count);
        var result = Draw.Run(seed, candidates, pool, conflicts, count);
        if (result.Refused)
        {
            var number = result.RefusalArguments?.OfType<Guid>().Select(g => concluded.FirstOrDefault(c => c.Id == g)?.Number).FirstOrDefault();
            throw result.RefusalKey == "RandomDraw.TargetUnstaffed"
                ? new RuleViolation("FileReview.CaseUnstaffed", number ?? "") { Field = "ReviewerIds" }
                : new RuleViolation("FileReview.TooFewReviewers", pool.Count) { Field = "ReviewerIds" };
        }
        var hash = Draw.Hash(seed, candidates, pool, conflicts, count, result.Assignments);
        var inputs = JsonSerializer.Serialize(new DrawInputs(candidates, pool, conflicts, []), Json);
        var review = new FileReview(district, township.Id, input.Year, domain, seed, count, today, inputs, hash, drawnAt, by);
        var byId = concluded.ToDictionary(c => c.Id);
        review.Files.AddRange(result.Assignments.Select(a => new ReviewedFile(review, a, byId[a.TargetId].DepartmentId, byId[a.TargetId].Number)));
        db.FileReviews.Add(review);
        await db.SaveChangesAsync(ct);
        return review;
    }

    /// <summary>Re-runs the recorded draw from its seed and inputs and compares it with the files as drawn, stored now.</summary>
    public async Task<VerifyAnswer?> VerifyAsync(Guid id, CancellationToken ct = default)
    {
        var review = await db.FileReviews.AsNoTracking().Include(r => r.Files).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (review is null)
        {
            return null;
        }
        var inputs = JsonSerializer.Deserialize<DrawInputs>(review.Inputs, Json)!;
        var stored = review.Files.OrderBy(f => f.Order).Select(f => f.AsDrawn()).ToList();
        var rerun = Draw.Run(review.SeedValue, inputs.Candidates, inputs.Pool, inputs.Conflicts, review.Count);
        var hash = Draw.Hash(review.SeedValue, inputs.Candidates, inputs.Pool, inputs.Conflicts, review.Count, stored);
        var resultMatches = !rerun.Refused && rerun.Assignments.SequenceEqual(stored);
        var hashMatches = hash == review.Hash;
        return new VerifyAnswer(resultMatches && hashMatches, review.SeedValue.ToString("x16"), review.Hash, hash, resultMatches, hashMatches);
    }

    /// <summary>The office gives a file other reviewers; one who handled the case is refused (<see cref="ReviewedFile.Assign"/>).</summary>
    public async Task<FileReviewView?> AssignAsync(Guid fileId, ReviewersInput input, CancellationToken ct = default)
    {
        EnsureOffice();
        var file = await db.ReviewedFiles.FirstOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null)
        {
            return null;
        }
        var ids = new[] { input.Reviewer1Id, input.Reviewer2Id };
        var names = await db.Officers.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        if (names.Count != ids.Distinct().Count())
        {
            throw new RuleViolation("FileReview.TwoReviewers") { Field = "Reviewer2Id" };
        }
        var handled = await db.Cases.IgnoreQueryFilters().AsNoTracking().Include(c => c.Officers).FirstAsync(c => c.Id == file.CaseId, ct);
        file.Assign(input.Reviewer1Id, input.Reviewer2Id, handled.HandlerIds, names);
        await db.SaveChangesAsync(ct);
        return await FindAsync(file.FileReviewId, ct);
    }

    /// <summary>
    /// The office records the reviewers' scores on the checklist and the grade they give; a file graded 不合格 becomes a candidate
    /// erroneous case (<see cref="AssessmentBook.ErroneousAsync"/>). Not once the year's round is published: its results stand.
    /// </summary>
    public async Task<FileReviewView?> ScoreAsync(Guid fileId, FileScoreInput input, CancellationToken ct = default)
    {
        EnsureOffice();
        var file = await db.ReviewedFiles.FirstOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null)
        {
            return null;
        }
        if (await db.AssessmentRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Year == file.Year, ct) is { State: not RoundState.Scoring } round)
        {
            throw RuleViolation.Conflict("Assessment.RoundNotScoring", new Text("RoundState." + round.State));
        }
        var today = clock.TodayInChina();
        file.Score(input.Scores ?? [], input.Findings, input.ReviewedOn ?? today, today, user.UserName);
        await db.SaveChangesAsync(ct);
        return await FindAsync(file.FileReviewId, ct);
    }
}
