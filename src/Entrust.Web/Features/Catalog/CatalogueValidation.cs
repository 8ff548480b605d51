using Entrust.Web.Platform;

namespace Entrust.Web.Features.Catalog;

/// <summary>Field checks for catalogue forms, shared by the pages and the API.</summary>
public static class CatalogueValidation
{
    public static FieldErrors Check(this FieldErrors e, DistrictInput i) => e.Required("Code", i.Code, 32).Required("Name", i.Name, 100);

    public static FieldErrors Check(this FieldErrors e, DepartmentInput i) => e
        .Required("Code", i.Code, 32).Required("Name", i.Name, 100).Optional("LegalSectionContact", i.LegalSectionContact)
        .Optional("LegalName", i.LegalName, Department.LegalNameLength);

    public static FieldErrors Check(this FieldErrors e, TownshipInput i)
    {
        e.Required("Code", i.Code, 32).Required("Name", i.Name, 100).Optional("LegalName", i.LegalName, Township.LegalNameLength);
        return e.Chosen("Kind", i.Kind);
    }

    public static FieldErrors Check(this FieldErrors e, OfficeInput i) => e
        .Required("Name", i.Name, 100).Optional("LeaderInCharge", i.LeaderInCharge, 50).Optional("Phone", i.Phone, 30);

    public static FieldErrors Check(this FieldErrors e, MatterInput i)
    {
        e.Required("Code", i.Code, 64).Required("Name", i.Name, 200)
            .Required("LawName", i.LawName, 200).Required("LawArticle", i.LawArticle, 100).Required("Domain", i.Domain, 32);
        e.Required("DepartmentId", i.DepartmentId?.ToString());
        if (!string.IsNullOrWhiteSpace(i.Domain) && Domains.Find(i.Domain) is null)
        {
            e.Add("Domain", "Matter.UnknownDomain", i.Domain);
        }
        e.Chosen("Kind", i.Kind).Chosen("Entrustability", i.Entrustability);
        if (i.Kind == MatterKind.Coercive && i.Entrustability is { } entrusted && entrusted != Entrustability.NotEntrusted)
        {
            e.Add("Entrustability", "Matter.CoerciveNotEntrustable", i.Code ?? "");
        }
        return e;
    }
}
