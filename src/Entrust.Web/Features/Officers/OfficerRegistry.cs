using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Officers;

/// <summary>An officer as a form or an API body sends it: the unit is a township or a department, exactly one.</summary>
public sealed record OfficerInput(Guid? TownshipId, Guid? DepartmentId, string? Name, Gender? Gender, string? IdNumber, string? Phone,
    string? Post, StaffType? StaffType);

public sealed record OfficerRow(Guid Id, string Name, Gender Gender, string IdNumber, string Phone, string Post, StaffType StaffType,
    OfficerStatus Status, Guid? TownshipId, Guid? DepartmentId, string UnitName, string? CertificateNumber);
public sealed record OfficerDto(Guid Id, string Name, Gender Gender, string IdNumber, string Phone, string Post, StaffType StaffType,
    OfficerStatus Status, DateOnly? StatusChangedOn, string? StatusReason, Guid? TownshipId, Guid? DepartmentId, string UnitName,
    IReadOnlyList<CertificateRow> Certificates);
public sealed record OfficerFilter(Guid? Unit, OfficerStatus? Status, StaffType? StaffType, string? Q, int? Page, int? PageSize);

/// <summary>
/// Keeping the officers' register, shared by the /Officers pages and /api/officers: the list and one officer (ID numbers and
/// phones masked for all but the office), who may register whom, the district-wide uniqueness of ID numbers, transfer and
/// leaving, which revoke every certificate of the officer the same day in the same save, and the may-act question.
/// </summary>
public sealed class OfficerRegistry(EntrustDbContext db, CurrentUser user, TimeProvider clock, OfficerPowers powers,
    Audit.SecurityEvents events, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> text)
{
    public DateOnly Today => clock.TodayInChina();

    /// <summary>The office and the admin see ID numbers and phones in full; everyone else sees them masked.</summary>
    public bool RevealsPersonalData => PersonalData.RevealedTo(user);

    /// <summary>Whether the user registers officers at all: the office for its district, a township or a department for itself.</summary>
    public bool MayRegister => user.Role is Roles.Admin or Roles.Office or Roles.Township or Roles.Department;

    public bool MayManage(Officer officer) => user.Role switch
    {
        Roles.Admin or Roles.Office => true,
        Roles.Township => officer.TownshipId is { } t && t == user.TownshipId,
        Roles.Department => officer.DepartmentId is { } d && d == user.DepartmentId,
        _ => false,
    };

    /// <summary>The list's rows; every filter goes on the entity, before the projection. Unmasked: callers mask with <see cref="Masked"/>.</summary>
    private IQueryable<OfficerRow> Rows(OfficerFilter f)
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
    private OfficerRow Masked(OfficerRow row) =>
        RevealsPersonalData ? row : row with { IdNumber = IdNumbers.Mask(row.IdNumber), Phone = Phones.Mask(row.Phone) };

    /// <summary>A read that showed ID numbers and phones in full is a security event of its reader (安全审计: reads of personal data).</summary>
    private async Task<T> Read<T>(T result, int count, Guid? id, CancellationToken ct)
    {
        if (RevealsPersonalData && count > 0)
        {
            await events.RecordAsync(Audit.SecurityEvents.PersonalDataRead, user, new { Entity = nameof(Officer), Id = id, Count = count }, ct);
        }
        return result;
    }

    /// <summary>The list's orders (the console's column headers); by unit by default.</summary>
    public static readonly ListSort<OfficerRow> Sorts = new ListSort<OfficerRow>("unit")
        .By("name", r => r.Name).By("unit", r => r.UnitName).By("post", r => r.Post).By("staff", r => r.StaffType)
        .By("certificate", r => r.CertificateNumber).By("status", r => r.Status).Then(r => r.Id);

    /// <summary>A page of the list in the asked order, masked as <see cref="PageAsync(OfficerFilter, CancellationToken)"/>.</summary>
    public async Task<Paged<OfficerRow>> PageAsync(OfficerFilter filter, ListQuery list, CancellationToken ct)
    {
        var page = await Rows(filter).ToPagedAsync(list, Sorts, ct);
        return await Read(page with { Items = page.Items.Select(Masked).ToList() }, page.Items.Count, null, ct);
    }

    /// <summary>Every row the filter shows in the list's order (up to the export's limit), masked as the list masks them.</summary>
    public async Task<List<OfficerRow>> AllAsync(OfficerFilter filter, ListQuery list, CancellationToken ct)
    {
        var rows = (await Rows(filter).ForExport(list, Sorts).ToListAsync(ct)).Select(Masked).ToList();
        return await Read(rows, rows.Count, null, ct);
    }

    /// <summary>
    /// The officers the filter shows, in the list's order, masked as the list masks them, as .xlsx (<see cref="ListExport"/>): the
    /// /Officers export button and GET /api/officers/export alike.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> ExportAsync(OfficerFilter filter, ListQuery list, ListExport export, CancellationToken ct) =>
        await export.WriteAsync("Menu.Officers", null, await AllAsync(filter, list, ct), [
            new("Field.Name", o => o.Name),
            new("Field.Gender", o => text["Gender." + o.Gender].Value),
            new("Field.Unit", o => o.UnitName),
            new("Field.Post", o => o.Post),
            new("Field.StaffType", o => text["StaffType." + o.StaffType].Value),
            new("Field.IdNumber", o => o.IdNumber),
            new("Field.Phone", o => o.Phone),
            new("Field.CertificateNumber", o => o.CertificateNumber),
            new("Field.Status", o => text["OfficerStatus." + o.Status].Value),
        ], ct);

    public async Task<Paged<OfficerRow>> PageAsync(OfficerFilter filter, CancellationToken ct)
    {
        var page = await Rows(filter).ToPagedAsync(filter.Page, filter.PageSize, ct);
        return await Read(page with { Items = page.Items.Select(Masked).ToList() }, page.Items.Count, null, ct);
    }

    /// <summary>Every row the filter shows (up to the export's limit), masked as the list masks them.</summary>
    public async Task<List<OfficerRow>> AllAsync(OfficerFilter filter, CancellationToken ct)
    {
        var rows = (await Rows(filter).Take(ListExport.MaxRows).ToListAsync(ct)).Select(Masked).ToList();
        return await Read(rows, rows.Count, null, ct);
    }

    /// <summary>One officer with their unit's name and their certificates; null when out of the user's sight.</summary>
    public async Task<OfficerDto?> DetailAsync(Guid id, CancellationToken ct)
    {
        var o = await db.Officers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (o is null)
        {
            return null;
        }
        var unitName = o.TownshipId is { } t
            ? await db.Townships.IgnoreQueryFilters().Where(x => x.Id == t).Select(x => x.Name).FirstAsync(ct)
            : await db.Departments.IgnoreQueryFilters().Where(x => x.Id == o.DepartmentId).Select(x => x.Name).FirstAsync(ct);
        var certificates = await CertificateBook.Rows(db, new CertificateFilter(o.Id, null, null, null, null, null, null), Today).ToListAsync(ct);
        var reveal = RevealsPersonalData;
        return await Read(new OfficerDto(o.Id, o.Name, o.Gender, reveal ? o.IdNumber : IdNumbers.Mask(o.IdNumber), reveal ? o.Phone : Phones.Mask(o.Phone),
            o.Post, o.StaffType, o.Status, o.StatusChangedOn, o.StatusReason, o.TownshipId, o.DepartmentId, unitName, certificates), 1, o.Id, ct);
    }

    /// <summary>
    /// May the officer act on the matter in that township (their own when not given) on the day (today when not given)? Null when
    /// the officer is out of the user's sight.
    /// </summary>
    public async Task<MayActAnswer?> MayActAsync(Guid id, Guid matterId, Guid? townshipId, DateOnly? date, CancellationToken ct)
    {
        var answer = await powers.MayActAsync(id, matterId, townshipId, date ?? Today, ct);
        return answer.ReasonKey == "MayAct.OfficerNotFound" ? null : answer;
    }

    public async Task<Officer> CreateAsync(OfficerInput input, CancellationToken ct)
    {
        if (!MayRegister)
        {
            throw new ForbiddenAction();
        }
        (Guid DistrictId, OfficerUnit Unit) place;
        try
        {
            place = await UnitAsync(input, ct);
        }
        catch (RuleViolation refused)
        {
            // The unit refused with the person's own fields, all in one answer.
            RuleViolation.ThrowAll([refused, .. Officer.Problems(Fields(input))]);
            throw;
        }
        var officer = new Officer(place.DistrictId, place.Unit, Fields(input));
        await EnsureIdNumberFreeAsync(officer, ct);
        db.Officers.Add(officer);
        await db.SaveChangesAsync(ct);
        return officer;
    }

    /// <summary>
    /// Changes the person's particulars; an ID number or phone left empty stays as it is. The unit stays: moving away is a
    /// transfer, which ends the certificates. A change to a kind of staff that may not hold a certificate revokes them today.
    /// </summary>
    public async Task<Officer?> UpdateAsync(Guid id, OfficerInput input, CancellationToken ct)
    {
        var officer = await db.Officers.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (officer is null)
        {
            return null;
        }
        EnsureMayManage(officer);
        if ((input.TownshipId is { } t && t != officer.TownshipId) || (input.DepartmentId is { } d && d != officer.DepartmentId))
        {
            throw new RuleViolation("Officer.UnitFixed") { Field = input.TownshipId is not null ? "TownshipId" : "DepartmentId" };
        }
        if (!officer.IsActive)
        {
            throw RuleViolation.Conflict("Officer.NotActive", officer.Name);
        }
        // Those who see ID numbers and phones masked can't send them back: an empty one keeps what is stored.
        var couldHold = officer.MayHoldCertificate;
        officer.Update(Fields(input with
        {
            IdNumber = string.IsNullOrWhiteSpace(input.IdNumber) ? officer.IdNumber : input.IdNumber,
            Phone = string.IsNullOrWhiteSpace(input.Phone) ? officer.Phone : input.Phone,
        }));
        await EnsureIdNumberFreeAsync(officer, ct);
        if (couldHold && !officer.MayHoldCertificate)
        {
            // Only established staff hold certificates (LAW 12). The register must say what the person now is, so the change is
            // accepted and the certificates end today in the same save, the reason naming the new kind of staff.
            // Written into the record in Chinese, whatever the reader's language.
            var reason = string.Format(System.Globalization.CultureInfo.InvariantCulture, text.InChinese("Certificate.RevokedForStaffType"),
                text.InChinese("StaffType." + officer.StaffType));
            await RevokeAllAsync(officer, Today, reason, ct);
        }
        await db.SaveChangesAsync(ct);
        return officer;
    }

    /// <summary>调离: the officer leaves enforcement; every certificate ends today with the reason, and unstarted nominations end.</summary>
    public Task<Officer?> TransferAsync(Guid id, string? reason, CancellationToken ct) =>
        EndAsync(id, reason, (o, day) => o.Transfer(day, reason ?? ""), "调离", ct);

    /// <summary>离职: the officer leaves; every certificate ends today with the reason, and unstarted nominations end.</summary>
    public Task<Officer?> LeaveAsync(Guid id, string? reason, CancellationToken ct) =>
        EndAsync(id, reason, (o, day) => o.Leave(day, reason ?? ""), "离职", ct);

    private async Task<Officer?> EndAsync(Guid id, string? reason, Action<Officer, DateOnly> end, string what, CancellationToken ct)
    {
        var officer = await db.Officers.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (officer is null)
        {
            return null;
        }
        EnsureMayManage(officer);
        var today = Today;
        end(officer, today);
        await RevokeAllAsync(officer, today, $"{what}：{reason!.Trim()}", ct);
        // Off the rosters of classes not yet over where no attendance was taken for them; marks already taken stay as the record.
        var nominations = await db.Trainees.IgnoreQueryFilters()
            .Where(t => t.OfficerId == officer.Id
                && db.TrainingClasses.IgnoreQueryFilters().Any(c => c.Id == t.TrainingClassId && c.EndsOn >= today)
                && !db.Attendances.IgnoreQueryFilters().Any(a => a.TraineeId == t.Id))
            .ToListAsync(ct);
        db.Trainees.RemoveRange(nominations);
        await db.SaveChangesAsync(ct);
        return officer;
    }

    /// <summary>Every certificate the officer holds, whoever may see it: one that outlived its holder's post would still let them act.</summary>
    private async Task RevokeAllAsync(Officer officer, DateOnly today, string reason, CancellationToken ct)
    {
        var certificates = await db.Certificates.IgnoreQueryFilters()
            .Where(c => c.OfficerId == officer.Id && c.State != CertificateState.Revoked).ToListAsync(ct);
        foreach (var certificate in certificates)
        {
            certificate.Revoke(today, reason);
        }
    }

    private void EnsureMayManage(Officer officer)
    {
        if (!MayManage(officer))
        {
            throw new ForbiddenAction();
        }
    }

    /// <summary>
    /// The unit must be a township or a department of the user's district (the query filters hide the rest); a township user
    /// registers its own officers and a department user its own.
    /// </summary>
    private async Task<(Guid DistrictId, OfficerUnit Unit)> UnitAsync(OfficerInput input, CancellationToken ct)
    {
        var unit = new OfficerUnit(input.TownshipId, input.DepartmentId);
        if (!unit.IsValid)
        {
            throw new RuleViolation("Officer.UnitRequired") { Field = "TownshipId" };
        }
        if (unit.TownshipId is { } townshipId)
        {
            if (user.Role == Roles.Department || (user.Role == Roles.Township && townshipId != user.TownshipId))
            {
                throw new RuleViolation("Officer.OwnUnitOnly") { Field = "TownshipId" };
            }
            var district = await db.Townships.Where(t => t.Id == townshipId).Select(t => (Guid?)t.DistrictId).FirstOrDefaultAsync(ct)
                ?? throw new RuleViolation("Officer.UnknownUnit") { Field = "TownshipId" };
            return (district, unit);
        }
        if (user.Role == Roles.Township || (user.Role == Roles.Department && unit.DepartmentId != user.DepartmentId))
        {
            throw new RuleViolation("Officer.OwnUnitOnly") { Field = "DepartmentId" };
        }
        var departmentDistrict = await db.Departments.Where(d => d.Id == unit.DepartmentId).Select(d => (Guid?)d.DistrictId).FirstOrDefaultAsync(ct)
            ?? throw new RuleViolation("Officer.UnknownUnit") { Field = "DepartmentId" };
        return (departmentDistrict, unit);
    }

    /// <summary>An ID number names one person in a district, whichever unit registered them (the filters would hide other units').</summary>
    private async Task EnsureIdNumberFreeAsync(Officer officer, CancellationToken ct)
    {
        if (await db.Officers.IgnoreQueryFilters()
                .AnyAsync(o => o.DistrictId == officer.DistrictId && o.IdNumber == officer.IdNumber && o.Id != officer.Id, ct))
        {
            throw new RuleViolation("Officer.IdNumberTaken") { Field = "IdNumber", StatusCode = StatusCodes.Status409Conflict };
        }
    }

    private static OfficerFields Fields(OfficerInput i) => new(i.Name ?? "", i.Gender.OrUnchosen(), i.IdNumber ?? "", i.Phone ?? "",
        i.Post ?? "", i.StaffType.OrUnchosen());
}
