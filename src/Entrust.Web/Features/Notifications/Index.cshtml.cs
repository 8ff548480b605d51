using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Notifications;

/// <summary>The bell's messages, newest first, the unread ones marked; one button marks them all read.</summary>
public sealed class IndexModel(NotificationBook book, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public sealed class InputModel
    {
        public string? Email { get; set; }
    }

    public NotificationList List { get; private set; } = new(0, []);

    public DigestSettings Digest { get; private set; } = new(null, false);

    [BindProperty] public InputModel Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        List = await book.ListAsync(ct);
        Digest = await book.DigestSettingsAsync(ct);
        Input = new InputModel { Email = Digest.Email };
    }

    /// <summary>The address of the daily digest, saved as <c>PUT /api/notifications/digest</c> saves it.</summary>
    public Task<IActionResult> OnPostDigestAsync(CancellationToken ct) =>
        RunAsync(async () => await book.SetDigestAsync(new DigestInput(Input.Email), ct),
            d => (d.Email is null ? Text["Digest.Off"].Value : Text["Digest.Saved", d.Email].Value, "/Notifications"), async () =>
            {
                List = await book.ListAsync(ct);
                Digest = await book.DigestSettingsAsync(ct);
                return Page();
            });

    public Task<IActionResult> OnPostReadAsync(CancellationToken ct) =>
        RunAsync(async () =>
        {
            await book.ReadAllAsync(ct);
            return List;
        }, _ => (Text["Notifications.AllRead"], "/Notifications"), async () =>
        {
            await OnGetAsync(ct);
            return Page();
        });
}
