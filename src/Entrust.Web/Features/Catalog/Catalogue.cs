using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Catalog;

public sealed record DistrictInput(string? Code, string? Name);
public sealed record DepartmentInput(string? Code, string? Name, string? LegalSectionContact, Guid? DistrictId = null, string? LegalName = null)
    : IPlacedInDistrict;
public sealed record TownshipInput(string? Code, string? Name, TownshipKind? Kind, bool IsPilot, Guid? DistrictId = null, string? LegalName = null)
    : IPlacedInDistrict;
public sealed record OfficeInput(string? Name, string? LeaderInCharge, string? Phone);
public sealed record MatterInput(string? Code, string? Name, Guid? DepartmentId, string? Domain, MatterKind? Kind,
    string? LawName, string? LawArticle, Entrustability? Entrustability, Guid? DistrictId = null) : IPlacedInDistrict;

/// <summary>A new record of a district's catalogue: the admin names its district, an office's own is implied.</summary>
public interface IPlacedInDistrict
{
    Guid? DistrictId { get; }
}

/// <summary>
/// Keeping the catalogue: the steps that both the pages and the API take to create, change and
/// delete its records. Every read goes through the scoped DbContext, so a row out of scope is "not found".
/// </summary>
public sealed partial class Catalogue(EntrustDbContext db, CurrentUser user, ReferenceCache reference)
{
    /// <summary>The district new records belong to: the office's own; the admin names one.</summary>
    public async Task<Guid> TargetDistrictAsync(Guid? requested, CancellationToken ct) =>
        await DistrictOfNewAsync(requested, ct) ?? throw DistrictRequired;

    /// <summary>
    /// A form's check of the district it names, added to the form's other refusals so that a missing district is answered with
    /// them, not alone once they are mended.
    /// </summary>
    public async Task<FieldErrors> CheckDistrictAsync(FieldErrors errors, Guid? requested, CancellationToken ct) =>
        await DistrictOfNewAsync(requested, ct) is null ? errors.Add(DistrictRequired.Field!, DistrictRequired.MessageKey) : errors;

    /// <summary>A code already taken in the district (409), beside the code.</summary>
    private static RuleViolation DuplicateCode(string code) =>
        new("Catalogue.DuplicateCode", code) { StatusCode = StatusCodes.Status409Conflict, Field = "Code" };

    private static RuleViolation DistrictRequired => new("Catalogue.DistrictRequired") { Field = "DistrictId" };

    /// <summary>The office's own district; the one the admin names when it exists; else null.</summary>
    private async Task<Guid?> DistrictOfNewAsync(Guid? requested, CancellationToken ct) =>
        user.DistrictId ?? (requested is { } id && await db.Districts.AnyAsync(d => d.Id == id, ct) ? id : null);

    /// <summary>The districts a form offers: every district for the admin, none for users who belong to one.</summary>
    public async Task<List<(Guid Id, string Name)>> DistrictChoicesAsync(CancellationToken ct)
    {
        if (user.DistrictId is not null)
        {
            return [];
        }
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        return districts.Select(d => (d.Id, d.Name)).ToList();
    }

    public async Task<District> CreateDistrictAsync(DistrictInput input, CancellationToken ct = default)
    {
        var code = input.Code!.Trim();
        if (await db.Districts.IgnoreQueryFilters().AnyAsync(d => d.Code == code, ct))
        {
            throw DuplicateCode(code);
        }
        var district = new District(code, input.Name!.Trim());
        db.Districts.Add(district);
        await db.SaveChangesAsync(ct);
        return district;
    }

    /// <summary>Renames a district (the admin's alone); null when the caller can't see it.</summary>
    public async Task<District?> UpdateDistrictAsync(Guid id, DistrictInput input, CancellationToken ct = default)
    {
        var district = await db.Districts.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (district is null)
        {
            return null;
        }
        var code = input.Code!.Trim();
        if (await db.Districts.IgnoreQueryFilters().AnyAsync(d => d.Code == code && d.Id != id, ct))
        {
            throw DuplicateCode(code);
        }
        district.Rename(code, input.Name!.Trim());
        await db.SaveChangesAsync(ct);
        return district;
    }

    public async Task<Department> CreateDepartmentAsync(DepartmentInput input, CancellationToken ct = default)
    {
        var districtId = await TargetDistrictAsync(input.DistrictId, ct);
        await EnsureDepartmentCodeFreeAsync(districtId, input.Code!, null, ct);
        var department = new Department(districtId, input.Code!, input.Name!, input.LegalSectionContact, input.LegalName);
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct);
        return department;
    }

    public async Task<Department?> UpdateDepartmentAsync(Guid id, DepartmentInput input, CancellationToken ct = default)
    {
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (department is null)
        {
            return null;
        }
        await EnsureDepartmentCodeFreeAsync(department.DistrictId, input.Code!, id, ct);
        department.Update(input.Code!, input.Name!, input.LegalSectionContact, input.LegalName);
        await db.SaveChangesAsync(ct);
        return department;
    }

    public async Task<bool> DeleteDepartmentAsync(Guid id, CancellationToken ct = default)
    {
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (department is null)
        {
            return false;
        }
        if (await db.Matters.IgnoreQueryFilters().AnyAsync(m => m.DepartmentId == id, ct))
        {
            throw RuleViolation.Conflict("Department.InUse", department.Name);
        }
        db.Departments.Remove(department);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Township> CreateTownshipAsync(TownshipInput input, CancellationToken ct = default)
    {
        var districtId = await TargetDistrictAsync(input.DistrictId, ct);
        await EnsureTownshipCodeFreeAsync(districtId, input.Code!, null, ct);
        if (input.IsPilot)
        {
            // A new pilot township widens the scope ("两不扩大"): only a scope decision makes one.
            throw new RuleViolation("Scope.DecisionRequiredForPilot", input.Name!.Trim()) { Field = "IsPilot" };
        }
        var township = new Township(districtId, input.Code!, input.Name!, input.Kind!.Value, input.IsPilot, input.LegalName);
        db.Townships.Add(township);
        await db.SaveChangesAsync(ct);
        return township;
    }

    public async Task<Township?> UpdateTownshipAsync(Guid id, TownshipInput input, CancellationToken ct = default)
    {
        var township = await db.Townships.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (township is null)
        {
            return null;
        }
        await EnsureTownshipCodeFreeAsync(township.DistrictId, input.Code!, id, ct);
        township.Update(input.Code!, input.Name!, input.Kind!.Value, input.IsPilot, input.LegalName);
        await db.SaveChangesAsync(ct);
        return township;
    }

    public async Task<bool> DeleteTownshipAsync(Guid id, CancellationToken ct = default)
    {
        var township = await db.Townships.Include(t => t.Offices).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (township is null)
        {
            return false;
        }
        if (township.Offices.Count > 0)
        {
            throw RuleViolation.Conflict("Township.HasOffices", township.Name);
        }
        db.Townships.Remove(township);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<InternalOffice?> AddOfficeAsync(Guid townshipId, OfficeInput input, CancellationToken ct = default)
    {
        var township = await db.Townships.FirstOrDefaultAsync(t => t.Id == townshipId, ct);
        if (township is null)
        {
            return null;
        }
        var name = input.Name!.Trim();
        if (await db.InternalOffices.AnyAsync(o => o.TownshipId == townshipId && o.Name == name, ct))
        {
            throw RuleViolation.Conflict("Office.Duplicate", name);
        }
        var office = new InternalOffice(township, name, input.LeaderInCharge, input.Phone);
        db.InternalOffices.Add(office);
        await db.SaveChangesAsync(ct);
        return office;
    }

    public async Task<Matter> CreateMatterAsync(MatterInput input, CancellationToken ct = default)
    {
        var districtId = await TargetDistrictAsync(input.DistrictId, ct);
        var fields = await FieldsAsync(districtId, input, ct);
        await EnsureMatterCodeFreeAsync(districtId, fields.Code, null, ct);
        var matter = new Matter(districtId, fields);
        db.Matters.Add(matter);
        await db.SaveChangesAsync(ct);
        return matter;
    }

    public async Task<Matter?> UpdateMatterAsync(Guid id, MatterInput input, CancellationToken ct = default)
    {
        var matter = await db.Matters.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (matter is null)
        {
            return null;
        }
        var fields = await FieldsAsync(matter.DistrictId, input, ct);
        await EnsureMatterCodeFreeAsync(matter.DistrictId, fields.Code, id, ct);
        Matter.EnsureNotWidened(matter, fields);
        matter.Update(fields);
        await db.SaveChangesAsync(ct);
        return matter;
    }

    public async Task<bool> DeleteMatterAsync(Guid id, CancellationToken ct = default)
    {
        var matter = await db.Matters.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (matter is null)
        {
            return false;
        }
        db.Matters.Remove(matter);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// A form's check of a matter's department (one of the matter's district: the one it is in, or the new one's), added to the
    /// form's other refusals so that it is answered with them. A department not chosen, or a district not known yet, is answered
    /// by its own refusal (or the matter out of sight by 404).
    /// </summary>
    public async Task<FieldErrors> CheckMatterDepartmentAsync(FieldErrors errors, Guid? id, MatterInput input, CancellationToken ct)
    {
        var districtId = id is { } existing
            ? await db.Matters.Where(m => m.Id == existing).Select(m => (Guid?)m.DistrictId).FirstOrDefaultAsync(ct)
            : await DistrictOfNewAsync(input.DistrictId, ct);
        return input.DepartmentId is not null && districtId is { } district && await ForeignDepartmentAsync(district, input, ct) is { } refused
            ? errors.Add(refused)
            : errors;
    }

    private async Task<RuleViolation?> ForeignDepartmentAsync(Guid districtId, MatterInput input, CancellationToken ct)
    {
        var departmentId = input.DepartmentId ?? Guid.Empty;
        return await db.Departments.AnyAsync(d => d.Id == departmentId && d.DistrictId == districtId, ct)
            ? null
            : new RuleViolation("Matter.UnknownDepartment", input.DepartmentId?.ToString() ?? "") { Field = "DepartmentId" };
    }

    private async Task<MatterFields> FieldsAsync(Guid districtId, MatterInput input, CancellationToken ct)
    {
        RuleViolation.ThrowAll([await ForeignDepartmentAsync(districtId, input, ct)]);
        var departmentId = input.DepartmentId!.Value;
        var domain = Domains.Find(input.Domain ?? "")?.Code ?? input.Domain ?? "";
        return new MatterFields(departmentId, input.Code!, input.Name!, domain, input.Kind!.Value, input.LawName ?? "", input.LawArticle ?? "", input.Entrustability!.Value);
    }

    private async Task EnsureDepartmentCodeFreeAsync(Guid districtId, string code, Guid? except, CancellationToken ct)
    {
        code = code.Trim();
        if (await db.Departments.IgnoreQueryFilters().AnyAsync(d => d.DistrictId == districtId && d.Code == code && d.Id != except, ct))
        {
            throw DuplicateCode(code);
        }
    }

    private async Task EnsureTownshipCodeFreeAsync(Guid districtId, string code, Guid? except, CancellationToken ct)
    {
        code = code.Trim();
        if (await db.Townships.IgnoreQueryFilters().AnyAsync(t => t.DistrictId == districtId && t.Code == code && t.Id != except, ct))
        {
            throw DuplicateCode(code);
        }
    }

    private async Task EnsureMatterCodeFreeAsync(Guid districtId, string code, Guid? except, CancellationToken ct)
    {
        code = code.Trim();
        if (await db.Matters.IgnoreQueryFilters().AnyAsync(m => m.DistrictId == districtId && m.Code == code && m.Id != except, ct))
        {
            throw DuplicateCode(code);
        }
    }
}
