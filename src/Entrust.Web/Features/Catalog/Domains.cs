namespace Entrust.Web.Features.Catalog;

/// <summary>
/// Enforcement domains (执法领域). A fixed list: certificates, coverage and the matter catalogue all
/// key on these codes, so an unknown domain is a data error, not a new category.
/// </summary>
public static class Domains
{
    public sealed record Domain(string Code, string NameZh, string NameEn);

    public static readonly IReadOnlyList<Domain> All =
    [
        new("family-planning", "计划生育", "Family planning"),
        new("forestry", "林业", "Forestry"),
        new("environment", "环境保护", "Environmental protection"),
        new("work-safety", "安全生产", "Work safety"),
        new("food-hygiene", "食品卫生", "Food hygiene"),
        new("road-traffic", "道路交通", "Road traffic"),
        new("drugs", "药品监管", "Drug regulation"),
        new("public-health", "公共卫生", "Public health"),
        new("agriculture", "农业", "Agriculture"),
        new("land", "国土资源", "Land and resources"),
        new("water", "水利", "Water resources"),
        new("culture", "文化市场", "Cultural market"),
        new("construction", "城乡建设", "Urban and rural construction"),
        new("commerce", "工商管理", "Business regulation"),
        new("public-security", "治安消防", "Public security and fire"),
        new("municipal", "市政管理", "Municipal administration"),
    ];

    private static readonly Dictionary<string, Domain> ByCode = All.ToDictionary(d => d.Code);
    private static readonly Dictionary<string, Domain> ByZhName = All.ToDictionary(d => d.NameZh);

    public static bool IsKnown(string code) => ByCode.ContainsKey(code);

    public static Domain? Find(string codeOrName) =>
        ByCode.GetValueOrDefault(codeOrName.Trim()) ?? ByZhName.GetValueOrDefault(codeOrName.Trim())
        ?? All.FirstOrDefault(d => string.Equals(d.NameEn, codeOrName.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Name(string code) =>
        ByCode.TryGetValue(code, out var d) ? (Platform.Cultures.IsEnglish ? d.NameEn : d.NameZh) : code;
}
