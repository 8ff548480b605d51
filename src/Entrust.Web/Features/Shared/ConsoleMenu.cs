using System.Collections.Concurrent;
using System.Security.Claims;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing.Template;

namespace Entrust.Web.Features.Shared;

/// <summary>An entry of the left menu: its id (<c>data-menu</c>), label key, address, the menu group it sits in and, where it
/// differs, the label and address an officer has (我的检查: what he recorded today).</summary>
public sealed record MenuEntry(string Id, string Label, string Href, string Group, string? OfficerLabel = null, string? OfficerHref = null)
{
    /// <summary>The address without its query, which the page's route and the active highlight are matched on.</summary>
    public string Path => Href.Split('?')[0];
}

public sealed record MenuGroup(string Label, IReadOnlyList<MenuEntry> Entries);

/// <summary>The menu a user sees, and the breadcrumb of the page being shown.</summary>
public sealed record MenuView(IReadOnlyList<MenuGroup> Groups, MenuEntry? Active, string? ActiveGroup);

/// <summary>
/// The console's left menu. <see cref="Entries"/> lists every entry once (a new page adds one line there, naming its group);
/// <see cref="GroupOrder"/> arranges the groups for each role's work, and <see cref="WorkFirst"/> pulls a role's daily entries
/// to the top. Whether a user sees an entry is never decided here: the menu finds the page its address opens and evaluates
/// that page's own authorization (the conventions and policies of <see cref="PageAccess"/>), so an entry shows exactly when
/// the page would open. Only addresses that are not pages (the API reference) say who sees them.
/// </summary>
public sealed class ConsoleMenu(EndpointDataSource endpoints, IAuthorizationPolicyProvider policies, IAuthorizationService authorization)
{
    public const string Work = "Menu.Work";
    public const string Catalogue = "Menu.Catalogue";
    public const string Entrustment = "Menu.Entrustment";
    public const string Qualification = "Menu.Qualification";
    public const string Inspection = "Menu.Inspection";
    public const string CaseWork = "Menu.CaseWork";
    public const string Supervision = "Menu.Supervision";
    public const string System = "Menu.System";
    public const string Help = "Menu.Help";

    /// <summary>Every entry, once. Add a page's entry here: <c>new("reports", "Menu.Reports", "/Reports", Supervision),</c></summary>
    public static readonly IReadOnlyList<MenuEntry> Entries =
    [
        new("record", "Menu.RecordInspection", "/Inspections/Record", Inspection),
        new("inspections", "Menu.Inspections", "/Inspections", Inspection, "Menu.MyInspections", "/Inspections?mine=true"),
        new("rectifications", "Menu.Rectifications", "/Rectifications", Inspection),
        new("targets", "Menu.Targets", "/Targets", Inspection),
        new("campaigns", "Menu.Campaigns", "/Campaigns", Inspection),
        new("random-plans", "Menu.RandomPlans", "/RandomPlans", Inspection),
        new("gaps", "Menu.Gaps", "/Gaps", Inspection),
        new("notifications", "Notifications.Title", "/Notifications", Inspection),
        new("simulate", "Simulation.Open", "/Gaps/Simulate", Entrustment),
        new("cases", "Menu.Cases", "/Cases", CaseWork, OfficerLabel: "Menu.MyCases"),
        new("case-deadlines", "Menu.CaseDeadlines", "/Cases/Deadlines", CaseWork),
        new("case-settings", "Menu.CaseSettings", "/Cases/Settings", CaseWork),
        new("agreements", "Menu.Agreements", "/Agreements", Entrustment),
        new("matrix", "Menu.Matrix", "/Agreements/Matrix", Entrustment),
        new("docking", "Menu.Docking", "/Agreements/Docking", Entrustment),
        new("scope", "Menu.Scope", "/Scope", Entrustment),
        new("officers", "Menu.Officers", "/Officers", Qualification),
        new("training", "Menu.Training", "/Training", Qualification),
        new("exams", "Menu.Exams", "/Exams", Qualification),
        new("certificates", "Menu.Certificates", "/Certificates", Qualification),
        new("coverage", "Menu.Coverage", "/Coverage", Qualification),
        new("districts", "Menu.Districts", "/Catalog/Districts", Catalogue),
        new("matters", "Menu.Matters", "/Catalog/Matters", Catalogue),
        new("departments", "Menu.Departments", "/Catalog/Departments", Catalogue),
        new("townships", "Menu.Townships", "/Catalog/Townships", Catalogue),
        new("holidays", "Menu.Holidays", "/Catalog/Holidays", Catalogue),
        new("reports", "Menu.Reports", "/Reports", Supervision),
        new("report-rollup", "Menu.ReportRollup", "/Reports/Rollup", Supervision),
        new("statistics", "Menu.Statistics", "/Reports/Statistics", Supervision),
        new("report-settings", "Menu.ReportSettings", "/Reports/Settings", Supervision),
        new("meetings", "Menu.Meetings", "/Meetings", Supervision),
        new("meeting-settings", "Menu.MeetingSettings", "/Meetings/Settings", Supervision),
        new("assessment", "Menu.Assessment", "/Assessment", Supervision),
        new("erroneous-cases", "Menu.ErroneousCases", "/Assessment/ErroneousCases", Supervision),
        new("file-reviews", "Menu.FileReviews", "/Assessment/FileReviews", Supervision),
        new("accountability", "Menu.Accountability", "/Assessment/Accountability", Supervision),
        new("audit", "Menu.Audit", "/Audit", Supervision),
        new("users", "Menu.Users", "/Admin/Users", System),
        new("security-settings", "Menu.SecuritySettings", "/Admin/Security", System),
        new("api", "Menu.Api", "/api-reference", Help),
    ];

    /// <summary>Pages a menu entry also stands for in the highlight and the breadcrumb (edit forms under another address).</summary>
    private static readonly Dictionary<string, string[]> Covers = new()
    {
        ["districts"] = ["/Catalog/District"],
        ["matters"] = ["/Catalog/Edit/Matter", "/Catalog/Edit/Import"],
        ["departments"] = ["/Catalog/Department"],
        ["townships"] = ["/Catalog/Township"],
        ["users"] = ["/Admin/User"],
        ["assessment"] = ["/Assessment/Result"],
    };

    /// <summary>Addresses that are not console pages, and who sees them: the API reference is for the admin.</summary>
    private static readonly Dictionary<string, Func<CurrentUser, bool>> NotPages = new()
    {
        ["/api-reference"] = user => user.Role == Roles.Admin,
    };

    /// <summary>The groups in the order of each role's work; a group not named comes after, in the order of <see cref="Entries"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> GroupOrder = new Dictionary<string, string[]>
    {
        [Roles.Officer] = [Work, Inspection, CaseWork, Qualification],
        [Roles.Township] = [Work, Inspection, CaseWork, Entrustment, Qualification],
        [Roles.Department] = [Work, Entrustment, Inspection, CaseWork, Qualification],
        [Roles.Office] = [Work, Entrustment, Qualification, Inspection, CaseWork, Supervision, Catalogue, System],
        [Roles.Auditor] = [Work, Supervision, CaseWork, Inspection, Entrustment, Qualification],
        [Roles.Admin] = [System, Catalogue, Entrustment, Qualification, Inspection, CaseWork, Supervision, Help],
    };

    /// <summary>A role's daily entries, first on its menu (我的工作), in this order.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> WorkFirst = new Dictionary<string, string[]>
    {
        [Roles.Officer] = ["record", "inspections", "cases", "my-certificate"],
        [Roles.Township] = ["record", "inspections", "rectifications", "cases", "case-deadlines", "gaps"],
        [Roles.Department] = ["agreements", "inspections", "cases", "case-deadlines", "gaps"],
        [Roles.Office] = ["agreements", "gaps", "case-deadlines", "coverage"],
        [Roles.Auditor] = ["audit", "cases", "agreements"],
    };

    private static readonly ConcurrentDictionary<string, Endpoint?> PageOf = new();

    /// <summary>The entries <paramref name="principal"/> may open, grouped for its role, and the entry the path belongs to.</summary>
    public async Task<MenuView> ForAsync(ClaimsPrincipal principal, string path)
    {
        var user = CurrentUser.FromPrincipal(principal);
        var entries = new List<MenuEntry>(Entries);
        if (user.Role == Roles.Officer && user.OfficerId is { } officer)
        {
            entries.Add(new("my-certificate", "Menu.MyCertificate", $"/Officers/Detail?id={officer}", Qualification));
        }
        var visible = new List<MenuEntry>();
        foreach (var entry in entries)
        {
            if (await MayOpenAsync(principal, user, entry.Path))
            {
                visible.Add(user.Role == Roles.Officer && entry.OfficerLabel is { } mine
                    ? entry with { Label = mine, Href = entry.OfficerHref ?? entry.Href }
                    : entry);
            }
        }
        var work = WorkFirst.GetValueOrDefault(user.Role ?? "", []);
        var placed = visible.Select(e => work.Contains(e.Id) ? e with { Group = Work } : e).ToList();
        var order = GroupOrder.GetValueOrDefault(user.Role ?? "", []);
        var groups = placed
            .GroupBy(e => e.Group)
            .OrderBy(g => Array.IndexOf(order, g.Key) is var i && i >= 0 ? i : order.Length + placed.FindIndex(e => e.Group == g.Key))
            .Select(g => new MenuGroup(g.Key, g.Key == Work ? [.. g.OrderBy(e => Array.IndexOf(work, e.Id))] : [.. g]))
            .ToList();
        var active = placed
            .SelectMany(e => Covers.GetValueOrDefault(e.Id, []).Prepend(e.Path).Select(prefix => (Entry: e, Prefix: prefix)))
            .Where(x => x.Prefix != "/" && path.StartsWith(x.Prefix, StringComparison.OrdinalIgnoreCase)
                && (path.Length == x.Prefix.Length || path[x.Prefix.Length] is '/' || x.Prefix.Length > 1 && Covers.ContainsKey(x.Entry.Id)))
            .OrderByDescending(x => x.Prefix.Length)
            .Select(x => x.Entry)
            .FirstOrDefault();
        return new MenuView(groups, active, active?.Group);
    }

    /// <summary>Would the page at <paramref name="path"/> open for this user? Its endpoint's own authorization answers.</summary>
    public async Task<bool> MayOpenAsync(ClaimsPrincipal principal, CurrentUser user, string path)
    {
        if (NotPages.TryGetValue(path, out var shows))
        {
            return shows(user);
        }
        var endpoint = PageOf.GetOrAdd(path, Find);
        if (endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return endpoint is not null;
        }
        var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        return policy is null || (await authorization.AuthorizeAsync(principal, policy)).Succeeded;
    }

    /// <summary>The page endpoint whose route matches the address (its literal route first: /Cases/Deadlines, not /Cases/{id}).</summary>
    private Endpoint? Find(string path) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .OrderBy(e => e.RoutePattern.Parameters.Count)
            .FirstOrDefault(e => new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText ?? ""), new RouteValueDictionary())
                .TryMatch(path, new RouteValueDictionary()));
}
