using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.RandomInspections;

/// <summary>
/// One entry of the published random-inspection item list (随机抽查事项清单, LAW 26; 国办发〔2015〕58号): a matter that may be
/// inspected at random, with the basis of the inspection (抽查依据) and what is inspected (抽查内容). The office lists any matter of
/// its district, a department its own matters. An entry is a draft until the list is published; from its publication day it
/// is public and plans may be made on its matter. Removing an entry deletes it (the trail keeps it); plans already drawn stand.
/// </summary>
public sealed class InspectionItem
{
    public const int BasisLength = 300;
    public const int ContentLength = 500;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }

    /// <summary>The department that owns the matter (its users keep the entry; the office keeps every one).</summary>
    public Guid DepartmentId { get; private set; }
    public Guid MatterId { get; private set; }
    public string Basis { get; private set; } = "";
    public string Content { get; private set; } = "";
    public DateOnly? PublishedOn { get; private set; }
    public string? PublishedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    private InspectionItem() { }

    /// <summary>
    /// A new entry for <paramref name="matter"/>. A coercive measure (行政强制措施) is no inspection: it is never listed (LAW 7, 26).
    /// </summary>
    public InspectionItem(Matter matter, string? basis, string? content, DateTimeOffset createdAt, string createdBy)
    {
        EnsureMayBeListed(matter.Kind, matter.Code);
        foreach (var (field, key, args) in Problems(basis, content))
        {
            throw new RuleViolation(key, args) { Field = field };
        }
        DistrictId = matter.DistrictId;
        DepartmentId = matter.DepartmentId;
        MatterId = matter.Id;
        Basis = basis!.Trim();
        Content = content!.Trim();
        CreatedAt = createdAt.ToUniversalTime();
        CreatedBy = createdBy;
    }

    /// <summary>Published: public, and plans may be made on the matter from that day.</summary>
    public bool ListedOn(DateOnly day) => PublishedOn is { } on && on <= day;

    /// <summary><see cref="ListedOn"/> for the database (the public list and the plan check filter with it).</summary>
    public static System.Linq.Expressions.Expression<Func<InspectionItem, bool>> ListedOnDay(DateOnly day) =>
        i => i.PublishedOn != null && i.PublishedOn <= day;

    /// <summary>Publishes a draft entry on <paramref name="on"/>; an entry already published keeps its day.</summary>
    public void Publish(DateOnly on, string by)
    {
        if (PublishedOn is not null)
        {
            return;
        }
        PublishedOn = on;
        PublishedBy = by;
    }

    /// <summary>Refused for a coercive measure, naming the rule: random inspection is inspection, a coercive measure is not.</summary>
    public static void EnsureMayBeListed(MatterKind kind, string matterCode)
    {
        if (kind == MatterKind.Coercive)
        {
            throw new RuleViolation("InspectionItem.Coercive", matterCode) { Field = "MatterId" };
        }
    }

    public static IEnumerable<(string Field, string Key, object[] Arguments)> Problems(string? basis, string? content)
    {
        if (string.IsNullOrWhiteSpace(basis))
        {
            yield return ("Basis", "Validation.Required", [new Text("Field.Basis")]);
        }
        else if (basis.Trim().Length > BasisLength)
        {
            yield return ("Basis", "Validation.TooLong", [new Text("Field.Basis"), BasisLength]);
        }
        if (string.IsNullOrWhiteSpace(content))
        {
            yield return ("Content", "Validation.Required", [new Text("Field.Content")]);
        }
        else if (content.Trim().Length > ContentLength)
        {
            yield return ("Content", "Validation.TooLong", [new Text("Field.Content"), ContentLength]);
        }
    }
}
