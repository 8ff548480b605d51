using System.Security.Cryptography;
using Entrust.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Platform;

/// <summary>
/// The first answer to a write sent with an <c>Idempotency-Key</c>, kept per user and key for <see cref="Idempotency.Retention"/>.
/// The key (user, key) is the table's primary key, so of two nodes that get the same key at once one inserts and the other is
/// told the first is still running. <see cref="StatusCode"/> is null while the first request runs.
/// </summary>
public sealed class IdempotentRequest : Features.Audit.INotAudited
{
    public const int KeyLength = 100;

    public Guid UserId { get; private set; }
    public string Key { get; private set; } = "";

    /// <summary>SHA-256 of the method, path, query and body: a retry must send the same request.</summary>
    public string RequestHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public int? StatusCode { get; private set; }
    public string? ContentType { get; private set; }
    public string? Location { get; private set; }
    public byte[]? Body { get; private set; }

    private IdempotentRequest() { }

    public IdempotentRequest(Guid userId, string key, string requestHash, DateTime createdAt)
    {
        UserId = userId;
        Key = key;
        RequestHash = requestHash;
        CreatedAt = createdAt;
    }

    public bool IsAnswered => StatusCode is not null;

    public void Answer(int status, string? contentType, string? location, byte[] body)
    {
        StatusCode = status;
        ContentType = contentType;
        Location = location;
        Body = body;
    }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> b)
    {
        b.HasKey(x => new { x.UserId, x.Key });
        b.Property(x => x.Key).HasMaxLength(IdempotentRequest.KeyLength);
        b.Property(x => x.RequestHash).HasMaxLength(64);
        b.Property(x => x.ContentType).HasMaxLength(200);
        b.Property(x => x.Location).HasMaxLength(500);
        b.HasIndex(x => x.CreatedAt);
    }
}

/// <summary>
/// Idempotency keys for the API's writes (issue 19: a phone that retries after a lost answer records once). A signed-in client
/// may send <c>Idempotency-Key: &lt;uuid&gt;</c> on any <c>POST /api/…</c>: the first request runs and its answer (status, type,
/// location, body) is kept for the user and key; a retry with the same key and the same request gets that answer again
/// (with <c>Idempotent-Replayed: true</c>) without running; the same key with another request is refused 422; a retry while the
/// first still runs (here or on another node) is refused 409. An answer of 500 or more, or an exception, forgets the key, so
/// the retry runs. A middleware rather than an endpoint filter: it sees the answer as sent, whatever the endpoint returned.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.StartsWithSegments("/api")
            || !http.Request.Headers.TryGetValue(Header, out var values) || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }
        var user = http.RequestServices.GetRequiredService<CurrentUser>();
        var key = values.ToString().Trim();
        if (user.UserId is not { } userId || !Guid.TryParse(key, out _) || key.Length > IdempotentRequest.KeyLength)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, "Idempotency.KeyInvalid");
            return;
        }
        var hash = await HashAsync(http.Request, http.RequestAborted);
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;
        // A context of its own: the endpoint's context and its unsaved rows stay the endpoint's.
        using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var kept = await ClaimAsync(db, userId, key, hash, now, http.RequestAborted);
        if (kept is not null)
        {
            if (kept.RequestHash != hash)
            {
                await RefuseAsync(http, StatusCodes.Status422UnprocessableEntity, "Idempotency.KeyReused");
            }
            else if (!kept.IsAnswered)
            {
                await RefuseAsync(http, StatusCodes.Status409Conflict, "Idempotency.InProgress");
            }
            else
            {
                http.Response.StatusCode = kept.StatusCode!.Value;
                if (kept.ContentType is { } type)
                {
                    http.Response.ContentType = type;
                }
                if (kept.Location is { } location)
                {
                    http.Response.Headers.Location = location;
                }
                http.Response.Headers[ReplayedHeader] = "true";
                await http.Response.Body.WriteAsync(kept.Body ?? [], http.RequestAborted);
            }
            return;
        }

        var claimed = await db.IdempotentRequests.SingleAsync(r => r.UserId == userId && r.Key == key, http.RequestAborted);
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        catch
        {
            await ForgetAsync(db, claimed);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }
        if (http.Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            await ForgetAsync(db, claimed);
        }
        else
        {
            claimed.Answer(http.Response.StatusCode, http.Response.ContentType, http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                buffer.ToArray());
            await db.SaveChangesAsync(CancellationToken.None);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    });

    /// <summary>
    /// Inserts the claim of (user, key) and answers null, or answers the row another request made first. The user's expired keys
    /// go first, so a key may be used again after <see cref="Retention"/>.
    /// </summary>
    private static async Task<IdempotentRequest?> ClaimAsync(EntrustDbContext db, Guid userId, string key, string hash, DateTime now,
        CancellationToken ct)
    {
        var expired = now - Retention;
        await db.IdempotentRequests.Where(r => r.UserId == userId && r.CreatedAt < expired).ExecuteDeleteAsync(ct);
        db.IdempotentRequests.Add(new IdempotentRequest(userId, key, hash, now));
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct)
                ?? throw new InvalidOperationException("An idempotency key could be neither claimed nor read.");
        }
    }

    private static async Task ForgetAsync(EntrustDbContext db, IdempotentRequest claimed)
    {
        db.IdempotentRequests.Remove(claimed);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task<string> HashAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async Task RefuseAsync(HttpContext http, int status, string detailKey)
    {
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = status,
                Title = text["Idempotency.Title"].Value,
                Detail = text[detailKey].Value,
                Extensions = { ["code"] = detailKey },
            },
        });
    }
}
