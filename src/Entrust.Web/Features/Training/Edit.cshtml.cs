using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Training;

/// <summary>
/// Creates a class with a session for each chosen part of every day, or changes one: ticking parts of the day then
/// replaces its sessions (a session with marks stays or the change is refused); ticking none keeps them.
/// </summary>
public sealed class EditModel(TrainingBook book, CurrentUser user, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
        public string? Venue { get; set; }
        public string? Teachers { get; set; }
        public List<SessionPart> DailyParts { get; set; } = [];
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [FromQuery(Name = "id")] public Guid? Id { get; set; }
    public IReadOnlyList<TrainingBook.SessionDto> Sessions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRun(user))
        {
            return Forbid();
        }
        if (Id is { } id)
        {
            var c = await book.DetailAsync(id, ct);
            if (c is null)
            {
                return NotFound();
            }
            Input = new InputModel { Name = c.Name, StartsOn = c.StartsOn, EndsOn = c.EndsOn, Venue = c.Venue, Teachers = c.Teachers };
            Sessions = c.Sessions;
        }
        else
        {
            Input.DailyParts = [SessionPart.Morning, SessionPart.Afternoon];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRun(user))
        {
            return Forbid();
        }
        var input = new TrainingClassInput(Input.Name, Input.StartsOn, Input.EndsOn, Input.Venue, Input.Teachers,
            Input.DailyParts.Count > 0 || Id is null ? Input.DailyParts : null, null);
        var errors = book.Check(new FieldErrors(text), input, creating: Id is null);
        if (!errors.Any)
        {
            try
            {
                var saved = Id is { } id ? await book.UpdateAsync(id, input, ct) : await book.CreateAsync(input, ct);
                if (saved is null)
                {
                    return NotFound();
                }
                TempData["Flash"] = text["Flash.Saved", saved.Name].Value;
                return Redirect($"/Training/Detail?id={saved.Id}");
            }
            catch (RuleViolation v)
            {
                errors.Add(v.Field ?? "", v.MessageKey, v.Arguments);
            }
        }
        errors.CopyTo(ModelState);
        if (Id is { } again && await book.DetailAsync(again, ct) is { } c)
        {
            Sessions = c.Sessions;
        }
        return Page();
    }
}
