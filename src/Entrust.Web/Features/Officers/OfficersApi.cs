using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Officers;

/// <summary>/api/officers: the register, transfer and leaving, and the may-act question.</summary>
public static class OfficersApi
{
    public sealed record OfficerRow(Guid Id, string Name, Gender Gender, string IdNumber, string Phone, string Post, StaffType StaffType,
        OfficerStatus Status, Guid? TownshipId, Guid? DepartmentId, string UnitName, string? CertificateNumber);
    public sealed record OfficerDto(Guid Id, string Name, Gender Gender, string IdNumber, string Phone, string Post, StaffType StaffType,
        OfficerStatus Status, DateOnly? StatusChangedOn, string? StatusReason, Guid? TownshipId, Guid? DepartmentId, string UnitName,
        IReadOnlyList<CertificatesApi.CertificateRow> Certificates);
    public sealed record OfficerFilter(Guid? Unit, OfficerStatus? Status, StaffType? StaffType, string? Q, int? Page, int? PageSize);
    public sealed record EndInput(string? Reason);
    public sealed record MayActResult(bool MayAct, string? Reason, string? Message);

    public static void MapOfficersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/officers").RequireAuthorization(Api.Policy).WithTags("Officers");
        api.MapGet("", List);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Create);
        api.MapPut("/{id:guid}", Update);
        api.MapPost("/{id:guid}/transfer", (Guid id, EndInput input, OfficerRegistry registry, EntrustDbContext db, CancellationToken ct) =>
            Step(registry.TransferAsync(id, input.Reason, ct), db, registry, ct));
        api.MapPost("/{id:guid}/leave", (Guid id, EndInput input, OfficerRegistry registry, EntrustDbContext db, CancellationToken ct) =>
            Step(registry.LeaveAsync(id, input.Reason, ct), db, registry, ct));
        api.MapGet("/{id:guid}/may-act", MayActCheck);
    }

    /// <summary>The list's rows; every filter goes on the entity, before the projection.</summary>
    public static IQueryable<OfficerRow> Rows(EntrustDbContext db, OfficerFilter f)
    {
        var officers = db.Officers.AsNoTracking();
        if (f.Unit is { } unit)
        {
            officers = officers.Where(o => o.TownshipId == unit || o.DepartmentId == unit);
        }
        if (f.Status is { } status)
        {
            officers = officers.Where(o => o.Status == status);
        }
        if (f.StaffType is { } staffType)
        {
            officers = officers.Where(o => o.StaffType == staffType);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            officers = officers.Where(o => o.Name.Contains(q) || o.Post.Contains(q));
        }
        return from o in officers
               join town in db.Townships on o.TownshipId equals town.Id into towns
               from town in towns.DefaultIfEmpty()
               join dep in db.Departments on o.DepartmentId equals dep.Id into deps
               from dep in deps.DefaultIfEmpty()
               orderby town == null, town!.Code, dep!.Code, o.Status, o.Name
               select new OfficerRow(o.Id, o.Name, o.Gender, o.IdNumber, o.Phone, o.Post, o.StaffType, o.Status, o.TownshipId, o.DepartmentId,
                   town != null ? town.Name : dep != null ? dep.Name : "",
                   db.Certificates.Where(c => c.OfficerId == o.Id && c.State != CertificateState.Revoked)
                       .OrderByDescending(c => c.IssuedOn).Select(c => c.Number).FirstOrDefault());
    }

    /// <summary>ID numbers and phones in full for the office and the admin, masked (5001**********1234, 138****1234) for the rest.</summary>
    public static OfficerRow Masked(this OfficerRow row, bool reveal) =>
        reveal ? row : row with { IdNumber = IdNumbers.Mask(row.IdNumber), Phone = Phones.Mask(row.Phone) };

    public static async Task<Paged<OfficerRow>> PageAsync(EntrustDbContext db, OfficerRegistry registry, OfficerFilter filter, CancellationToken ct)
    {
        var page = await Rows(db, filter).ToPagedAsync(filter.Page, filter.PageSize, ct);
        return page with { Items = page.Items.Select(r => r.Masked(registry.RevealsPersonalData)).ToList() };
    }

    public static async Task<Ok<Paged<OfficerRow>>> List([AsParameters] OfficerFilter filter, EntrustDbContext db, OfficerRegistry registry,
        CancellationToken ct) =>
        TypedResults.Ok(await PageAsync(db, registry, filter, ct));

    public static async Task<OfficerDto?> DetailAsync(EntrustDbContext db, OfficerRegistry registry, Guid id, DateOnly today, CancellationToken ct)
    {
        var o = await db.Officers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (o is null)
        {
            return null;
        }
        var unitName = o.TownshipId is { } t
            ? await db.Townships.IgnoreQueryFilters().Where(x => x.Id == t).Select(x => x.Name).FirstAsync(ct)
            : await db.Departments.IgnoreQueryFilters().Where(x => x.Id == o.DepartmentId).Select(x => x.Name).FirstAsync(ct);
        var certificates = await CertificatesApi.Rows(db, new CertificatesApi.CertificateFilter(o.Id, null, null, null, null, null, null), today)
            .ToListAsync(ct);
        var reveal = registry.RevealsPersonalData;
        return new OfficerDto(o.Id, o.Name, o.Gender, reveal ? o.IdNumber : IdNumbers.Mask(o.IdNumber), reveal ? o.Phone : Phones.Mask(o.Phone),
            o.Post, o.StaffType, o.Status, o.StatusChangedOn, o.StatusReason, o.TownshipId, o.DepartmentId, unitName, certificates);
    }

    public static async Task<Results<Ok<OfficerDto>, NotFound>> Get(Guid id, EntrustDbContext db, OfficerRegistry registry, CancellationToken ct) =>
        await DetailAsync(db, registry, id, registry.Today, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    public static async Task<Created<OfficerDto>> Create(OfficerInput input, OfficerRegistry registry, EntrustDbContext db, CancellationToken ct)
    {
        var officer = await registry.CreateAsync(input, ct);
        return TypedResults.Created($"/api/officers/{officer.Id}", (await DetailAsync(db, registry, officer.Id, registry.Today, ct))!);
    }

    public static Task<Results<Ok<OfficerDto>, NotFound>> Update(Guid id, OfficerInput input, OfficerRegistry registry, EntrustDbContext db,
        CancellationToken ct) =>
        Step(registry.UpdateAsync(id, input, ct), db, registry, ct);

    private static async Task<Results<Ok<OfficerDto>, NotFound>> Step(Task<Officer?> step, EntrustDbContext db, OfficerRegistry registry,
        CancellationToken ct) =>
        await step is { } o ? TypedResults.Ok((await DetailAsync(db, registry, o.Id, registry.Today, ct))!) : TypedResults.NotFound();

    /// <summary>
    /// GET /api/officers/{id}/may-act?matter=&amp;township=&amp;date=: may the officer act on the matter in that township (their own
    /// when not given) that day? The officer must be in the user's scope (else 404).
    /// </summary>
    public static async Task<Results<Ok<MayActResult>, NotFound, ValidationProblem>> MayActCheck(Guid id, Guid? matter, Guid? township,
        DateOnly? date, OfficerPowers powers, OfficerRegistry registry, EntrustDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Required("MatterId", matter?.ToString());
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var answer = await powers.MayActAsync(id, matter!.Value, township, date ?? registry.Today, ct);
        if (answer.ReasonKey == "MayAct.OfficerNotFound")
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new MayActResult(answer.MayAct, answer.ReasonKey, answer.Message(text)));
    }
}
