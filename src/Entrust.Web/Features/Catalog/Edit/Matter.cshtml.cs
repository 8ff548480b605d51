using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog.Edit;

public sealed class MatterModel(EntrustDbContext db, Catalogue catalogue, IStringLocalizer<SharedResource> text)
    : CatalogEditModel<MatterInput>(text, catalogue)
{
    public List<(Guid Id, string Name)> Departments { get; private set; } = [];
    public List<(Guid Id, string Name)> Districts { get; private set; } = [];

    protected override MatterInput Empty => new(null, null, null, null, null, null, null, null);

    protected override string ListUrl => "/Catalog/Matters";

    protected override Task<MatterInput?> ReadAsync(Guid id, CancellationToken ct) => db.Matters.AsNoTracking().Where(m => m.Id == id)
        .Select(m => new MatterInput(m.Code, m.Name, m.DepartmentId, m.Domain, m.Kind, m.LawName, m.LawArticle, m.Entrustability, null))
        .FirstOrDefaultAsync(ct);

    protected override FieldErrors Check(FieldErrors errors, MatterInput input) => errors.Check(input);

    protected override Task CheckStoredAsync(FieldErrors errors, Guid? id, MatterInput input, CancellationToken ct) =>
        Catalogue.CheckMatterDepartmentAsync(errors, id, input, ct);

    // The flash names a matter by its code.
    protected override async Task<(Guid Id, string Name)?> SaveAsync(Guid? id, MatterInput input, CancellationToken ct) =>
        (id is { } existing ? await Catalogue.UpdateMatterAsync(existing, input, ct) : await Catalogue.CreateMatterAsync(input, ct))
            is { } saved ? (saved.Id, saved.Code) : null;

    protected override Task<bool> DeleteAsync(Guid id, CancellationToken ct) => Catalogue.DeleteMatterAsync(id, ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Departments = (await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
            .Select(d => (d.Id, d.Name)).ToList();
        Districts = await Catalogue.DistrictChoicesAsync(ct);
    }
}
