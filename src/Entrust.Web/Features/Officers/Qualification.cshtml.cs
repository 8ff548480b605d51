using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Officers;

/// <summary>The office's qualification settings (LAW 13); everyone in the district reads them, only the office changes them.</summary>
public sealed class QualificationModel(EntrustDbContext db, CertificateBook book, CurrentUser user, IStringLocalizer<SharedResource> text)
    : PageModel
{
    public sealed class InputModel
    {
        public int ExcusedAbsencesThatBar { get; set; }
        public int UnexcusedAbsencesThatBar { get; set; }
        public string? CertificateNumberFormat { get; set; }
        public int CertificateValidityYears { get; set; }
        public int ReviewIntervalMonths { get; set; }
        public int ExpiryWarningDays { get; set; }
        public int AnnualTrainingHours { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public bool MayChange => user.Role is Roles.Admin or Roles.Office && user.DistrictId is not null;
    public string? Example { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (user.DistrictId is not { } district)
        {
            return NotFound();
        }
        var s = await Features.Officers.Qualification.SettingsAsync(db, district, ct);
        Input = new InputModel
        {
            ExcusedAbsencesThatBar = s.ExcusedAbsencesThatBar,
            UnexcusedAbsencesThatBar = s.UnexcusedAbsencesThatBar,
            CertificateNumberFormat = s.CertificateNumberFormat,
            CertificateValidityYears = s.CertificateValidityYears,
            ReviewIntervalMonths = s.ReviewIntervalMonths,
            ExpiryWarningDays = s.ExpiryWarningDays,
            AnnualTrainingHours = s.AnnualTrainingHours,
        };
        Example = s.FormatNumber(DateTime.Today.Year, 1);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!MayChange)
        {
            return Forbid();
        }
        var i = Input;
        try
        {
            await book.SaveSettingsAsync(user.DistrictId, new QualificationFields(i.ExcusedAbsencesThatBar,
                i.UnexcusedAbsencesThatBar, i.CertificateNumberFormat ?? "", i.CertificateValidityYears, i.ReviewIntervalMonths,
                i.ExpiryWarningDays, i.AnnualTrainingHours), ct);
            TempData["Flash"] = text["Flash.SettingsSaved"].Value;
            return Redirect("/Qualification/Settings");
        }
        catch (RuleViolation v)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input." + (v.Field ?? ""), text.Message(v));
            return Page();
        }
    }
}
