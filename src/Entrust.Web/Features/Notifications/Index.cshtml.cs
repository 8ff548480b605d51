using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Notifications;

/// <summary>The bell's messages, newest first, the unread ones marked; one button marks them all read.</summary>
public sealed class IndexModel(NotificationBook book, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public NotificationList List { get; private set; } = new(0, []);

    public async Task OnGetAsync(CancellationToken ct) => List = await book.ListAsync(ct);

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
