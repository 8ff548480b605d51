namespace Entrust.Web.Features.Audit;

/// <summary>
/// One change to one record (全过程记录, 行政处罚法 Art. 47). Append-only: the interceptor refuses to
/// change or delete an entry, and each entry holds the hash of the one before it, so a row changed
/// behind the application's back breaks the chain at that row.
/// </summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public Guid? DistrictId { get; set; }
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string Action { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
