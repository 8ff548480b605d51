using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog.Edit;

public sealed class TownshipModel(EntrustDbContext db, Catalogue catalogue, IStringLocalizer<SharedResource> text)
    : CatalogEditModel<TownshipInput>(text, catalogue)
{
    public List<(Guid Id, string Name)> Districts { get; private set; } = [];

    protected override TownshipInput Empty => new(null, null, null, false);

    protected override string ListUrl => "/Catalog/Townships";

    protected override string UnnamedField => "Code";

    protected override Task<TownshipInput?> ReadAsync(Guid id, CancellationToken ct) => db.Townships.AsNoTracking().Where(t => t.Id == id)
        .Select(t => new TownshipInput(t.Code, t.Name, t.Kind, t.IsPilot, null, t.LegalName)).FirstOrDefaultAsync(ct);

    protected override FieldErrors Check(FieldErrors errors, TownshipInput input) => errors.Check(input);

    protected override async Task<(Guid Id, string Name)?> SaveAsync(Guid? id, TownshipInput input, CancellationToken ct) =>
        (id is { } existing ? await Catalogue.UpdateTownshipAsync(existing, input, ct) : await Catalogue.CreateTownshipAsync(input, ct))
            is { } saved ? (saved.Id, saved.Name) : null;

    protected override string SavedUrl(Guid id) => $"/Catalog/Township/{id}";

    protected override Task<bool> DeleteAsync(Guid id, CancellationToken ct) => Catalogue.DeleteTownshipAsync(id, ct);

    protected override string UndeletedUrl(Guid id) => $"/Catalog/Township/{id}";

    protected override async Task LoadAsync(CancellationToken ct) => Districts = await Catalogue.DistrictChoicesAsync(ct);
}
