namespace Entrust.Web.Features.Audit;

/// <summary>
/// One change to one record (全过程记录, 行政处罚法 Art. 47). Append-only: the interceptor refuses to change or delete an entry.
/// An entry is written in the same transaction as its change, unlinked; within a second the <see cref="AuditSealer"/> gives it
/// its <see cref="Link"/> in the chain and the hash of the entry before it, so a row changed behind the application's back
/// after that breaks the chain at that row (ADR 0006).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The entry's number, in the order entries were written (assigned by the database).</summary>
    public long Sequence { get; set; }

    /// <summary>The entry's place in the chain, from 1; null until sealed.</summary>
    public long? Link { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public Guid? DistrictId { get; set; }
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string Action { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }

    /// <summary>The hash of the entry at <see cref="Link"/> − 1 (<see cref="AuditChain.Genesis"/> for the first); null until sealed.</summary>
    public string? PreviousHash { get; set; }

    /// <summary>This entry's hash over its link, its content and <see cref="PreviousHash"/>; null until sealed.</summary>
    public string? Hash { get; set; }

    public bool IsSealed => Link is not null;
}
