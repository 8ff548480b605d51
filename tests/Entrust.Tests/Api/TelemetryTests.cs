using System.Net;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>
/// The metrics a Prometheus scraper reads on <c>/metrics</c> (Platform/Telemetry.cs, issue 19): the requests answered by route
/// and status, the inspection writer's queue, the runtime; shown to the machine itself, never to a client elsewhere.
/// </summary>
public abstract class TelemetryTests(HostFixture host) : ApiTest(host)
{
    [Fact]
    public async Task TheMetricsAreNotShownToAClientElsewhere()
    {
        // The test hosts run as behind the balancer (Proxy:Enabled): the address it forwards is the client's.
        using var outside = Host.Anonymous();
        outside.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        Assert.Equal(HttpStatusCode.NotFound, (await outside.GetAsync("/metrics")).StatusCode);

        using var local = Host.Anonymous();
        local.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync("/metrics")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TelemetryTests_Sqlite(SqliteHost host) : TelemetryTests(host);

[Collection(PostgresCollection.Name)]
public sealed class TelemetryTests_Postgres(PostgresHost host) : TelemetryTests(host);
