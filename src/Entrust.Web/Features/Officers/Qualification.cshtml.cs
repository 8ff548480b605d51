using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Officers;

/// <summary>
/// The office's qualification settings (LAW 13); everyone in the district reads them, only the office changes them. The form binds
/// <see cref="QualificationFields"/>, the body PUT /api/qualification-settings takes; a refusal shows beside its field.
/// </summary>
public sealed class QualificationModel(EntrustDbContext db, CertificateBook book, CurrentUser user, IStringLocalizer<SharedResource> text)
    : ConsolePageModel(text)
{
    [BindProperty] public QualificationFields? Input { get; set; }
    public bool MayChange => user.Role is Roles.Admin or Roles.Office && user.DistrictId is not null;
    public string? Example { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (user.DistrictId is not { } district)
        {
            return NotFound();
        }
        var s = await Features.Officers.Qualification.SettingsAsync(db, district, ct);
        Input = new QualificationFields(s.ExcusedAbsencesThatBar, s.UnexcusedAbsencesThatBar, s.CertificateNumberFormat,
            s.CertificateValidityYears, s.ReviewIntervalMonths, s.ExpiryWarningDays, s.AnnualTrainingHours);
        Example = s.FormatNumber(DateTime.Today.Year, 1);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!MayChange)
        {
            return Forbid();
        }
        if (Input is not { } input || !ModelState.IsValid)
        {
            return Page();
        }
        return await RunAsync(() => book.SaveSettingsAsync(user.DistrictId, input, ct),
            _ => (Text["Flash.SettingsSaved"].Value, "/Qualification/Settings"), () =>
            {
                db.ChangeTracker.Clear();
                return Task.FromResult<IActionResult>(Page());
            });
    }
}
