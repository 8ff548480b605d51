using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Entrust.Web.Platform;

/// <summary>
/// OpenTelemetry metrics and traces (issue 19): requests (ASP.NET Core), outgoing calls (HttpClient), the database (Npgsql's
/// own commands and connection pool; EF Core's meter), the runtime (GC, threads, exceptions), and the platform's own figures
/// (<see cref="PlatformMetrics"/>: the inspection writer's queue, gap scan durations). Metrics are always collected and shown in
/// Prometheus' text format on <c>/metrics</c> to the machine itself and the addresses in <c>Telemetry:MetricsFrom</c>
/// (<see cref="PrometheusText"/>). Both go by OTLP to a collector only when <c>Telemetry:OtlpEndpoint</c> (or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) names one; traces are made only then.
/// <para>A host shows its own requests only. ASP.NET Core makes its meters per host, by the host's <see cref="IMeterFactory"/>
/// (the meter's <see cref="Meter.Scope"/> is that factory), but OpenTelemetry listens by meter name to every meter of the process:
/// with two hosts in one process (the tests' nodes) each host would count the other's requests in one stream, and when one host
/// ended, its meters' end would retire that shared stream in the other host too, whose requests then vanished from its
/// <c>/metrics</c>. So instruments of another host's factory are dropped (<see cref="OtherHosts"/>); meters made without a factory
/// (the runtime, Npgsql, EF Core) are the process's and shown by every host. One host per process, as in production, is unchanged.</para>
/// </summary>
public static class Telemetry
{
    public const string Name = "Entrust";

    public static readonly ActivitySource Source = new(Name);

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration config)
    {
        var otlp = config["Telemetry:OtlpEndpoint"] ?? config["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var prometheus = new PrometheusText();
        services.AddSingleton(prometheus);
        services.AddSingleton<PlatformMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config["Telemetry:ServiceName"] ?? "entrust"))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting", "Microsoft.EntityFrameworkCore", "Npgsql", Name)
                    .AddReader(prometheus.Reader);
                // The view needs the host's own meter factory: the builder is deferred until the host's services exist.
                ((IDeferredMeterProviderBuilder)m).Configure((host, b) => b.AddView(OtherHosts(host.GetRequiredService<IMeterFactory>())));
                if (otlp is { Length: > 0 })
                {
                    m.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });
        if (otlp is { Length: > 0 })
        {
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health")
                    && !http.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation()
                .AddSource("Npgsql", Name)
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }
        return services;
    }

    /// <summary>Drops the instruments of a meter another host's factory made; keeps this host's and the process's own.</summary>
    public static Func<Instrument, MetricStreamConfiguration?> OtherHosts(IMeterFactory own) =>
        instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own) ? MetricStreamConfiguration.Drop : null;

    /// <summary>
    /// <c>GET /metrics</c>: every instrument in Prometheus' text format (version 0.0.4), for a scraper on this machine or at an
    /// address in <c>Telemetry:MetricsFrom</c> (addresses or networks such as <c>10.1.0.0/16</c>). Others get a 404: request
    /// counts by route are nobody else's business. Behind the balancer (<c>Proxy:Enabled</c>) the client's address is the one it
    /// forwarded, so the balancer's own address opens nothing.
    /// </summary>
    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var config = app.ServiceProvider.GetRequiredService<IConfiguration>();
        var allowed = (config.GetSection("Telemetry:MetricsFrom").Get<string[]>() ?? [])
            .Select(a => a.Contains('/') ? System.Net.IPNetwork.Parse(a) : new System.Net.IPNetwork(IPAddress.Parse(a), IPAddress.Parse(a).GetAddressBytes().Length * 8))
            .ToList();
        return app.MapGet("/metrics", (HttpContext http, PrometheusText prometheus) =>
        {
            var from = http.Connection.RemoteIpAddress;
            if (from is not null && !IPAddress.IsLoopback(from) && !allowed.Any(n => n.Contains(from.IsIPv4MappedToIPv6 ? from.MapToIPv4() : from)))
            {
                return Results.NotFound();
            }
            return Results.Text(prometheus.Collect(), "text/plain; version=0.0.4; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
    }
}

/// <summary>The platform's own instruments (names under <c>entrust.</c>), one set per host: made by the host's meter factory.</summary>
public sealed class PlatformMetrics(IMeterFactory meters)
{
    /// <summary>How long one district's gap scan took (GapScanner), seconds, by trigger and outcome.</summary>
    public Histogram<double> GapScanDuration { get; } = meters.Create(Telemetry.Name)
        .CreateHistogram<double>("entrust.gap_scan.duration", "s", "How long one district's gap scan took.");
}

/// <summary>
/// A pull reader whose exporter writes what it is given in Prometheus' text format: counters as <c>_total</c>, up-down counters
/// and gauges as gauges, histograms as cumulative buckets with <c>_sum</c> and <c>_count</c>, units as name suffixes
/// (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>). OpenTelemetry's own Prometheus exporter is not released yet (a beta only).
/// </summary>
public sealed class PrometheusText
{
    private readonly Exporter _exporter = new();
    private readonly Lock _collecting = new();

    public PrometheusText() => Reader = new BaseExportingMetricReader(_exporter) { TemporalityPreference = MetricReaderTemporalityPreference.Cumulative };

    public MetricReader Reader { get; }

    public string Collect()
    {
        lock (_collecting)
        {
            _exporter.Text.Clear();
            Reader.Collect(5000);
            return _exporter.Text.ToString();
        }
    }

    // Push and pull (the default): OpenTelemetry lets a reader's Collect reach a pull-only exporter only from its own scrapers.
    private sealed class Exporter : BaseExporter<Metric>
    {
        public StringBuilder Text { get; } = new();

        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                Write(Text, metric);
            }
            return ExportResult.Success;
        }
    }

    private static void Write(StringBuilder text, Metric metric)
    {
        var name = Name(metric.Name, metric.Unit);
        var (type, suffix) = metric.MetricType switch
        {
            MetricType.LongSum or MetricType.DoubleSum => ("counter", "_total"),
            MetricType.Histogram => ("histogram", ""),
            MetricType.ExponentialHistogram => ("", ""),
            _ => ("gauge", ""),
        };
        if (type == "")
        {
            return;
        }
        if (!string.IsNullOrEmpty(metric.Description))
        {
            text.Append("# HELP ").Append(name).Append(suffix).Append(' ').Append(metric.Description.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
        }
        text.Append("# TYPE ").Append(name).Append(suffix).Append(' ').Append(type).Append('\n');
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var labels = Labels(point.Tags);
            switch (metric.MetricType)
            {
                case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                    Line(text, name + suffix, labels, point.GetSumLong());
                    break;
                case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                    Line(text, name + suffix, labels, point.GetSumDouble());
                    break;
                case MetricType.LongGauge:
                    Line(text, name, labels, point.GetGaugeLastValueLong());
                    break;
                case MetricType.DoubleGauge:
                    Line(text, name, labels, point.GetGaugeLastValueDouble());
                    break;
                case MetricType.Histogram:
                    long cumulative = 0;
                    foreach (var bucket in point.GetHistogramBuckets())
                    {
                        cumulative += bucket.BucketCount;
                        var le = double.IsPositiveInfinity(bucket.ExplicitBound) ? "+Inf" : Number(bucket.ExplicitBound);
                        Line(text, name + "_bucket", Join(labels, $"le=\"{le}\""), cumulative);
                    }
                    Line(text, name + "_sum", labels, point.GetHistogramSum());
                    Line(text, name + "_count", labels, point.GetHistogramCount());
                    break;
            }
        }
    }

    private static void Line(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append(labels.Length > 0 ? "{" + labels + "}" : "").Append(' ').Append(Number(value)).Append('\n');

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Join(string labels, string more) => labels.Length > 0 ? labels + "," + more : more;

    private static string Labels(ReadOnlyTagCollection tags)
    {
        var labels = new StringBuilder();
        foreach (var tag in tags)
        {
            var value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
            labels.Append(labels.Length > 0 ? "," : "").Append(Sanitize(tag.Key)).Append("=\"")
                .Append(value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")).Append('"');
        }
        return labels.ToString();
    }

    /// <summary><c>http.server.request.duration</c> in <c>s</c> → <c>http_server_request_duration_seconds</c>.</summary>
    public static string Name(string name, string? unit)
    {
        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => "",
        };
        var sanitized = Sanitize(name);
        return sanitized.EndsWith(suffix, StringComparison.Ordinal) ? sanitized : sanitized + suffix;
    }

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_').ToArray();
        return char.IsAsciiDigit(chars[0]) ? "_" + new string(chars) : new string(chars);
    }
}
