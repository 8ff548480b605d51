using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Gaps;

/// <summary>The gaps the user sees, filtered; an open gap acknowledged with a note, an active one closed by the office with a reason.</summary>
public sealed class IndexModel(GapBook book, ListExport export, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public GapKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public GapState? State { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? TownshipId { get; set; }
    [BindProperty(SupportsGet = true)] public bool Escalated { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    /// <summary>The answer posted: the gap, and the note (acknowledge) or the reason (close).</summary>
    public sealed record AnswerInput(Guid GapId, string? Note, string? Reason);

    [BindProperty] public AnswerInput? Input { get; set; }

    /// <summary>The office's figures as the form posts them: per-domain days one "领域=天数" per line.</summary>
    public sealed record SettingsInput(int? DormantDays, string? ByDomain, int? EscalationWorkingDays);

    [BindProperty] public SettingsInput? Settings { get; set; }

    public GapSettingsView? CurrentSettings { get; private set; }

    public Paged<GapView> Gaps { get; private set; } = new([], 0, 1, PageSize);
    public bool MayAcknowledge => book.MayAcknowledge;
    public bool MayClose => book.MayClose;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Gaps = await book.ListAsync(Filter, Listing, ct);
        CurrentSettings = book.MayKeepSettings ? await book.SettingsAsync(ct) : null;
    }

    private GapFilter Filter => new(Kind, TownshipId, null, State, Escalated);

    /// <summary>What the filter shows, in the page's order, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.ExportAsync(Filter, Listing, export, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    /// <summary>The per-domain lines as the form shows them: 林业=180.</summary>
    public string ByDomainText => string.Join("\n", (CurrentSettings?.DormantDaysByDomain ?? new Dictionary<string, int>())
        .Select(p => $"{Catalog.Domains.Name(p.Key)}={p.Value}"));

    public Task<IActionResult> OnPostSettingsAsync(CancellationToken ct) =>
        RunAsync(async () => await book.SetSettingsAsync(new GapSettingsInput(Settings?.DormantDays, ParseDomains(Settings?.ByDomain),
            Settings?.EscalationWorkingDays), ct), _ => (Text["Gaps.SettingsSaved"], Back()), Redraw(ct));

    /// <summary>"林业=180" lines to domain codes; a name not known is kept as typed, for the book to refuse by name.</summary>
    private static Dictionary<string, int> ParseDomains(string? text)
    {
        var result = new Dictionary<string, int>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Replace('＝', '=').Split('=', 2, StringSplitOptions.TrimEntries);
            var code = Catalog.Domains.Find(parts[0])?.Code ?? parts[0];
            result[code] = parts.Length == 2 && int.TryParse(parts[1], out var days) ? days : 0;
        }
        return result;
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken ct) =>
        RunAsync(() => book.AcknowledgeAsync(Input?.GapId ?? Guid.Empty, Input?.Note, ct), g => (Text["Gaps.Acknowledged"], Back()), Redraw(ct));

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) =>
        RunAsync(() => book.CloseAsync(Input?.GapId ?? Guid.Empty, Input?.Reason, ct), g => (Text["Gaps.Closed"], Back()), Redraw(ct));

    private Func<Task<IActionResult>> Redraw(CancellationToken ct) => async () =>
    {
        await OnGetAsync(ct);
        return Page();
    };

    private string Back() => "/Gaps" + Request.QueryString;
}
