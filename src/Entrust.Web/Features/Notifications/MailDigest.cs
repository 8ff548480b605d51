using System.Text;
using System.Text.Encodings.Web;
using Entrust.Web.Data;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Platform;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;
using MimeKit;
using Quartz;

namespace Entrust.Web.Features.Notifications;

/// <summary>
/// The mail server the daily digest goes through (<c>Mail:*</c> in configuration). With no <see cref="Host"/> there is no digest:
/// nothing is sent and nobody is asked for an address.
/// </summary>
public sealed class MailSettings
{
    public string? Host { get; init; }
    public int Port { get; init; } = 25;

    /// <summary>"Auto" (STARTTLS when the server offers it), "None", "StartTls" or "SslOnConnect".</summary>
    public SecureSocketOptions Security { get; init; } = SecureSocketOptions.Auto;

    public string? UserName { get; init; }
    public string? Password { get; init; }
    public string From { get; init; } = "entrust@localhost";

    /// <summary>The console's address as users reach it (e.g. https://entrust.example.gov.cn), for links in the mail.</summary>
    public string? SiteUrl { get; init; }

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public static MailSettings Of(IConfiguration config) => config.GetSection("Mail").Get<MailSettings>() ?? new MailSettings();
}

/// <summary>How far a user's digests have gone: every message raised up to <see cref="SentThrough"/> was in one, or read before.</summary>
public sealed class NotificationDigest
{
    public Guid UserId { get; private set; }
    public DateTime SentThrough { get; private set; }

    private NotificationDigest() { }

    public NotificationDigest(Guid userId, DateTimeOffset through)
    {
        UserId = userId;
        SentThrough = through.UtcDateTime;
    }

    public void SentAt(DateTimeOffset through) => SentThrough = through.UtcDateTime;
}

internal sealed class NotificationDigestConfiguration : IEntityTypeConfiguration<NotificationDigest>
{
    public void Configure(EntityTypeBuilder<NotificationDigest> b)
    {
        b.HasKey(x => x.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// The daily digest (每日消息摘要) by e-mail: every morning, each account with a bell and an address gets one mail listing the bell's
/// messages raised since its last digest that it has not read yet — none when there is nothing new. The messages are the bell's own
/// (<see cref="NotificationBook"/> as that user, in that user's language), so the mail says what the bell says. Off unless a mail
/// server is configured. On the gap scan's scheduler: clustered on PostgreSQL, so several nodes send once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class NotificationDigestJob(IServiceScopeFactory scopes, IConfiguration config, TimeProvider clock, ILogger<NotificationDigestJob> log) : IJob
{
    public static readonly JobKey Key = new("notification-digest", "notifications");

    /// <summary>Every morning at 07:30 in Asia/Shanghai, before the working day.</summary>
    public const string DefaultCron = "0 30 7 * * ?";

    /// <summary>A first digest covers at most the last day.</summary>
    public static readonly TimeSpan FirstDigestCovers = TimeSpan.FromDays(1);

    public static void Add(IQuartzBuilder q, IConfiguration config)
    {
        q.AddJob<NotificationDigestJob>(j => j.WithIdentity(Key).StoreDurably().WithDescription("Daily e-mail digest of the bell's messages"));
        Gaps.GapSchedule.AddCron(q, Key, "notification-digest-daily", config["Notifications:DigestCron"] ?? DefaultCron);
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var mail = MailSettings.Of(config);
        if (!mail.Configured)
        {
            return;
        }
        var now = clock.GetUtcNow();
        List<AppUser> readers;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
            readers = await db.Users.AsNoTracking()
                .Where(u => u.Email != null && u.Email != "" && (u.LockoutEnd == null || u.LockoutEnd != AppUser.DisabledUntil))
                .ToListAsync(cancellationToken);
        }
        readers = [.. readers.Where(u => NotificationBook.HasBellFor(Reader(u)))];
        if (readers.Count == 0)
        {
            return;
        }

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(mail.Host!, mail.Port, mail.Security, cancellationToken);
        if (!string.IsNullOrEmpty(mail.UserName))
        {
            await smtp.AuthenticateAsync(mail.UserName, mail.Password ?? "", cancellationToken);
        }
        var failed = 0;
        foreach (var reader in readers)
        {
            try
            {
                await SendAsync(smtp, mail, reader, now, cancellationToken);
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or DbUpdateException or FormatException or ParseException)
            {
                // One address refused leaves the others to be sent; tomorrow's digest retries it (its mark did not move).
                log.LogWarning(e, "The digest to {User} was not sent", reader.UserName);
                failed++;
            }
        }
        await smtp.DisconnectAsync(quit: true, cancellationToken);
        if (failed > 0)
        {
            throw new JobExecutionException($"The digest was not sent to {failed} account(s); see the log.");
        }
    }

    private async Task SendAsync(SmtpClient smtp, MailSettings mail, AppUser reader, DateTimeOffset now, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().ActAs(Reader(reader));
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var mark = await db.NotificationDigests.FirstOrDefaultAsync(d => d.UserId == reader.Id, ct);
        var since = mark?.SentThrough ?? (now - FirstDigestCovers).UtcDateTime;

        var culture = new System.Globalization.CultureInfo(reader.Culture == Cultures.English ? Cultures.English : Cultures.Chinese);
        var (previous, previousUi) = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = culture;
        try
        {
            var book = scope.ServiceProvider.GetRequiredService<NotificationBook>();
            var news = await book.DigestAsync(since, now, ct);
            if (news.Count > 0)
            {
                var text = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
                await smtp.SendAsync(Compose(mail, reader, news, text, now), ct);
            }
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
        if (mark is null)
        {
            db.NotificationDigests.Add(new NotificationDigest(reader.Id, now));
        }
        else
        {
            mark.SentAt(now);
        }
        await db.SaveChangesAsync(ct);
    }

    private static CurrentUser Reader(AppUser u) => new()
    {
        UserId = u.Id,
        UserName = u.UserName ?? "",
        Role = u.Role,
        DistrictId = u.DistrictId,
        DepartmentId = u.DepartmentId,
        TownshipId = u.TownshipId,
        OfficerId = u.OfficerId,
    };

    /// <summary>Encodes what HTML needs encoded and leaves Chinese as it is (the mail is UTF-8).</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>One mail: a plain-text part and an HTML part (every value encoded) listing the messages, each with its link.</summary>
    public static MimeMessage Compose(MailSettings mail, AppUser reader, IReadOnlyList<NotificationView> news, IStringLocalizer text, DateTimeOffset now)
    {
        var day = now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(text["App.Name"], mail.From));
        message.To.Add(new MailboxAddress(reader.DisplayName, reader.Email!));
        message.Subject = text["Digest.Subject", news.Count, day];
        string Link(string link) => string.IsNullOrWhiteSpace(mail.SiteUrl) ? link : mail.SiteUrl.TrimEnd('/') + link;

        var plain = new StringBuilder().AppendLine(text["Digest.Intro", reader.DisplayName, news.Count]).AppendLine();
        var html = new StringBuilder().Append("<p>").Append(Html.Encode(text["Digest.Intro", reader.DisplayName, news.Count])).Append("</p><ul>");
        foreach (var n in news)
        {
            var at = n.At.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm");
            plain.AppendLine($"{at}  {n.Title}").AppendLine($"    {n.Message}").AppendLine($"    {Link(n.Link)}");
            html.Append("<li>").Append(Html.Encode(at)).Append(" <strong>").Append(Html.Encode(n.Title))
                .Append("</strong><br>").Append("<a href=\"").Append(Html.Encode(Link(n.Link))).Append("\">")
                .Append(Html.Encode(n.Message)).Append("</a></li>");
        }
        plain.AppendLine().AppendLine(text["Digest.Footer"]);
        html.Append("</ul><p>").Append(Html.Encode(text["Digest.Footer"])).Append("</p>");
        message.Body = new BodyBuilder { TextBody = plain.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }
}
