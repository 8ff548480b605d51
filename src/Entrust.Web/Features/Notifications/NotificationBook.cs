using Entrust.Web.Data;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Features.Gaps;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Notifications;

/// <summary>One message of the bell as the reader sees it: the event, what it is about (a gap or a monthly report), where it is handled.</summary>
public sealed record NotificationView(Guid Id, NotificationEvent Event, Guid? GapId, string Title, string Message, string Link, DateTimeOffset At, bool Unread,
    Guid? ReportId = null);

public sealed record NotificationList(int Unread, IReadOnlyList<NotificationView> Items);

/// <summary>The reader's daily digest: the address it goes to (none: no digest), and whether this platform sends mail at all.</summary>
public sealed record DigestSettings(string? Email, bool MailConfigured);

public sealed record DigestInput(string? Email);

/// <summary>
/// The bell (消息提醒), shared by the console's top bar, the /Notifications page and /api/notifications. A township's and a
/// department's users hear of the gaps of their unit as they open or come back; the office hears of the escalations of its
/// district; every invited unit hears of a meeting's notice, and an owner unit of its action items. Other roles (officers, auditors) have no bell: their work is on their workbench.
/// </summary>
public sealed class NotificationBook(EntrustDbContext db, CurrentUser user, TimeProvider clock, GapBook gaps, IStringLocalizer<SharedResource> text,
    UserManager<AppUser> users, IConfiguration config)
{
    /// <summary>How many messages a list shows, newest first.</summary>
    public const int ListSize = 50;

    /// <summary>Who has a bell: the township's and the department's users, the office and the admin.</summary>
    public static bool HasBellFor(CurrentUser user) => user.UserId is not null && user.Role is Roles.Township or Roles.Department or Roles.Office or Roles.Admin;

    public bool HasBell => HasBellFor(user);

    /// <summary>What the scan tells: a gap opened or reopened to its units, one escalated to the office.</summary>
    public static IEnumerable<Notification> OfScan(GapChanges changes, DateTimeOffset at) =>
    [
        .. changes.Added.Select(g => Notification.OfGap(g, NotificationEvent.GapOpened, at)),
        .. changes.ReopenedGaps.Select(g => Notification.OfGap(g, NotificationEvent.GapReopened, at)),
        .. changes.EscalatedGaps.Select(g => Notification.OfGap(g, NotificationEvent.GapEscalated, at)),
    ];

    /// <summary>The reader's messages (the data scope gives the units; the role, whether the unit's or the office's).</summary>
    private IQueryable<Notification> Mine()
    {
        var office = user.Role is Roles.Office or Roles.Admin;
        return HasBell ? db.Notifications.AsNoTracking().Where(n => n.ForOffice == office) : db.Notifications.Where(n => false);
    }

    private async Task<DateTime?> ReadThroughAsync(CancellationToken ct) =>
        await db.NotificationReads.AsNoTracking().Where(r => r.UserId == user.UserId).Select(r => (DateTime?)r.ReadThrough)
            .FirstOrDefaultAsync(ct);

    /// <summary>The reader's messages raised after their read mark (all of them before the first mark).</summary>
    private IQueryable<Notification> Unread(DateTime? through) => through is { } t ? Mine().Where(n => n.CreatedAt > t) : Mine();

    /// <summary>The count on the bell.</summary>
    public async Task<int> UnreadAsync(CancellationToken ct = default)
    {
        if (!HasBell)
        {
            return 0;
        }
        return await Unread(await ReadThroughAsync(ct)).CountAsync(ct);
    }

    public async Task<NotificationList> ListAsync(CancellationToken ct = default)
    {
        if (!HasBell)
        {
            return new NotificationList(0, []);
        }
        var through = await ReadThroughAsync(ct);
        var latest = await Mine().OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(ListSize).ToListAsync(ct);
        return new NotificationList(await Unread(through).CountAsync(ct), await ViewsAsync(latest, through, ct));
    }

    /// <summary>
    /// The daily digest's messages (<see cref="NotificationDigestJob"/>): raised after <paramref name="since"/> up to
    /// <paramref name="until"/> and still unread, oldest first — at most <see cref="ListSize"/>, as the bell lists.
    /// </summary>
    public async Task<IReadOnlyList<NotificationView>> DigestAsync(DateTime since, DateTimeOffset until, CancellationToken ct = default)
    {
        if (!HasBell)
        {
            return [];
        }
        var through = await ReadThroughAsync(ct);
        var from = through is { } t && t > since ? t : since;
        var to = until.UtcDateTime;
        var news = await Mine().Where(n => n.CreatedAt > from && n.CreatedAt <= to)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Take(ListSize).ToListAsync(ct);
        return await ViewsAsync(news, through, ct);
    }

    /// <summary>The messages as the reader sees them, each named through the record it is about (one that is gone is left out).</summary>
    private async Task<IReadOnlyList<NotificationView>> ViewsAsync(List<Notification> latest, DateTime? through, CancellationToken ct)
    {
        var views = await gaps.ViewsAsync([.. latest.Where(n => n.GapId != null).Select(n => n.GapId!.Value)], ct);
        var reportIds = latest.Where(n => n.ReportId != null).Select(n => n.ReportId!.Value).ToList();
        // The report is named as the bell's reader may read it: the notification was in their scope, so is its report.
        var reports = await (from r in db.MonthlyReports.IgnoreQueryFilters()
                             join t in db.Townships.IgnoreQueryFilters() on r.TownshipId equals t.Id
                             join d in db.Departments.IgnoreQueryFilters() on r.DepartmentId equals d.Id
                             where reportIds.Contains(r.Id)
                             select new { r.Id, r.MonthKey, Township = t.Name, Department = d.Name, r.DepartmentComment })
            .AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
        // A meeting's notice and an action item are the reader's unit's by the message's own scope: read them past the meeting's.
        var meetingIds = latest.Where(n => n.MeetingId != null).Select(n => n.MeetingId!.Value).Distinct().ToList();
        var meetings = await db.Meetings.IgnoreQueryFilters().AsNoTracking().Where(m => meetingIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Title, m.Day, m.Time, m.Place }).ToDictionaryAsync(m => m.Id, ct);
        var itemIds = latest.Where(n => n.ActionItemId != null).Select(n => n.ActionItemId!.Value).ToList();
        var actionItems = await db.ActionItems.IgnoreQueryFilters().AsNoTracking().Where(a => itemIds.Contains(a.Id))
            .Select(a => new { a.Id, a.What, a.DueOn }).ToDictionaryAsync(a => a.Id, ct);
        NotificationView? View(Notification n)
        {
            var at = new DateTimeOffset(DateTime.SpecifyKind(n.CreatedAt, DateTimeKind.Utc));
            var unread = through is not { } t || n.CreatedAt > t;
            if (n.GapId is { } g)
            {
                return views.TryGetValue(g, out var gap)
                    ? new NotificationView(n.Id, n.Event, n.GapId, text["Notification." + n.Event, gap.KindName], gap.Message, $"/Gaps?kind={gap.Kind}", at, unread)
                    : null;
            }
            if (n.ReportId is { } id)
            {
                if (!reports.TryGetValue(id, out var r))
                {
                    return null;
                }
                var month = Month.FromKey(r.MonthKey);
                var report = $"{r.Township}{month.Year}年{month.Number}月（{r.Department}）";
                var message = n.Event == NotificationEvent.ReportReturned && !string.IsNullOrWhiteSpace(r.DepartmentComment)
                    ? r.DepartmentComment : text["Notification." + n.Event + ".Message"].Value;
                return new NotificationView(n.Id, n.Event, null, text["Notification." + n.Event, report], message, $"/Reports/Detail/{id}", at,
                    unread, id);
            }
            if (n.MeetingId is not { } m || !meetings.TryGetValue(m, out var meeting))
            {
                return null;
            }
            if (n.ActionItemId is { } i)
            {
                return actionItems.TryGetValue(i, out var item)
                    ? new NotificationView(n.Id, n.Event, null, text["Notification." + n.Event, item.What],
                        text["Notification.ActionItemDue", item.DueOn.ToString("yyyy-MM-dd"), meeting.Title], $"/Meetings/Detail/{m}", at, unread)
                    : null;
            }
            return new NotificationView(n.Id, n.Event, null, text["Notification." + n.Event, meeting.Title],
                text["Notification.MeetingWhen", meeting.Day.ToString("yyyy-MM-dd"), meeting.Time.ToString("HH:mm"), meeting.Place], $"/Meetings/Detail/{m}", at, unread);
        }
        return latest.Select(View).OfType<NotificationView>().ToList();
    }

    /// <summary>Marks every message up to now read (全部已读).</summary>
    public async Task ReadAllAsync(CancellationToken ct = default)
    {
        if (!HasBell || user.UserId is not { } userId)
        {
            throw new ForbiddenAction();
        }
        var read = await db.NotificationReads.FirstOrDefaultAsync(r => r.UserId == userId, ct);
        if (read is null)
        {
            db.NotificationReads.Add(new NotificationRead(userId, clock.GetUtcNow()));
        }
        else
        {
            read.ReadAllAt(clock.GetUtcNow());
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The longest address kept (Identity's column).</summary>
    public const int EmailLength = 256;

    public async Task<DigestSettings> DigestSettingsAsync(CancellationToken ct = default)
    {
        var account = await AccountAsync(ct);
        return new DigestSettings(account.Email, MailSettings.Of(config).Configured);
    }

    /// <summary>
    /// The address the reader's daily digest goes to; an empty one stops it. The account's sessions go on (the address is not a
    /// credential: Identity's own SetEmailAsync would renew the security stamp and sign the reader out everywhere).
    /// </summary>
    public async Task<DigestSettings> SetDigestAsync(DigestInput input, CancellationToken ct = default)
    {
        var account = await AccountAsync(ct);
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        if (email is not null && (email.Length > EmailLength || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email)
            || !MimeKit.MailboxAddress.TryParse(email, out _)))
        {
            throw new RuleViolation("Digest.AddressInvalid") { Field = "Email" };
        }
        if (email != account.Email)
        {
            account.Email = email;
            account.NormalizedEmail = users.NormalizeEmail(email);
            account.EmailConfirmed = false;
            var result = await users.UpdateAsync(account);
            if (!result.Succeeded)
            {
                throw new RuleViolation("Digest.AddressInvalid") { Field = "Email" };
            }
        }
        return new DigestSettings(account.Email, MailSettings.Of(config).Configured);
    }

    private async Task<AppUser> AccountAsync(CancellationToken ct) =>
        HasBell && user.UserId is { } id && await users.FindByIdAsync(id.ToString()) is { } account ? account : throw new ForbiddenAction();
}
