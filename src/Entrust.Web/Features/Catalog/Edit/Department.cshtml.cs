using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog.Edit;

public sealed class DepartmentModel(EntrustDbContext db, Catalogue catalogue, IStringLocalizer<SharedResource> text)
    : CatalogEditModel<DepartmentInput>(text, catalogue)
{
    public List<(Guid Id, string Name)> Districts { get; private set; } = [];

    protected override DepartmentInput Empty => new(null, null, null);

    protected override string ListUrl => "/Catalog/Departments";

    protected override Task<DepartmentInput?> ReadAsync(Guid id, CancellationToken ct) => db.Departments.AsNoTracking().Where(d => d.Id == id)
        .Select(d => new DepartmentInput(d.Code, d.Name, d.LegalSectionContact, null, d.LegalName)).FirstOrDefaultAsync(ct);

    protected override FieldErrors Check(FieldErrors errors, DepartmentInput input) => errors.Check(input);

    protected override async Task<(Guid Id, string Name)?> SaveAsync(Guid? id, DepartmentInput input, CancellationToken ct) =>
        (id is { } existing ? await Catalogue.UpdateDepartmentAsync(existing, input, ct) : await Catalogue.CreateDepartmentAsync(input, ct))
            is { } saved ? (saved.Id, saved.Name) : null;

    protected override Task<bool> DeleteAsync(Guid id, CancellationToken ct) => Catalogue.DeleteDepartmentAsync(id, ct);

    protected override async Task LoadAsync(CancellationToken ct) => Districts = await Catalogue.DistrictChoicesAsync(ct);
}
