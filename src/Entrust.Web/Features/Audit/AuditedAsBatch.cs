namespace Entrust.Web.Features.Audit;

/// <summary>
/// A record that keeps, with its own audit entry, a hash over a batch of rows written in the same save (a random draw's
/// hash over its assignments, re-checked by its verify action).
/// </summary>
public interface IBatchRecord;

/// <summary>
/// A row of such a batch: added in the same save as an <see cref="IBatchRecord"/>, it gets no audit entry of its own (5,000
/// assignments of a draw would write 5,000 entries); any later change to it is audited as usual.
/// </summary>
public interface IBatchRow;

/// <summary>
/// Not a record of anyone's work but what the platform keeps for itself, rebuilt from the records (cache versions, kept figures):
/// never written into the audit trail.
/// </summary>
public interface INotAudited;
