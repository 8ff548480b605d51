using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Officers;

/// <summary>An officer as a form or an API body sends it: the unit is a township or a department, exactly one.</summary>
public sealed record OfficerInput(Guid? TownshipId, Guid? DepartmentId, string? Name, Gender? Gender, string? IdNumber, string? Phone,
    string? Post, StaffType? StaffType);

/// <summary>
/// Keeping the officers' register, shared by the pages and the API: who may register whom, the district-wide uniqueness of
/// ID numbers, and transfer and leaving, which revoke every certificate of the officer the same day in the same save.
/// </summary>
public sealed class OfficerRegistry(EntrustDbContext db, CurrentUser user, TimeProvider clock)
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

    public async Task<Officer> CreateAsync(OfficerInput input, CancellationToken ct)
    {
        if (!MayRegister)
        {
            throw new ForbiddenAction();
        }
        var (districtId, unit) = await UnitAsync(input, ct);
        var officer = new Officer(districtId, unit, Fields(input));
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
            var kind = officer.StaffType == StaffType.Contract ? "合同制/聘用人员" : "协管员/辅助人员";
            await RevokeAllAsync(officer, Today, $"用工性质变更为{kind}，不再具备持证资格", ct);
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

    // A missing choice reaches the domain as an undefined value, which it refuses like any other invalid one.
    private static OfficerFields Fields(OfficerInput i) => new(i.Name ?? "", i.Gender ?? (Gender)(-1), i.IdNumber ?? "", i.Phone ?? "",
        i.Post ?? "", i.StaffType ?? (StaffType)(-1));
}
