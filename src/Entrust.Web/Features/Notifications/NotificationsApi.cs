using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entrust.Web.Features.Notifications;

/// <summary><c>/api/notifications</c>: the bell, thin over <see cref="NotificationBook"/>.</summary>
public static class NotificationsApi
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").RequireAuthorization(Api.Policy).WithTags("Notifications");
        group.MapGet("", async (NotificationBook book, CancellationToken ct) => TypedResults.Ok(await book.ListAsync(ct)));
        group.MapPost("/read", ReadAll);
        group.MapGet("/digest", async (NotificationBook book, CancellationToken ct) => TypedResults.Ok(await book.DigestSettingsAsync(ct)));
        group.MapPut("/digest", async (DigestInput input, NotificationBook book, CancellationToken ct) => TypedResults.Ok(await book.SetDigestAsync(input, ct)));
    }

    public static async Task<NoContent> ReadAll(NotificationBook book, CancellationToken ct)
    {
        await book.ReadAllAsync(ct);
        return TypedResults.NoContent();
    }
}
