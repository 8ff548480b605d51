using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Training.Exams;

/// <summary>Sets an exam for one or more classes, or changes its name, date and marks (the classes are fixed once set).</summary>
public sealed class EditModel(ExamBook book, TrainingBook training, CurrentUser user, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    [BindProperty] public ExamInput Input { get; set; } = new(null, null, 100, 60, []);
    [FromQuery(Name = "id")] public Guid? Id { get; set; }
    public List<TrainingBook.ClassRow> Classes { get; private set; } = [];
    public IReadOnlyList<ExamBook.ClassRef> FixedClasses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRun(user))
        {
            return Forbid();
        }
        if (Id is { } id)
        {
            var exam = await book.DetailAsync(id, ct);
            if (exam is null)
            {
                return NotFound();
            }
            Input = new ExamInput(exam.Name, exam.HeldOn, exam.FullMark, exam.PassMark, []);
            FixedClasses = exam.Classes;
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRun(user))
        {
            return Forbid();
        }
        var input = Input with { ClassIds = Input.ClassIds ?? [] };
        var errors = ExamBook.Check(new FieldErrors(Text), input, creating: Id is null);
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
                return Redirect($"/Exams/Detail?id={saved.Id}");
            }
            catch (RuleViolation v)
            {
                errors.Add(v);
            }
        }
        errors.CopyTo(ModelState);
        if (Id is { } again && await book.DetailAsync(again, ct) is { } exam)
        {
            FixedClasses = exam.Classes;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => Classes = await training.Rows(null).Take(100).ToListAsync(ct);
}
