using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Meetings;

/// <summary>
/// The office's figures for the monthly meeting (its usual day, time, place, chair, and how many working days ahead the notice
/// goes), saved through <see cref="MeetingBook.SetSettingsAsync"/> as <c>PUT /api/meetings/settings</c> saves them; a refused figure
/// is shown beside its field and nothing is written.
/// </summary>
public sealed class SettingsModel(MeetingBook book, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public sealed class InputModel
    {
        public int DayOfMonth { get; set; }
        public TimeOnly Time { get; set; }
        public string? Place { get; set; }
        public string? Chair { get; set; }
        public int NoticeWorkingDays { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    /// <summary>The next usual day under the settings stored.</summary>
    public DateOnly NextUsualDay { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var settings = await book.SettingsAsync(ct);
        Input = new InputModel
        {
            DayOfMonth = settings.DayOfMonth,
            Time = settings.Time,
            Place = settings.Place,
            Chair = settings.Chair,
            NoticeWorkingDays = settings.NoticeWorkingDays,
        };
        NextUsualDay = settings.NextUsualDay;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return await RedrawAsync(ct);
        }
        var input = new MeetingSettingsInput(Input.DayOfMonth, Input.Time, Input.Place, Input.Chair, Input.NoticeWorkingDays);
        return await RunAsync(async () => (MeetingSettingsView?)await book.SetSettingsAsync(input, ct),
            s => (Text["Meeting.SettingsSaved", s.NextUsualDay.ToString("yyyy-MM-dd")].Value, "/Meetings/Settings"), () => RedrawAsync(ct));
    }

    private async Task<IActionResult> RedrawAsync(CancellationToken ct)
    {
        NextUsualDay = (await book.SettingsAsync(ct)).NextUsualDay;
        return Page();
    }
}
