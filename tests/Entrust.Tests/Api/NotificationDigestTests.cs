using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Quartz;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Entrust.Tests.Api;

/// <summary>
/// The daily digest by e-mail (GET/PUT /api/notifications/digest and <see cref="NotificationDigestJob"/>): an account gives an
/// address (a bad one is refused and nothing kept), the morning job mails it the bell's unread messages once, through a real SMTP
/// conversation with an in-process server; a second run with nothing new sends nothing.
/// </summary>
public abstract class NotificationDigestTests(HostFixture host, NotificationDigestTests.Inbox inbox) : ApiTest(host)
{
    [Fact]
    public async Task ABadAddressIsRefusedAndNothingKept()
    {
        var user = await Host.CreateUserAsync(HostFixture.UniqueName("town.xiema"), Entrust.Web.Platform.Roles.Township, Ids.Beibei, township: Ids.Xiema);
        var client = await As(user);

        var refused = await client.PutAsJsonAsync("/api/notifications/digest", new { email = "周明@@example" }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Digest.AddressInvalid", refused.Code());
        Assert.Contains("电子邮箱", Assert.Single(refused.ErrorsFor("email")));
        Assert.Null(await Host.WithDbAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Email).SingleAsync()));

        var kept = await client.PutAsJsonAsync("/api/notifications/digest", new { email = " zhouming@xiema.example.gov.cn " }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("zhouming@xiema.example.gov.cn", kept.Str("email"));
        Assert.True(kept.GetProperty("mailConfigured").GetBoolean());
        // An officer has no bell, so no digest to keep.
        await (await As("officer.xiema")).PutAsJsonAsync("/api/notifications/digest", new { email = "officer@example.gov.cn" })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheMorningDigestMailsTheBellsUnreadMessagesOnce()
    {
        var user = await Host.CreateUserAsync(HostFixture.UniqueName("town.xiema"), Entrust.Web.Platform.Roles.Township, Ids.Beibei, township: Ids.Xiema);
        var address = $"{user}@xiema.example.gov.cn";
        await (await As(user)).PutAsJsonAsync("/api/notifications/digest", new { email = address }).ExpectAsync(HttpStatusCode.OK);
        await (await As("office")).PostAsync("/api/gaps/scan", null).ExpectAsync(HttpStatusCode.OK);
        var bell = await (await As(user)).GetAsync("/api/notifications").ExpectAsync(HttpStatusCode.OK);
        var titles = bell.GetProperty("items").EnumerateArray().Select(n => n.Str("title")).ToList();
        Assert.NotEmpty(titles);

        await RunDigestAsync();

        var mail = Assert.Single(inbox.To(address));
        Assert.StartsWith("委托执法监管平台", mail.From.Mailboxes.Single().Name, StringComparison.Ordinal);
        Assert.Contains(titles[0], mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(titles[^1]), mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("/Gaps", mail.TextBody, StringComparison.Ordinal);

        // Nothing new since: the next morning sends this account nothing.
        await RunDigestAsync();
        Assert.Single(inbox.To(address));
        Assert.Equal(1, await Host.WithDbAsync(db => db.NotificationDigests.CountAsync(d => d.UserId == db.Users.Single(u => u.UserName == user).Id)));
    }

    private async Task RunDigestAsync()
    {
        var scheduler = await Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var listener = new JobDone();
        scheduler.ListenerManager.AddJobListener(listener, [Matchers.Key(NotificationDigestJob.Key)]);
        try
        {
            await scheduler.TriggerJob(NotificationDigestJob.Key);
            Assert.Null(await listener.Finished.Task.WaitAsync(TimeSpan.FromMinutes(2)));
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(listener.Name);
        }
    }

    /// <summary>
    /// An SMTP server in the test process on a free port, listening from its creation to the end of the test run: every message it
    /// accepts, parsed.
    /// </summary>
    public sealed class Inbox : MessageStore
    {
        private readonly ConcurrentQueue<MimeMessage> _received = new();

        public Inbox()
        {
            var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
            var services = new SmtpServer.ComponentModel.ServiceProvider();
            services.Add(this);
            _ = new SmtpServer.SmtpServer(options, services).StartAsync(CancellationToken.None);
        }

        public int Port { get; } = FreePort();

        public IReadOnlyList<MimeMessage> To(string address) =>
            [.. _received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            _received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }

        private static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
    }

    /// <summary>A host with a mail server: the in-process one.</summary>
    public static void WithMail(IWebHostBuilder web, Inbox inbox)
    {
        web.UseSetting("Mail:Host", "127.0.0.1");
        web.UseSetting("Mail:Port", inbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("Mail:Security", "None");
        web.UseSetting("Mail:From", "entrust@beibei.example.gov.cn");
    }
}

public sealed class MailSqliteHost : SqliteHost
{
    public NotificationDigestTests.Inbox Inbox { get; } = new();

    protected override void Configure(IWebHostBuilder web) => NotificationDigestTests.WithMail(web, Inbox);
}

public sealed class MailPostgresHost : PostgresHost
{
    public NotificationDigestTests.Inbox Inbox { get; } = new();

    protected override void Configure(IWebHostBuilder web) => NotificationDigestTests.WithMail(web, Inbox);
}

public sealed class NotificationDigestTests_Sqlite(MailSqliteHost host) : NotificationDigestTests(host, host.Inbox), IClassFixture<MailSqliteHost>;

public sealed class NotificationDigestTests_Postgres(MailPostgresHost host) : NotificationDigestTests(host, host.Inbox), IClassFixture<MailPostgresHost>;
