using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Officers;

/// <summary>/api/certificates and /api/qualification-settings.</summary>
public static class CertificatesApi
{
    public sealed record CertificateRow(Guid Id, string Number, Guid OfficerId, string OfficerName, Guid? TownshipId, Guid? DepartmentId,
        string UnitName, IReadOnlyList<string> Domains, DateOnly IssuedOn, DateOnly ExpiresOn, DateOnly ReviewDueOn, DateOnly? LastReviewedOn,
        CertificateState State, DateOnly? StateChangedOn, string? StateReason, CertificateValidity Validity, Guid? ExamScoreId);
    public sealed record CertificateFilter(Guid? Officer, Guid? Unit, CertificateValidity? Validity, bool? Expiring, string? Q, int? Page,
        int? PageSize);
    public sealed record ReasonInput(string? Reason);
    public sealed record ReviewInput(bool? Passed, string? Note);

    /// <summary>An officer who passed the exam and holds no current certificate: who the issue form offers.</summary>
    public sealed record Candidate(Guid OfficerId, string Name, string UnitName, Guid ExamScoreId, string ExamName, decimal Score);

    public static void MapCertificatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/certificates").RequireAuthorization(Api.Policy).WithTags("Officers");
        api.MapGet("", List);
        api.MapGet("/candidates", async (EntrustDbContext db, CertificateBook book, CancellationToken ct) =>
            TypedResults.Ok(await CandidatesAsync(db, book.Today, ct)));
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Issue);
        api.MapPost("/{id:guid}/suspend", (Guid id, ReasonInput input, CertificateBook book, EntrustDbContext db, CancellationToken ct) =>
            Step(book.SuspendAsync(id, input.Reason, ct), db, book, ct));
        api.MapPost("/{id:guid}/reinstate", (Guid id, ReasonInput input, CertificateBook book, EntrustDbContext db, CancellationToken ct) =>
            Step(book.ReinstateAsync(id, input.Reason, ct), db, book, ct));
        api.MapPost("/{id:guid}/revoke", (Guid id, ReasonInput input, CertificateBook book, EntrustDbContext db, CancellationToken ct) =>
            Step(book.RevokeAsync(id, input.Reason, ct), db, book, ct));
        api.MapPost("/{id:guid}/review", (Guid id, ReviewInput input, CertificateBook book, EntrustDbContext db, CancellationToken ct) =>
            Step(book.ReviewAsync(id, input.Passed ?? true, input.Note, ct), db, book, ct));

        var settings = app.MapGroup("/api/qualification-settings").RequireAuthorization(Api.Policy).WithTags("Officers");
        settings.MapGet("", GetSettings);
        settings.MapPut("", PutSettings).RequireAuthorization(Api.CatalogueKeeper);
    }

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

    /// <summary>Expiring means within the warning period the office set for the user's district.</summary>
    public static async Task<Paged<CertificateRow>> PageAsync(EntrustDbContext db, CurrentUser user, CertificateFilter filter, DateOnly today,
        CancellationToken ct)
    {
        return await (await QueryAsync(db, user, filter, today, ct)).ToPagedAsync(filter.Page, filter.PageSize, ct);
    }

    /// <summary>Every row the filter shows, unpaged: the list's page and its export read the same query.</summary>
    public static async Task<IQueryable<CertificateRow>> QueryAsync(EntrustDbContext db, CurrentUser user, CertificateFilter filter, DateOnly today,
        CancellationToken ct)
    {
        DateOnly? by = null;
        if (filter.Expiring == true)
        {
            var settings = user.DistrictId is { } district ? await Qualification.SettingsAsync(db, district, ct) : QualificationSettings.Defaults(Guid.Empty);
            by = today.AddDays(settings.ExpiryWarningDays);
        }
        return Rows(db, filter, today, by);
    }

    public static async Task<Ok<Paged<CertificateRow>>> List([AsParameters] CertificateFilter filter, EntrustDbContext db, CurrentUser user,
        CertificateBook book, CancellationToken ct) =>
        TypedResults.Ok(await PageAsync(db, user, filter, book.Today, ct));

    public static Task<CertificateRow?> RowAsync(EntrustDbContext db, Guid id, DateOnly today, CancellationToken ct) =>
        Rows(db, new CertificateFilter(null, null, null, null, null, null, null), today, id: id).FirstOrDefaultAsync(ct);

    public static async Task<Results<Ok<CertificateRow>, NotFound>> Get(Guid id, EntrustDbContext db, CertificateBook book, CancellationToken ct) =>
        await RowAsync(db, id, book.Today, ct) is { } row ? TypedResults.Ok(row) : TypedResults.NotFound();

    public static async Task<Created<CertificateRow>> Issue(IssueInput input, CertificateBook book, EntrustDbContext db, CancellationToken ct)
    {
        var certificate = await book.IssueAsync(input, ct);
        return TypedResults.Created($"/api/certificates/{certificate.Id}", (await RowAsync(db, certificate.Id, book.Today, ct))!);
    }

    private static async Task<Results<Ok<CertificateRow>, NotFound>> Step(Task<Certificate?> step, EntrustDbContext db, CertificateBook book,
        CancellationToken ct) =>
        await step is { } c ? TypedResults.Ok((await RowAsync(db, c.Id, book.Today, ct))!) : TypedResults.NotFound();

    /// <summary>
    /// Officers in the user's scope, established and in post, with a passing score and no certificate that is neither revoked nor
    /// expired: whom the office may issue to now. The latest passing score of each.
    /// </summary>
    public static async Task<List<Candidate>> CandidatesAsync(EntrustDbContext db, DateOnly today, CancellationToken ct)
    {
        var rows = await (
                from s in db.ExamScores.AsNoTracking()
                where s.Passed
                join e in db.Exams on s.ExamId equals e.Id
                join o in db.Officers on s.OfficerId equals o.Id
                where o.Status == OfficerStatus.Active && o.StaffType == StaffType.Established
                    && !db.Certificates.Where(Certificate.HeldOnDay(today)).Any(c => c.OfficerId == o.Id)
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
            .Select(r => new Candidate(r.Id, r.Name, r.UnitName, r.ScoreId, r.ExamName, r.Score)).ToList();
    }

    /// <summary>The district's settings: the user's own, or the one the admin names.</summary>
    public static async Task<Results<Ok<QualificationSettings>, ValidationProblem>> GetSettings(Guid? district, EntrustDbContext db, CurrentUser user,
        Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if ((user.DistrictId ?? district) is not { } id)
        {
            return new FieldErrors(text).Required("DistrictId", null).ToProblem();
        }
        return TypedResults.Ok(await Qualification.SettingsAsync(db, id, ct));
    }

    public static async Task<Results<Ok<QualificationSettings>, ValidationProblem>> PutSettings(Guid? district, QualificationFields input,
        EntrustDbContext db, CurrentUser user, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if ((user.DistrictId ?? district) is not { } id || !await db.Districts.AnyAsync(d => d.Id == id, ct))
        {
            return new FieldErrors(text).Required("DistrictId", null).ToProblem();
        }
        return TypedResults.Ok(await SaveSettingsAsync(db, id, input, ct));
    }

    /// <summary>Creates the district's row the first time the office changes the seed's defaults.</summary>
    public static async Task<QualificationSettings> SaveSettingsAsync(EntrustDbContext db, Guid districtId, QualificationFields input, CancellationToken ct)
    {
        var settings = await db.QualificationSettings.FirstOrDefaultAsync(s => s.DistrictId == districtId, ct);
        if (settings is null)
        {
            settings = new QualificationSettings(districtId);
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
}
