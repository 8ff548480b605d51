using Entrust.Web.Data;
using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Officers;

/// <summary>A certificate to issue: the number is generated from the district's format when left empty.</summary>
public sealed record IssueInput(Guid? OfficerId, List<string>? Domains, string? Number, DateOnly? IssuedOn);

public sealed record CertificateRow(Guid Id, string Number, Guid OfficerId, string OfficerName, Guid? TownshipId, Guid? DepartmentId,
    string UnitName, IReadOnlyList<string> Domains, DateOnly IssuedOn, DateOnly ExpiresOn, DateOnly ReviewDueOn, DateOnly? LastReviewedOn,
    CertificateState State, DateOnly? StateChangedOn, string? StateReason, CertificateValidity Validity, Guid? ExamScoreId);
public sealed record CertificateFilter(Guid? Officer, Guid? Unit, CertificateValidity? Validity, bool? Expiring, string? Q, int? Page,
    int? PageSize);

/// <summary>An officer who passed the exam and holds no current certificate: who the issue form offers.</summary>
public sealed record CertificateCandidate(Guid OfficerId, string Name, string UnitName, Guid ExamScoreId, string ExamName, decimal Score);

/// <summary>
/// Issuing and changing enforcement certificates, shared by the /Certificates and /Qualification pages and /api/certificates,
/// /api/qualification-settings. Only the office (and the admin) issues and changes them and keeps the district's settings
/// (LAW 12: the office files and publishes qualifications); the others read them in their scope.
/// A certificate goes only to established staff in post who passed the qualification exam, under a number unique on the
/// platform; what the certificate itself refuses is decided by <see cref="Certificate"/>.
/// </summary>
public sealed class CertificateBook(EntrustDbContext db, CurrentUser user, TimeProvider clock)
{
    public DateOnly Today => clock.TodayInChina();

    public bool MayIssue => user.Role is Roles.Admin or Roles.Office;

    /// <summary>
    /// The list's rows, filtered by <see cref="Certificate.ValidityIs"/> and their validity computed by Certificate.ValidityOn;
    /// <paramref name="expiringBy"/> keeps the certificates valid today that expire by that day.
    /// </summary>
    public static IQueryable<CertificateRow> Rows(EntrustDbContext db, CertificateFilter f, DateOnly today, DateOnly? expiringBy = null,
        Guid? id = null)
    {
        var certificates = db.Certificates.AsNoTracking();
        if (id is { } one)
        {
            certificates = certificates.Where(c => c.Id == one);
        }
        if (f.Officer is { } officer)
        {
            certificates = certificates.Where(c => c.OfficerId == officer);
        }
        if (f.Unit is { } unit)
        {
            certificates = certificates.Where(c => c.TownshipId == unit || c.DepartmentId == unit);
        }
        if (f.Validity is { } validity)
        {
            certificates = certificates.Where(Certificate.ValidityIs(validity, today));
        }
        if (expiringBy is { } by)
        {
            certificates = certificates.Where(Certificate.ValidOnDay(today)).Where(c => c.ExpiresOn <= by);
        }
        var officers = db.Officers.AsQueryable();
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            officers = officers.Where(o => o.Name.Contains(q));
            certificates = certificates.Where(c => c.Number.Contains(q) || officers.Any(o => o.Id == c.OfficerId));
        }
        var joined = from c in certificates
                     join o in db.Officers on c.OfficerId equals o.Id
                     join town in db.Townships on c.TownshipId equals town.Id into towns
                     from town in towns.DefaultIfEmpty()
                     join dep in db.Departments on c.DepartmentId equals dep.Id into deps
                     from dep in deps.DefaultIfEmpty()
                     select new { c, OfficerName = o.Name, UnitName = town != null ? town.Name : dep != null ? dep.Name : "" };
        joined = expiringBy is null ? joined.OrderBy(x => x.c.Number) : joined.OrderBy(x => x.c.ExpiresOn).ThenBy(x => x.c.Number);
        return joined.Select(x => new CertificateRow(x.c.Id, x.c.Number, x.c.OfficerId, x.OfficerName, x.c.TownshipId, x.c.DepartmentId,
            x.UnitName, x.c.Domains, x.c.IssuedOn, x.c.ExpiresOn, x.c.ReviewDueOn, x.c.LastReviewedOn, x.c.State, x.c.StateChangedOn, x.c.StateReason,
            x.c.ValidityOn(today),
            x.c.ExamScoreId));
    }

    /// <summary>
    /// Every row the filter shows, unpaged: the list's page and its export read the same query. Expiring means within the warning
    /// period the office set for the user's district.
    /// </summary>
    public async Task<IQueryable<CertificateRow>> QueryAsync(CertificateFilter filter, CancellationToken ct)
    {
        var today = Today;
        DateOnly? by = null;
        if (filter.Expiring == true)
        {
            var settings = user.DistrictId is { } district ? await Qualification.SettingsAsync(db, district, ct) : QualificationSettings.Defaults(Guid.Empty);
            by = today.AddDays(settings.ExpiryWarningDays);
        }
        return Rows(db, filter, today, by);
    }

    /// <summary>The list's orders (the console's column headers); the newest issued first by default.</summary>
    public static readonly ListSort<CertificateRow> Sorts = new ListSort<CertificateRow>("-issued")
        .By("number", r => r.Number).By("officer", r => r.OfficerName).By("unit", r => r.UnitName).By("issued", r => r.IssuedOn)
        .By("expires", r => r.ExpiresOn).By("review", r => r.ReviewDueOn).Then(r => r.Id);

    public async Task<Paged<CertificateRow>> PageAsync(CertificateFilter filter, CancellationToken ct) =>
        await (await QueryAsync(filter, ct)).ToPagedAsync(filter.Page, filter.PageSize, ct);

    /// <summary>The list's order for the filter: the expiring ones soonest first unless another order is asked.</summary>
    public static ListQuery Ordered(CertificateFilter filter, ListQuery list) =>
        filter.Expiring == true && string.IsNullOrEmpty(list.Sort) ? new ListQuery { Sort = "expires", Page = list.Page, Size = list.Size } : list;

    /// <summary>
    /// The certificates the filter shows, in the list's order, as .xlsx (<see cref="ListExport"/>): the /Certificates export button and
    /// GET /api/certificates/export alike.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> ExportAsync(CertificateFilter filter, ListQuery list, ListExport export,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await export.WriteAsync("Menu.Certificates", null, (await QueryAsync(filter, ct)).ForExport(Ordered(filter, list), Sorts), [
            new("Field.CertificateNumber", c => c.Number),
            new("Field.OfficerId", c => c.OfficerName),
            new("Field.Unit", c => c.UnitName),
            new("Field.Domains", c => string.Join("、", c.Domains.Select(Catalog.Domains.Name))),
            new("Field.IssuedOn", c => c.IssuedOn),
            new("Field.ExpiresOn", c => c.ExpiresOn),
            new("Field.ReviewDueOn", c => c.ReviewDueOn),
            new("Field.Validity", c => text["CertificateValidity." + c.Validity].Value),
        ], ct);

    /// <summary>One certificate as the list shows it; null when out of the user's sight.</summary>
    public Task<CertificateRow?> RowAsync(Guid id, CancellationToken ct) =>
        Rows(db, new CertificateFilter(null, null, null, null, null, null, null), Today, id: id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Officers in the user's scope, established and in post, with a passing score and no certificate that is neither revoked nor
    /// expired: whom the office may issue to now. The latest passing score of each.
    /// </summary>
    public async Task<List<CertificateCandidate>> CandidatesAsync(CancellationToken ct)
    {
        var today = Today;
        var rows = await (
                from s in db.ExamScores.AsNoTracking()
                where s.Passed
                join e in db.Exams on s.ExamId equals e.Id
                join o in db.Officers.Where(Officer.MayHoldCertificates()) on s.OfficerId equals o.Id
                where !db.Certificates.Where(Certificate.HeldOnDay(today)).Any(c => c.OfficerId == o.Id)
                join town in db.Townships on o.TownshipId equals town.Id into towns
                from town in towns.DefaultIfEmpty()
                join dep in db.Departments on o.DepartmentId equals dep.Id into deps
                from dep in deps.DefaultIfEmpty()
                select new
                {
                    o.Id,
                    o.Name,
                    UnitName = town != null ? town.Name : dep != null ? dep.Name : "",
                    UnitCode = town != null ? town.Code : dep != null ? "~" + dep.Code : "",
                    ScoreId = s.Id,
                    ExamName = e.Name,
                    e.HeldOn,
                    s.Score,
                })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Id).Select(g => g.OrderByDescending(r => r.HeldOn).First())
            .OrderBy(r => r.UnitCode, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new CertificateCandidate(r.Id, r.Name, r.UnitName, r.ScoreId, r.ExamName, r.Score)).ToList();
    }

    /// <summary>The district's qualification settings: the user's own, or the one the admin names; null when neither is known.</summary>
    public async Task<QualificationSettings?> SettingsAsync(Guid? district, CancellationToken ct) =>
        (user.DistrictId ?? district) is { } id ? await Qualification.SettingsAsync(db, id, ct) : null;

    /// <summary>
    /// The office changes its district's settings (the admin the district it names); the district's row is created the first time
    /// the seed's defaults change. Null when no district of the user's sight is named.
    /// </summary>
    public async Task<QualificationSettings?> SaveSettingsAsync(Guid? district, QualificationFields input, CancellationToken ct)
    {
        EnsureOffice();
        if ((user.DistrictId ?? district) is not { } id || !await db.Districts.AnyAsync(d => d.Id == id, ct))
        {
            return null;
        }
        var settings = await db.QualificationSettings.FirstOrDefaultAsync(s => s.DistrictId == id, ct);
        if (settings is null)
        {
            settings = new QualificationSettings(id);
            settings.Update(input);
            db.QualificationSettings.Add(settings);
        }
        else
        {
            settings.Update(input);
        }
        await db.SaveChangesAsync(ct);
        return settings;
    }

    public async Task<Certificate> IssueAsync(IssueInput input, CancellationToken ct)
    {
        EnsureOffice();
        var found = await db.Officers.FirstOrDefaultAsync(o => o.Id == input.OfficerId, ct);
        var issuedOn = input.IssuedOn ?? Today;
        var domains = (input.Domains ?? []).Select(d => Catalog.Domains.Find(d)?.Code ?? d).ToList();
        // Every field left wrong is answered together (the API's answer named by the first, as before).
        RuleViolation.ThrowAll([
            found is null ? new RuleViolation("Certificate.UnknownOfficer") { Field = "OfficerId" } : Certificate.HolderProblem(found),
            issuedOn > Today ? new RuleViolation("Certificate.IssuedInFuture") { Field = "IssuedOn" } : null,
            Certificate.DomainsProblem(domains),
        ]);
        var officer = found!;
        if (await db.Certificates.IgnoreQueryFilters()
                .Where(c => c.OfficerId == officer.Id).Where(Certificate.HeldOnDay(issuedOn))
                .Select(c => c.Number).FirstOrDefaultAsync(ct) is { } held)
        {
            throw RuleViolation.Conflict("Certificate.AlreadyHeld", officer.Name, held);
        }
        var examScoreId = await PassedExamAsync(officer, ct);
        var settings = await Qualification.SettingsAsync(db, officer.DistrictId, ct);
        var number = await NumberAsync(input.Number, officer.DistrictId, issuedOn.Year, settings, ct);
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
