using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Training;

/// <summary>
/// Creates a class with a session for each chosen part of every day, or changes one: ticking parts of the day then
/// replaces its sessions (a session with marks stays or the change is refused); ticking none keeps them.
/// </summary>
public sealed class EditModel(TrainingBook book, CurrentUser user, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    [BindProperty] public TrainingClassInput Input { get; set; } = new(null, null, null, null, null, null, null);
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
            Input = new TrainingClassInput(c.Name, c.StartsOn, c.EndsOn, c.Venue, c.Teachers, null, null);
            Sessions = c.Sessions;
        }
        else
        {
            Input = Input with { DailyParts = [SessionPart.Morning, SessionPart.Afternoon] };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRun(user))
        {
            return Forbid();
        }
        // No part of the day ticked: a new class is refused for it, a class changed keeps its sessions. Sessions one by one are the API's.
        var input = Input with
        {
            DailyParts = Input.DailyParts is { Count: > 0 } || Id is null ? Input.DailyParts ?? [] : null,
            Sessions = null,
            DistrictId = null
        };
        var errors = book.Check(new FieldErrors(Text), input, creating: Id is null);
        if (!errors.Any)
        {
            try
            {
                var saved = Id is { } id ? await book.UpdateAsync(id, input, ct) : await book.CreateAsync(input, ct);
                if (saved is null)
                {
                    return NotFound();
                }
                TempData["Flash"] = Text["Flash.Saved", saved.Name].Value;
                return Redirect($"/Training/Detail?id={saved.Id}");
            }
            catch (RuleViolation v)
            {
                errors.Add(v);
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
