using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Entrust.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Platform;

/// <summary>
/// The answer to a write sent with an <c>Idempotency-Key</c>, kept per user and key for <see cref="Idempotency.Retention"/>.
/// The key (user, key) is the table's primary key. A write that goes through SaveChanges inserts this row in its own
/// transaction (<see cref="IdempotencyClaim"/>), first with the outcome "recorded" (<see cref="IdempotencyClaim.Recorded"/>), then
/// the middleware replaces it with the answer as sent. <see cref="StatusCode"/> is null only in rows an earlier version reserved
/// before its request ran.
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
/// A keyed request in flight, held by its request's <see cref="EntrustDbContext.Idempotency"/> (and handed to the
/// <see cref="Features.Inspections.InspectionWriter"/> with the inspection). The first save of the request that writes something
/// inserts the key's row in the same transaction (<see cref="IdempotencyInterceptor"/>); <see cref="Committed"/> turns true once
/// that transaction committed.
/// </summary>
public sealed class IdempotencyClaim(Guid userId, string key, string requestHash, DateTime at)
{
    private volatile bool _committed;

    public Guid UserId => userId;
    public string Key => key;

    /// <summary>True once the request's write, and with it the key's row, is committed.</summary>
    public bool Committed => _committed;

    /// <summary>The row added to the request's context, while its save or transaction has not ended.</summary>
    internal IdempotentRequest? Row { get; set; }
    internal bool AwaitingCommit { get; set; }

    internal void MarkCommitted() => _committed = true;

    /// <summary>
    /// The key's row as the write's transaction records it: the outcome "recorded", with the row the write created (201) or
    /// without (200). It is what a retry gets if the node dies between the commit and the answer: no Location (the endpoint makes
    /// it after the save), but the created row's kind and id, e.g. <c>{"recorded":true,"entity":"Inspection","id":"…"}</c>.
    /// </summary>
    internal IdempotentRequest Recorded(EntityEntry? created)
    {
        var row = new IdempotentRequest(userId, key, requestHash, at);
        var body = created is null
            ? (object)new { recorded = true }
            : new
            {
                recorded = true,
                entity = created.Metadata.ClrType.Name,
                id = string.Join(",", created.Metadata.FindPrimaryKey()!.Properties.Select(p => created.Property(p.Name).CurrentValue)),
            };
        row.Answer(created is null ? StatusCodes.Status200OK : StatusCodes.Status201Created, "application/json", null,
            JsonSerializer.SerializeToUtf8Bytes(body));
        return row;
    }
}

/// <summary>
/// Puts a keyed request's key into its write: the first save of the request's context with a change the audit trail records
/// (<see cref="Features.Audit.AuditInterceptor.Records"/>) inserts the key's row, so the key is committed exactly when the write
/// is. A save that only keeps a cache or an audit entry carries no key.
/// </summary>
public sealed class IdempotencyInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>It keeps no state of its own: the claim is the context's.</summary>
    public static readonly IdempotencyInterceptor Instance = new();

    private IdempotencyInterceptor() { }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Claim(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken ct = default)
    {
        Claim(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context, true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Ended(eventData.Context, true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context, false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Ended(eventData.Context, false);
        return Task.CompletedTask;
    }

    private static void Claim(DbContext? context)
    {
        // A failed save leaves the row added (it goes with the next save); a cleared tracker drops it (it is added again).
        if (context is not EntrustDbContext { Idempotency: { Committed: false } claim } db
            || (claim.Row is { } row && db.Entry(row).State != EntityState.Detached))
        {
            return;
        }
        var writes = db.ChangeTracker.Entries().Where(Features.Audit.AuditInterceptor.Records).ToList();
        if (writes.Count > 0)
        {
            claim.Row = claim.Recorded(writes.FirstOrDefault(e => e.State == EntityState.Added && !e.Metadata.IsOwned()));
            db.IdempotentRequests.Add(claim.Row);
        }
    }

    private static void Saved(DbContext? context)
    {
        if (context is EntrustDbContext { Idempotency: { Committed: false, AwaitingCommit: false, Row: { } row } claim } db
            && db.Entry(row).State == EntityState.Unchanged)
        {
            // Inside the caller's transaction the row is in the database only at its commit.
            if (db.Database.CurrentTransaction is null)
            {
                claim.MarkCommitted();
            }
            else
            {
                claim.AwaitingCommit = true;
            }
        }
    }

    private static void Ended(DbContext? context, bool committed)
    {
        if (context is EntrustDbContext { Idempotency: { AwaitingCommit: true, Row: { } row } claim } db)
        {
            claim.AwaitingCommit = false;
            if (committed)
            {
                claim.MarkCommitted();
            }
            else
            {
                // Rolled back with the write: a later save of the request adds it again.
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }
}

/// <summary>
/// Idempotency keys for the API's writes (issue 19: a phone that retries after a lost answer records once; nothing acknowledged
/// is lost when a node dies). A signed-in client may send <c>Idempotency-Key: &lt;uuid&gt;</c> on any <c>POST /api/…</c>.
/// <para><b>Design: the key is committed by the write's own transaction.</b> There is no reservation before the request. The
/// request runs with an <see cref="IdempotencyClaim"/> on its context; the save that writes (SaveChanges, or the inspection
/// writer's batch) inserts the key's row (user, key: the primary key) in the same transaction. So:</para>
/// <list type="bullet">
/// <item>the write committed ⇔ the key's row exists: a node killed after the commit leaves the outcome "recorded" (201 with the
/// created row's kind and id, or 200), and the retry gets it, replayed, instead of running again; the middleware replaces it
/// with the answer as sent when it lives to;</item>
/// <item>a node killed before the commit leaves nothing: the retry runs as the first time (no key to release, no lease);</item>
/// <item>two requests with one key at once (here or on two nodes) both run, but only one transaction can insert the key: the
/// other's write fails with it and that request answers the first one's outcome. At most one write per key commits.</item>
/// </list>
/// <para>A request that writes nothing through SaveChanges (a refusal, 400/404/409) has its answer kept afterwards, so a retry
/// gets the same refusal; an answer of 500 or more is not kept unless the write committed. The same key with another request
/// is refused 422. Only writes through SaveChanges are covered: a handler whose only write is <c>ExecuteUpdate</c> or SQL runs
/// again on a retry after a crash (those writes set a state and are harmless to repeat). A handler that saves twice commits
/// the key with its first save. A middleware rather than an endpoint filter: it sees the answer as sent.</para>
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
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        // A context of its own for the key's answer: the endpoint's context and its unsaved rows stay the endpoint's.
        using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateScope();
        var keys = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        // The user's expired keys go first, so a key may be used again after Retention.
        var expired = now - Retention;
        await keys.IdempotentRequests.Where(r => r.UserId == userId && r.CreatedAt < expired).ExecuteDeleteAsync(http.RequestAborted);
        if (await FindAsync(keys, userId, key, http.RequestAborted) is { } kept)
        {
            await ReplayAsync(http, kept, hash);
            return;
        }

        var claim = new IdempotencyClaim(userId, key, hash, now);
        http.RequestServices.GetRequiredService<EntrustDbContext>().Idempotency = claim;
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        catch when (!claim.Committed)
        {
            // This request's write did not commit. If another one with the key committed meanwhile (this one's write then failed
            // on the key), that one is the answer.
            http.Response.Body = original;
            if (await FindAsync(keys, userId, key, CancellationToken.None) is { } first)
            {
                http.Response.Clear();
                await ReplayAsync(http, first, hash);
                return;
            }
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }
        var status = http.Response.StatusCode;
        var location = http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null;
        if (claim.Committed)
        {
            if (status < StatusCodes.Status500InternalServerError)
            {
                var (type, body) = (http.Response.ContentType, buffer.ToArray());
                await keys.IdempotentRequests.Where(r => r.UserId == userId && r.Key == key).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.StatusCode, status).SetProperty(r => r.ContentType, type)
                    .SetProperty(r => r.Location, location).SetProperty(r => r.Body, body), CancellationToken.None);
            }
        }
        else if (await KeepAsync(keys, claim, hash, now, http.Response, location, buffer.ToArray()) is { } first)
        {
            // Another request with the key committed while this one ran: its outcome is the key's.
            http.Response.Clear();
            await ReplayAsync(http, first, hash);
            return;
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    });

    private static Task<IdempotentRequest?> FindAsync(EntrustDbContext db, Guid userId, string key, CancellationToken ct) =>
        db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);

    /// <summary>
    /// Keeps the answer of a request that committed nothing with its key (a refusal); an answer of 500 or more is not kept, so the
    /// retry runs. Answers the row that another request with the key committed first, if there is one.
    /// </summary>
    private static async Task<IdempotentRequest?> KeepAsync(EntrustDbContext db, IdempotencyClaim claim, string hash, DateTime now,
        HttpResponse response, string? location, byte[] body)
    {
        if (response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            return await FindAsync(db, claim.UserId, claim.Key, CancellationToken.None);
        }
        var row = new IdempotentRequest(claim.UserId, claim.Key, hash, now);
        row.Answer(response.StatusCode, response.ContentType, location, body);
        db.IdempotentRequests.Add(row);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await FindAsync(db, claim.UserId, claim.Key, CancellationToken.None)
                ?? throw new InvalidOperationException("An idempotency key could be neither kept nor read.");
        }
    }

    private static async Task ReplayAsync(HttpContext http, IdempotentRequest kept, string hash)
    {
        if (kept.RequestHash != hash)
        {
            await RefuseAsync(http, StatusCodes.Status422UnprocessableEntity, "Idempotency.KeyReused");
            return;
        }
        if (kept.StatusCode is not { } status)
        {
            // Reserved by an earlier version before its request ran: whether it wrote is unknown until the row expires.
            await RefuseAsync(http, StatusCodes.Status409Conflict, "Idempotency.InProgress");
            return;
        }
        http.Response.StatusCode = status;
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

    /// <summary>What a retry must repeat: the method, path, query and body (SHA-256, hex).</summary>
    internal static string HashOf(string method, string pathAndQuery, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Preamble(method, pathAndQuery));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static byte[] Preamble(string method, string pathAndQuery) => System.Text.Encoding.UTF8.GetBytes($"{method} {pathAndQuery}\n");

    private static async Task<string> HashAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Preamble(request.Method, $"{request.Path}{request.QueryString}"));
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
