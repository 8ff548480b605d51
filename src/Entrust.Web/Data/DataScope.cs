using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Audit;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Scope;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Data;

/// <summary>
/// Who sees which rows, in one place. Every query through <see cref="EntrustDbContext"/> is filtered
/// by the current user's district and, for department and township users, their unit. A row outside
/// the scope does not exist for that user: reading or changing it by id answers 404.
/// </summary>
public static class DataScope
{
    public static void Apply(ModelBuilder builder, EntrustDbContext db)
    {
        builder.Entity<District>().HasQueryFilter(d => db.User.AllDistricts || d.Id == db.User.DistrictId);
        builder.Entity<Department>().HasQueryFilter(d => db.User.AllDistricts || d.DistrictId == db.User.DistrictId);
        builder.Entity<Township>().HasQueryFilter(t =>
            (db.User.AllDistricts || t.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || t.Id == db.User.TownshipId));
        builder.Entity<InternalOffice>().HasQueryFilter(o =>
            (db.User.AllDistricts || o.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || o.TownshipId == db.User.TownshipId));
        // A department user sees the matters it owns; townships see their district's catalogue.
        builder.Entity<Matter>().HasQueryFilter(m =>
            (db.User.AllDistricts || m.DistrictId == db.User.DistrictId)
            && (db.User.DepartmentId == null || m.DepartmentId == db.User.DepartmentId));
        builder.Entity<CalendarDay>().HasQueryFilter(c => db.User.AllDistricts || c.DistrictId == db.User.DistrictId);
        builder.Entity<Decree>().HasQueryFilter(d => db.User.AllDistricts || d.DistrictId == db.User.DistrictId);
        builder.Entity<ScopeDecision>().HasQueryFilter(d => db.User.AllDistricts || d.DistrictId == db.User.DistrictId);
        builder.Entity<ScopeRequest>().HasQueryFilter(r =>
            (db.User.AllDistricts || r.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || r.TownshipId == db.User.TownshipId));
        // An agreement is seen by its district, its department (own column) and its township (own row).
        builder.Entity<Agreement>().HasQueryFilter(a =>
            (db.User.AllDistricts || a.DistrictId == db.User.DistrictId)
            && (db.User.DepartmentId == null || a.DepartmentId == db.User.DepartmentId)
            && (db.User.TownshipId == null || a.TownshipId == db.User.TownshipId));
        builder.Entity<AgreementMatter>().HasQueryFilter(m => db.User.AllDistricts || m.DistrictId == db.User.DistrictId);
        builder.Entity<Docking>().HasQueryFilter(d =>
            (db.User.AllDistricts || d.DistrictId == db.User.DistrictId)
            && (db.User.DepartmentId == null || d.DepartmentId == db.User.DepartmentId)
            && (db.User.TownshipId == null || d.TownshipId == db.User.TownshipId));
        builder.Entity<AuditEntry>().HasQueryFilter(a => db.User.AllDistricts || a.DistrictId == db.User.DistrictId);
    }
}
