using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog.Edit;

/// <summary>Adds or renames a district: the admin alone, who stands above the districts (the office only reads its own).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class DistrictModel(EntrustDbContext db, Catalogue catalogue, IStringLocalizer<SharedResource> text)
    : CatalogEditModel<DistrictInput>(text, catalogue)
{
    protected override DistrictInput Empty => new(null, null);

    protected override string ListUrl => "/Catalog/Districts";

    protected override string UnnamedField => "Code";

    protected override Task<DistrictInput?> ReadAsync(Guid id, CancellationToken ct) => db.Districts.AsNoTracking().Where(d => d.Id == id)
        .Select(d => new DistrictInput(d.Code, d.Name)).FirstOrDefaultAsync(ct);

    protected override FieldErrors Check(FieldErrors errors, DistrictInput input) => errors.Check(input);

    protected override async Task<(Guid Id, string Name)?> SaveAsync(Guid? id, DistrictInput input, CancellationToken ct) =>
        (id is { } existing ? await Catalogue.UpdateDistrictAsync(existing, input, ct) : await Catalogue.CreateDistrictAsync(input, ct))
            is { } saved ? (saved.Id, saved.Name) : null;
}
