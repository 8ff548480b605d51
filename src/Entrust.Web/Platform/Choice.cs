using Entrust.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Platform;

/// <summary>An option of a select: a township or a department.</summary>
public sealed record Choice(Guid Id, string Name)
{
    /// <summary>The townships and departments the user may see, in catalogue order, for the filter bars and forms.</summary>
    public static async Task<(List<Choice> Townships, List<Choice> Departments)> PartiesAsync(EntrustDbContext db, CancellationToken ct) =>
        (await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct),
         await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new Choice(d.Id, d.Name)).ToListAsync(ct));
}
