using Entrust.Web.Data;
using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Officers;

/// <summary>A certificate to issue: the number is generated from the district's format when left empty.</summary>
public sealed record IssueInput(Guid? OfficerId, List<string>? Domains, string? Number, DateOnly? IssuedOn);

/// <summary>
/// Issuing and changing enforcement certificates, shared by the pages and the API. Only the office (and the admin) issues
/// and changes them (LAW 12: the office files and publishes qualifications); the others read them in their scope.
/// A certificate goes only to established staff in post who passed the qualification exam, under a number unique on the
/// platform; what the certificate itself refuses is decided by <see cref="Certificate"/>.
/// </summary>
public sealed class CertificateBook(EntrustDbContext db, CurrentUser user, TimeProvider clock)
{
    public DateOnly Today => clock.TodayInChina();

    public bool MayIssue => user.Role is Roles.Admin or Roles.Office;

    public async Task<Certificate> IssueAsync(IssueInput input, CancellationToken ct)
    {
        EnsureOffice();
        var officer = await db.Officers.FirstOrDefaultAsync(o => o.Id == input.OfficerId, ct)
            ?? throw new RuleViolation("Certificate.UnknownOfficer") { Field = "OfficerId" };
        if (!officer.MayHoldCertificate)
        {
            throw new RuleViolation(officer.IsActive ? "Certificate.NotEstablishedStaff" : "Certificate.HolderNotActive", officer.Name)
            { Field = "OfficerId" };
        }
        var issuedOn = input.IssuedOn ?? Today;
        if (issuedOn > Today)
        {
            throw new RuleViolation("Certificate.IssuedInFuture") { Field = "IssuedOn" };
        }
        if (await db.Certificates.IgnoreQueryFilters()
                .Where(c => c.OfficerId == officer.Id).Where(Certificate.HeldOnDay(issuedOn))
                .Select(c => c.Number).FirstOrDefaultAsync(ct) is { } held)
        {
            throw RuleViolation.Conflict("Certificate.AlreadyHeld", officer.Name, held);
        }
        var examScoreId = await PassedExamAsync(officer, ct);
        var settings = await Qualification.SettingsAsync(db, officer.DistrictId, ct);
        var number = await NumberAsync(input.Number, officer.DistrictId, issuedOn.Year, settings, ct);
        var domains = (input.Domains ?? []).Select(d => Catalog.Domains.Find(d)?.Code ?? d).ToList();
        var certificate = new Certificate(officer, number, domains, issuedOn, settings, examScoreId);
        db.Certificates.Add(certificate);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone took the number between the check and the save.
            db.ChangeTracker.Clear();
            if (await NumberTakenAsync(number, ct))
            {
                throw NumberTaken(number);
            }
            throw;
        }
        return certificate;
    }

    public Task<Certificate?> SuspendAsync(Guid id, string? reason, CancellationToken ct) =>
        ChangeAsync(id, c => c.Suspend(Today, reason ?? ""), ct);

    public Task<Certificate?> ReinstateAsync(Guid id, string? reason, CancellationToken ct) =>
        ChangeAsync(id, c => c.Reinstate(Today, reason ?? ""), ct);

    public Task<Certificate?> RevokeAsync(Guid id, string? reason, CancellationToken ct) =>
        ChangeAsync(id, c => c.Revoke(Today, reason ?? ""), ct);

    /// <summary>年审 recorded today: a pass moves the due date on one interval, a failure suspends the certificate.</summary>
    public async Task<Certificate?> ReviewAsync(Guid id, bool passed, string? note, CancellationToken ct)
    {
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (certificate is null)
        {
            return null;
        }
        EnsureOffice();
        certificate.Review(Today, passed, note, await Qualification.SettingsAsync(db, certificate.DistrictId, ct));
        await db.SaveChangesAsync(ct);
        return certificate;
    }

    private async Task<Certificate?> ChangeAsync(Guid id, Action<Certificate> change, CancellationToken ct)
    {
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (certificate is null)
        {
            return null;
        }
        EnsureOffice();
        change(certificate);
        await db.SaveChangesAsync(ct);
        return certificate;
    }

    /// <summary>
    /// The exam result the certificate rests on: the latest passing score. Refused with what the trainee and the unit need to
    /// know: a failed exam with its best score, a bar from the exam with the absences, or no exam at all.
    /// </summary>
    private async Task<Guid> PassedExamAsync(Officer officer, CancellationToken ct)
    {
        var scores = await (from s in db.ExamScores.IgnoreQueryFilters()
                            join e in db.Exams.IgnoreQueryFilters() on s.ExamId equals e.Id
                            where s.OfficerId == officer.Id && s.DistrictId == officer.DistrictId
                            orderby e.HeldOn descending
                            select new { s.Id, s.Score, s.Passed })
            .ToListAsync(ct);
        if (scores.FirstOrDefault(s => s.Passed) is { } passed)
        {
            return passed.Id;
        }
        if (scores.Count > 0)
        {
            throw new RuleViolation("Certificate.ExamFailed", officer.Name, scores.Max(s => s.Score).ToString("0.#")) { Field = "OfficerId" };
        }
        var marks = await (from t in db.Trainees.IgnoreQueryFilters()
                           join a in db.Attendances.IgnoreQueryFilters() on t.Id equals a.TraineeId
                           where t.OfficerId == officer.Id && t.DistrictId == officer.DistrictId
                           select new { t.TrainingClassId, a.Mark })
            .ToListAsync(ct);
        var settings = await Qualification.SettingsAsync(db, officer.DistrictId, ct);
        var barred = marks.GroupBy(m => m.TrainingClassId).Select(g => Eligibility.Of(g.Select(m => m.Mark), settings))
            .FirstOrDefault(e => !e.Eligible);
        if (barred is not null)
        {
            throw new RuleViolation("Certificate.TraineeBarred", officer.Name, barred.Excused, barred.Unexcused) { Field = "OfficerId" };
        }
        throw new RuleViolation("Certificate.NoPassedExam", officer.Name) { Field = "OfficerId" };
    }

    /// <summary>
    /// A number typed by hand must follow the district's format; an empty one is the format's next sequence of the year (after
    /// the highest the district has used), skipping any number taken elsewhere on the platform. Either is unique platform-wide.
    /// </summary>
    private async Task<string> NumberAsync(string? typed, Guid districtId, int year, QualificationSettings settings, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(typed))
        {
            var number = typed.Trim();
            if (!settings.Matches(number))
            {
                throw new RuleViolation("Certificate.NumberFormatMismatch", number, settings.FormatNumber(year, 1)) { Field = "Number" };
            }
            if (await NumberTakenAsync(number, ct))
            {
                throw NumberTaken(number);
            }
            return number;
        }
        var used = await db.Certificates.IgnoreQueryFilters().Where(c => c.DistrictId == districtId).Select(c => c.Number).ToListAsync(ct);
        var next = used.Select(n => settings.SequenceOf(n, year) ?? 0).DefaultIfEmpty(0).Max() + 1;
        for (var attempt = 0; attempt < 100; attempt++, next++)
        {
            var candidate = settings.FormatNumber(year, next);
            if (!await NumberTakenAsync(candidate, ct))
            {
                return candidate;
            }
        }
        throw RuleViolation.Conflict("Certificate.NumberExhausted");
    }

    // Numbers are unique across the platform: deliberately past every district's filter.
    private Task<bool> NumberTakenAsync(string number, CancellationToken ct) =>
        db.Certificates.IgnoreQueryFilters().AnyAsync(c => c.Number == number, ct);

    private static RuleViolation NumberTaken(string number) => new("Certificate.NumberTaken", number)
    {
        Field = "Number",
        StatusCode = StatusCodes.Status409Conflict,
    };

    private void EnsureOffice()
    {
        if (!MayIssue)
        {
            throw new ForbiddenAction();
        }
    }
}
