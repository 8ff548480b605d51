using System.Net;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>GET /health, GET /openapi/v1.json and the API reference page; every /api endpoint wants a bearer token.</summary>
public abstract class PlatformTests(HostFixture host) : ApiTest(host)
{
    private static readonly string[] IssueTwoEndpoints =
    [
        "/api/auth/login", "/api/me", "/api/me/password",
        "/api/departments", "/api/departments/{id}", "/api/townships", "/api/townships/{id}", "/api/townships/{id}/offices",
        "/api/matters", "/api/matters/{id}", "/api/matters/import", "/api/matters/export", "/api/matters/template",
        "/api/holidays/{year}", "/api/workdays/add", "/api/audit", "/api/audit/verify",
        "/api/districts", "/api/districts/{id}", "/api/users", "/api/users/{id}", "/api/users/{id}/password",
        "/api/users/{id}/lock", "/api/users/{id}/unlock",
    ];

    private static readonly string[] IssueThreeEndpoints =
    [
        "/api/scope", "/api/scope/decisions", "/api/scope-requests", "/api/scope-requests/{id}/approve", "/api/scope-requests/{id}/reject",
        "/api/agreements", "/api/agreements/{id}", "/api/agreements/{id}/submit", "/api/agreements/{id}/review", "/api/agreements/{id}/sign",
        "/api/agreements/{id}/publish", "/api/agreements/{id}/terminate", "/api/agreements/{id}/amend", "/api/agreements/batch-sign",
        "/api/agreements/{id}/document", "/api/docking", "/api/matrix", "/api/matrix/export", "/api/entitlements", "/api/public/agreements",
    ];

    private static readonly string[] IssueSixEndpoints =
    [
        "/api/cases", "/api/cases/{id}", "/api/cases/summary", "/api/cases/deadlines", "/api/cases/settings",
        "/api/cases/{id}/investigate", "/api/cases/{id}/notify", "/api/cases/{id}/request-hearing", "/api/cases/{id}/hold-hearing",
        "/api/cases/{id}/review", "/api/cases/{id}/discuss", "/api/cases/{id}/decide", "/api/cases/{id}/deliver",
        "/api/cases/{id}/record-payment", "/api/cases/{id}/close", "/api/cases/{id}/transfer", "/api/cases/{id}/extend",
        "/api/cases/{id}/evidence", "/api/cases/{id}/evidence/{evidenceId}/files", "/api/cases/{id}/files/{fileId}",
        "/api/cases/{id}/remedies", "/api/cases/{id}/remedies/{remedyId}/outcome",
        "/api/cases/{id}/documents/{kind}", "/api/public/decisions",
    ];

    /// <summary>Issue 18: every console list's .xlsx export from the API as well (the same code as the page's export button).</summary>
    private static readonly string[] IssueEighteenExports =
    [
        "/api/holidays/{year}/export", "/api/departments/export", "/api/townships/export", "/api/districts/export",
        "/api/officer-conflicts/export", "/api/accountability/export", "/api/meetings/members/export", "/api/inspection-items/export",
        "/api/training-classes/{id}/attendance/export", "/api/coverage/export",
    ];

    private async Task<JsonElement> OpenApiAsync() =>
        await Host.Anonymous().GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task HealthSaysTheProcessAndTheDatabaseAreUp()
    {
        using var response = await Host.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryEndpointAndTheBearerScheme()
    {
        var document = await OpenApiAsync();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(IssueTwoEndpoints.Concat(IssueThreeEndpoints).Concat(IssueSixEndpoints).Concat(IssueEighteenExports),
            e => Assert.Contains(e, paths));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.Str("type"));
        Assert.Equal("bearer", scheme.Str("scheme"));
    }

    [Fact]
    public async Task TheApiReferencePageIsBrowsable()
    {
        using var redirect = await Host.Anonymous().GetAsync("/api-reference");
        var location = redirect.StatusCode is HttpStatusCode.Found or HttpStatusCode.MovedPermanently
            ? redirect.Headers.Location?.OriginalString ?? "" : "/api-reference";
        using var response = await Host.Anonymous().GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync());
        using var script = await Host.Anonymous().GetAsync(location.TrimEnd('/') + "/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task EveryApiEndpointButLoginRefusesAnAnonymousCaller()
    {
        var document = await OpenApiAsync();
        var anonymous = Host.Anonymous();
        var checkedCount = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            // Signing in, its second step (which carries the token the first step answered) and refreshing (which carries the refresh
            // token) are for anyone: each answers for the token in its body.
            if (!path.Name.StartsWith("/api/", StringComparison.Ordinal)
                || path.Name is "/api/auth/login" or "/api/auth/login/two-factor" or "/api/auth/refresh")
            {
                continue;
            }
            // Every route value is a Guid ({id}, {traineeId} …) except the year.
            var url = System.Text.RegularExpressions.Regex.Replace(path.Name, @"\{(\w+)\}",
                m => m.Groups[1].Value == "year" ? "2026" : Guid.NewGuid().ToString());
            // Public disclosure (公示, LAW.md rule 24) is for anyone: it answers without a token.
            var expected = path.Name.StartsWith("/api/public/", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete"))
            {
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url);
                using var response = await anonymous.SendAsync(request);
                Assert.True(response.StatusCode == expected, $"{operation.Name} {url} answered {(int)response.StatusCode}, expected {(int)expected}");
                checkedCount++;
            }
        }
        Assert.True(checkedCount >= 20, $"only {checkedCount} operations were found in the document");
    }

    [Fact]
    public async Task OnlyThePublicDisclosureIsOpenToAnonymousCallers()
    {
        var document = await OpenApiAsync();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        var open = paths.Where(p => p.StartsWith("/api/public/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["/api/public/agreements", "/api/public/decisions", "/api/public/decisions/withdrawn", "/api/public/inspection-items",
            "/api/public/inspections", "/api/public/officers"], open.Order());
        var published = await Host.Anonymous().GetAsync("/api/public/agreements").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEmpty(published.Items());
        var officers = await Host.Anonymous().GetAsync("/api/public/officers").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEmpty(officers.Items());
        var inspections = await Host.Anonymous().GetAsync("/api/public/inspections").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEmpty(inspections.Items());
        var decisions = await Host.Anonymous().GetAsync("/api/public/decisions").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEmpty(decisions.Items());
    }

    /// <summary>
    /// A client generated from the document must send each endpoint the body it binds: every JSON request body's schema lists
    /// exactly the properties of the record its handler takes (same-named records of two features once shared one schema).
    /// </summary>
    [Fact]
    public async Task EveryRequestBodySchemaIsTheRecordItsEndpointBinds()
    {
        var document = await OpenApiAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var endpoints = Host.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>();
        var checkedCount = 0;
        foreach (var endpoint in endpoints)
        {
            var accepts = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>();
            var body = accepts?.ContentTypes.Contains("application/json") == true ? accepts.RequestType : null;
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true)
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [];
            if (body is null || !body.IsClass || body == typeof(string) || body.Namespace?.StartsWith("Entrust", StringComparison.Ordinal) != true)
            {
                continue;
            }
            var route = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            route = System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)(:[^}]*)?\}", "{$1}");
            foreach (var method in methods)
            {
                Assert.True(document.GetProperty("paths").TryGetProperty(route, out var path), $"{route} is not in the document");
                var operation = path.GetProperty(method.ToLowerInvariant());
                Assert.True(operation.TryGetProperty("requestBody", out var requestBody), $"{method} {route} has no request body in the document");
                var (reference, schema) = Resolve(schemas, requestBody.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
                var documented = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToList();
                var bound = body.GetProperties().Select(p => json.PropertyNamingPolicy!.ConvertName(p.Name)).Order().ToList();
                Assert.True(documented.SequenceEqual(bound),
                    $"{method} {route} binds {body.FullName} ({string.Join(", ", bound)}) but the document says {reference} ({string.Join(", ", documented)})");
                checkedCount++;
            }
        }
        Assert.True(checkedCount >= 50, $"only {checkedCount} request bodies were checked");
    }

    /// <summary>The schema a body names: a reference, or a reference inside anyOf/oneOf/allOf (a nullable body), or inline.</summary>
    private static (string Reference, JsonElement Schema) Resolve(JsonElement schemas, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/components/schemas/".Length..];
            return (name, schemas.GetProperty(name));
        }
        foreach (var combinator in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options)
                && options.EnumerateArray().FirstOrDefault(o => o.TryGetProperty("$ref", out _)) is { ValueKind: JsonValueKind.Object } inner)
            {
                return Resolve(schemas, inner);
            }
        }
        return ("(inline)", schema);
    }

    [Fact]
    public async Task AnUnknownApiRouteIsNotFound()
    {
        await (await As("office")).GetAsync("/api/nothing-here").ExpectStatusAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PlatformTests_Sqlite(SqliteHost host) : PlatformTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PlatformTests_Postgres(PostgresHost host) : PlatformTests(host)
{
    /// <summary>The application's own connections plan without JIT compilation (Database.Tuned), unless the connection string says.</summary>
    [Fact]
    public async Task TheApplicationsConnectionsRunWithoutJitCompilation()
    {
        var jit = await Host.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync());
        Assert.Equal("off", jit);
        Assert.Contains("jit=on", Entrust.Web.Data.Database.Tuned("Host=h;Options=-c jit=on"), StringComparison.Ordinal);
        Assert.DoesNotContain("jit=off", Entrust.Web.Data.Database.Tuned("Host=h;Options=-c jit=on"), StringComparison.Ordinal);
    }

    /// <summary>Requests' connections plan every run with its values (the scope filters); the inspection writer's connections
    /// (Database.ForInserts) let PostgreSQL keep a plan for its inserts, without a statement per transaction to say so.</summary>
    [Fact]
    public async Task TheInspectionWritersConnectionsKeepTheirPlansWhileRequestsPlanEachRun()
    {
        const string PlanCacheMode = "SELECT current_setting('plan_cache_mode') AS \"Value\"";
        Assert.Equal("force_custom_plan", await Host.WithDbAsync(db => db.Database.SqlQueryRaw<string>(PlanCacheMode).SingleAsync()));
        var writers = await Host.WithDbAsync(async db =>
        {
            db.Database.SetConnectionString(Entrust.Web.Data.Database.ForInserts(db.Database.GetConnectionString()!));
            return await db.Database.SqlQueryRaw<string>(PlanCacheMode).SingleAsync();
        });
        Assert.Equal("auto", writers);
        Assert.Contains("plan_cache_mode=force_generic_plan", Entrust.Web.Data.Database.ForInserts(Entrust.Web.Data.Database.Tuned("Host=h;Options=-c plan_cache_mode=force_generic_plan")),
            StringComparison.Ordinal);
    }
}
