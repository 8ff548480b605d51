using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Entrust.Tests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Entrust.Tests.Api;

/// <summary>
/// Several nodes of the platform on one PostgreSQL, as behind a balancer (issue 19): a sign-in on one node is a sign-in on every
/// node (the key ring in the database, encrypted to a certificate), a change on one node is heard by every other
/// within milliseconds (ReferenceListener), or read with each request where a node does not listen, the health endpoints a balancer asks, and a node that stops writes what it accepted.
/// A host of its own: its tests terminate demo agreements, stop nodes and close the database to connections.
/// </summary>
public sealed class ClusterTests(ClusterTests.Nodes host) : OfficerTest(host), IClassFixture<ClusterTests.Nodes>
{
    /// <summary>The nodes encrypt their keys to a certificate made here (DataProtection:CertificatePath).</summary>
    public sealed class Nodes : PostgresHost
    {
        private readonly string _certificate;

        public Nodes()
        {
            _certificate = Path.Combine(DataDirectory, "keys.pfx");
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=Entrust key ring (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(_certificate, certificate.Export(X509ContentType.Pkcs12, "key-ring"));
        }

        protected override void Configure(IWebHostBuilder web)
        {
            web.UseSetting("DataProtection:CertificatePath", _certificate);
            web.UseSetting("DataProtection:CertificatePassword", "key-ring");
        }
    }

    /// <summary>Another node with a data directory of its own: nothing but the database is shared.</summary>
    private WebApplicationFactory<Program> SecondNode(Action<IWebHostBuilder>? configure = null)
    {
        var own = Directory.CreateDirectory(Path.Combine(Host.DataDirectory, "node-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var node = Host.AnotherNode(web =>
        {
            web.UseSetting("Database:DataDirectory", own);
            configure?.Invoke(web);
        });
        _ = node.Server;
        return node;
    }

    private static HttpClient ClientOf(WebApplicationFactory<Program> node, string? bearer = null)
    {
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : []);

    private async Task<string> TokenAsync(string userName)
    {
        using var login = await Host.PostLoginAsync(userName, HostFixture.Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).Str("accessToken");
    }

    [Fact]
    public async Task ASignInOnOneNodeIsASignInOnEveryNodeAndTheKeysAreEncryptedInTheDatabase()
    {
        await using var second = SecondNode();
        var (a, b) = (Host.Anonymous(handleCookies: false), ClientOf(second));

        // The bearer token node A issued opens the API on node B.
        using var onB = ClientOf(second, await TokenAsync("office"));
        Assert.Equal("office", (await onB.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK)).Str("userName"));

        // The console: the form (and its antiforgery cookie) from node A is posted to node B, whose cookie then opens node A's pages.
        using var form = await a.GetAsync("/Account/Login");
        var html = await form.Content.ReadAsStringAsync();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = "office",
                ["Input.Password"] = HostFixture.Password,
                ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(html),
            }),
        };
        post.Headers.Add("Cookie", Cookies(form));
        using var signedIn = await b.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var home = new HttpRequestMessage(HttpMethod.Get, "/");
        home.Headers.Add("Cookie", Cookies(signedIn));
        using var page = await a.SendAsync(home);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // One key ring, in the database, each key encrypted to the certificate; no node kept a folder of keys.
        List<string> keys = [];
        await using (var connection = new NpgsqlConnection(Host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT \"Xml\" FROM \"DataProtectionKeys\"", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("EncryptedData", k));
        Assert.All(keys, k => Assert.DoesNotContain("<value>", k));
        Assert.False(Directory.Exists(Path.Combine(Host.DataDirectory, "keys")));
    }

    /// <summary>
    /// Node B listens (the default) and hears node A's commit a few milliseconds after it: the test waits until it has heard, then
    /// its next requests are refused. Node C does not listen (Database:ListenForChanges=false) and reads the shared versions with
    /// each request: refused at once, without hearing anything.
    /// </summary>
    [Fact]
    public async Task AnAgreementTerminatedOnOneNodeIsRefusedOnTheOthers()
    {
        // Two officers of 歇马镇 certified in forestry and a forest area; the demo entitles 歇马镇 to 森林防火检查 (198-04).
        var matter = await DemoMatterAsync("198-04");
        var first = await CertifiedAsync("林检甲");
        var second = await CertifiedAsync("林检乙");
        var target = (await (await As("office")).PostAsJsonAsync("/api/targets", new
        {
            townshipId = Ids.Xiema,
            name = "林区" + Guid.NewGuid().ToString("N")[..6],
            kind = "ForestArea",
            address = "歇马镇虎头村",
            riskLevel = "Low",
        }).ExpectAsync(HttpStatusCode.Created)).Id();
        object Inspection() => new
        {
            matterId = matter,
            kind = "Routine",
            startedAt = Host.Clock.GetUtcNow().AddHours(-1),
            targetIds = new[] { target },
            officerIds = new[] { first, second },
            findings = "林区防火通道畅通，未发现野外用火。",
            result = "NoProblem",
        };
        string Entitlement() => $"/api/entitlements?township={Ids.Xiema}&matter={matter}&authority=InspectionOnly&date={Day(Today)}";

        await using var nodeB = SecondNode();
        await using var nodeC = SecondNode(web => web.UseSetting("Database:ListenForChanges", "false"));
        var (memoryOfB, memoryOfC) = (nodeB.Services.GetRequiredService<ReferenceMemory>(), nodeC.Services.GetRequiredService<ReferenceMemory>());
        await Until(() => memoryOfB.Listening, "node B listens");
        Assert.False(memoryOfC.Listening);
        var nodes = new List<(HttpClient Town, HttpClient Office)>();
        foreach (var node in new[] { nodeB, nodeC })
        {
            nodes.Add((ClientOf(node, await TokenAsync("town.xiema")), ClientOf(node, await TokenAsync("office"))));
        }
        // Each node has read and kept 歇马镇's agreements: it records an inspection and answers the entitlement from memory.
        Guid agreement = default;
        foreach (var (town, office) in nodes)
        {
            await town.PostAsJsonAsync("/api/inspections", Inspection()).ExpectAsync(HttpStatusCode.Created);
            var before = await office.GetAsync(Entitlement()).ExpectAsync(HttpStatusCode.OK);
            Assert.True(before.GetProperty("allowed").GetBoolean());
            agreement = before.GetProperty("agreementId").GetGuid();
        }

        // Node A terminates the agreement today. B hears it; C hears nothing and asks the database.
        var (heardOnB, heardOnC) = (memoryOfB.VersionOf(["Agreement"]), memoryOfC.VersionOf(["Agreement"]));
        await TerminateAsync(agreement, Today, "乡镇机构改革");
        await Until(() => memoryOfB.VersionOf(["Agreement"]) != heardOnB, "node B hears the termination");
        Assert.Equal(heardOnC, memoryOfC.VersionOf(["Agreement"]));

        // The next requests on nodes B and C are refused, nothing written.
        foreach (var (town, office) in nodes)
        {
            var after = await office.GetAsync(Entitlement()).ExpectAsync(HttpStatusCode.OK);
            Assert.False(after.GetProperty("allowed").GetBoolean());
            Assert.Contains("已终止", after.Str("reason"));
            var count = await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().CountAsync());
            var refused = await town.PostAsJsonAsync("/api/inspections", Inspection()).ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Equal("Inspection.NotEntitled", refused.Code());
            Assert.Equal(count, await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().CountAsync()));
            town.Dispose();
            office.Dispose();
        }
    }

    /// <summary>Waits for what another node does on its own (a bound that finds a hang, not a measure of speed).</summary>
    private static async Task Until(Func<bool> condition, string what)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(20))
        {
            Assert.True(waited < TimeSpan.FromSeconds(30), $"Waited 30 s and still not: {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// What a scraper reads on each node's <c>/metrics</c> (issue 19): that node's own requests by route and status with their
    /// latency histogram, its own gap scans and its own writer's queue, and still so after another node in the process has ended
    /// (the two hosts share one process here, as a node never does in production: Telemetry.OtherHosts).
    /// </summary>
    [Fact]
    public async Task EachNodeShowsItsOwnRequestsScansAndWriterQueueOnMetrics()
    {
        using var scraperA = Host.Anonymous();
        using var officeOnA = await As("office");
        var a0 = await scraperA.GetStringAsync("/metrics");
        var second = SecondNode();
        string b1;
        try
        {
            using var officeOnB = ClientOf(second, await TokenAsync("office"));
            using var scraperB = ClientOf(second);
            for (var i = 0; i < 3; i++)
            {
                await officeOnB.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
            }
            using (var refused = await scraperB.GetAsync("/api/me"))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }
            await officeOnB.PostAsync("/api/gaps/scan", null).ExpectAsync(HttpStatusCode.OK);
            await officeOnA.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
            b1 = await ScrapeAsync(scraperB, t => Requests(t, 200) >= 3 && Requests(t, 401) >= 1);
        }
        finally
        {
            await second.DisposeAsync();
        }
        // Node A answers once more after node B has ended.
        await officeOnA.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        var a1 = await ScrapeAsync(scraperA, t => Requests(t, 200) >= Requests(a0, 200) + 2);

        // Each node counts what it answered, and only that: the rate and the errors by route and status, the latency histogram.
        Assert.Equal((Requests(a0, 200) + 2, Requests(a0, 401)), (Requests(a1, 200), Requests(a1, 401)));
        Assert.Equal((3, 1), (Requests(b1, 200), Requests(b1, 401)));
        Assert.Equal(3, Count(b1, "http_server_request_duration_seconds_bucket", MeRoute, "http_response_status_code=\"200\"", "le=\"+Inf\""));
        // The scan ran on node B: its duration is B's, not A's.
        Assert.Equal(1, Count(b1, "entrust_gap_scan_duration_seconds_count", "trigger=\"manual\"", "outcome=\"done\""));
        Assert.Equal(Count(a0, "entrust_gap_scan_duration_seconds_count", "trigger=\"manual\""),
            Count(a1, "entrust_gap_scan_duration_seconds_count", "trigger=\"manual\""));
        // Each node's writer queue, idle: one line each, and node A's still there after node B ended.
        foreach (var text in new[] { a1, b1 })
        {
            Assert.Single(text.Split('\n'), l => l.StartsWith("entrust_inspection_writer_queue ", StringComparison.Ordinal));
            Assert.Contains("\nentrust_inspection_writer_queue 0\n", text);
            Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        }
    }

    /// <summary>
    /// A node's <c>/metrics</c> once it shows what <paramref name="shows"/> waits for, or after half a minute as it is then: a
    /// request's duration is recorded when the server has finished with it, which can be just after its client has the answer.
    /// </summary>
    private static async Task<string> ScrapeAsync(HttpClient scraper, Func<string, bool> shows)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var text = await scraper.GetStringAsync("/metrics");
            if (shows(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }
            await Task.Delay(50);
        }
    }

    private const string MeRoute = "http_route=\"/api/me/\"";

    /// <summary>The requests to <c>/api/me</c> a node answered with this status (its route pattern: the group's, with a slash).</summary>
    private static long Requests(string metrics, int status) =>
        Count(metrics, "http_server_request_duration_seconds_count", MeRoute, $"http_response_status_code=\"{status}\"");

    /// <summary>The sum of one metric's lines that carry every one of these labels.</summary>
    private static long Count(string metrics, string name, params string[] labels) => metrics.Split('\n')
        .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal)))
        .Sum(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    private async Task<Guid> CertifiedAsync(string name)
    {
        var officer = await PassedOfficerAsync(Ids.Xiema, name + Guid.NewGuid().ToString("N")[..4]);
        await (await As("office")).PostAsJsonAsync("/api/certificates",
            new { officerId = officer, domains = new[] { "forestry" }, issuedOn = Day(Today.AddDays(-20)) }).ExpectAsync(HttpStatusCode.Created);
        return officer;
    }

    [Fact]
    public async Task ANodeIsAliveWhileItAnswersAndReadyOnlyWithItsDatabaseReachableAndMigrated()
    {
        using var anonymous = Host.Anonymous();
        Assert.Equal("Healthy", await anonymous.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await anonymous.GetStringAsync("/health/ready"));

        // A migration this build knows is not applied (a node started before `migrate` ran, or while it runs): not ready, alive.
        var last = await ExecuteAsync(Host.ConnectionString,
            "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT max(\"MigrationId\") FROM \"__EFMigrationsHistory\") RETURNING \"MigrationId\" || '|' || \"ProductVersion\"");
        try
        {
            await ExpectHealthAsync(anonymous, "/health/ready", HttpStatusCode.ServiceUnavailable, "Unhealthy");
            await ExpectHealthAsync(anonymous, "/health/live", HttpStatusCode.OK, "Healthy");
        }
        finally
        {
            var (id, version) = (last!.Split('|')[0], last.Split('|')[1]);
            await ExecuteAsync(Host.ConnectionString, $"INSERT INTO \"__EFMigrationsHistory\" VALUES ('{id}', '{version}')");
        }
        await ExpectHealthAsync(anonymous, "/health/ready", HttpStatusCode.OK, "Healthy");

        // A database that does not answer: the same check, on a context that points at a port where nothing listens.
        using var scope = Host.Services.CreateScope();
        await using var unreachable = new PostgresEntrustDbContext(new DbContextOptionsBuilder<PostgresEntrustDbContext>()
            .UseNpgsql("Host=127.0.0.1;Port=1;Username=postgres;Database=entrust;Timeout=2").Options, CurrentUserAccessor.Fixed(CurrentUser.System));
        var check = new ReadinessCheck(unreachable, scope.ServiceProvider.GetRequiredService<Readiness>());
        var answer = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal((HealthStatus.Unhealthy, "database unreachable"), (answer.Status, answer.Description));
        await ExpectHealthAsync(anonymous, "/health/ready", HttpStatusCode.OK, "Healthy");
    }

    private static async Task ExpectHealthAsync(HttpClient client, string path, HttpStatusCode status, string body)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal((status, body), (response.StatusCode, await response.Content.ReadAsStringAsync()));
    }

    private static async Task<string?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    [Fact]
    public async Task ANodeThatStopsWritesTheInspectionsItAcceptedAndTakesNoMore()
    {
        var matter = await DemoMatterAsync("198-04");
        var (first, second) = (await CertifiedAsync("林检丙"), await CertifiedAsync("林检丁"));
        var target = (await (await As("office")).PostAsJsonAsync("/api/targets", new
        {
            townshipId = Ids.Xiema,
            name = "林区" + Guid.NewGuid().ToString("N")[..6],
            kind = "ForestArea",
            address = "歇马镇虎头村",
            riskLevel = "Low",
        }).ExpectAsync(HttpStatusCode.Created)).Id();
        var (district, department) = await Host.WithDbAsync(async db => (
            await db.Townships.IgnoreQueryFilters().Where(t => t.Id == Ids.Xiema).Select(t => t.DistrictId).SingleAsync(),
            await db.Matters.IgnoreQueryFilters().Where(m => m.Id == matter).Select(m => m.DepartmentId).SingleAsync()));
        var user = new CurrentUser { UserName = "town.xiema", Role = Roles.Township, DistrictId = district, TownshipId = Ids.Xiema };
        Inspection Checked() => new(district, Ids.Xiema, matter, department, InspectionKind.Routine, null, [], Host.Clock.GetUtcNow().AddHours(-1),
            "停机前受理", InspectionResult.NoProblem, [target], [first, second], Host.Clock.GetUtcNow(), "town.xiema");

        await using var node = SecondNode();
        var writer = node.Services.GetRequiredService<InspectionWriter>();
        List<Inspection> accepted = [.. Enumerable.Range(0, 6).Select(_ => Checked())];
        Task stopped;
        List<Task> answers;
        // The inspections table held by another transaction: the writers block on their first insert, the rest wait in the queue.
        await using (var holder = new NpgsqlConnection(Host.ConnectionString + ";Pooling=false"))
        {
            await holder.OpenAsync();
            await using var hold = await holder.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE \"Inspections\" IN SHARE ROW EXCLUSIVE MODE", holder, hold))
            {
                await lockTable.ExecuteNonQueryAsync();
            }
            answers = [.. accepted.Select(i => writer.WriteAsync(user, i, []))];
            stopped = node.Services.GetRequiredService<IHost>().StopAsync();
            await writer.Closed;
            Assert.Throws<InvalidOperationException>(() => { _ = writer.WriteAsync(user, Checked(), []); });
            Assert.DoesNotContain(answers, a => a.IsCompleted);
            await hold.RollbackAsync();
        }
        await stopped;
        await Task.WhenAll(answers);
        var ids = accepted.Select(i => i.Id).ToList();
        Assert.Equal(accepted.Count, await Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().CountAsync(i => ids.Contains(i.Id))));
    }
}
