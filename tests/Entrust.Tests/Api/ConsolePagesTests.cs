using System.Net;
using Entrust.Tests.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>
/// Every console page, found from the app's own endpoints (so a page added later is covered): without signing in, only the
/// sign-in pages, the error page and the public disclosure pages answer; every other page sends the visitor to sign in.
/// </summary>
public abstract class ConsolePagesTests(HostFixture host) : ApiTest(host)
{
    private static readonly string[] OpenToAll =
    [
        "/Account/Denied", "/Account/Login", "/Account/Logout", "/Account/Password", "/Error",
        "/Public/Agreements", "/Public/Decisions", "/Public/Inspections", "/Public/Officers",
    ];

    /// <summary>Each page's URL, a route value filled with an id nobody has.</summary>
    private List<string> PageUrls() =>
        Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + string.Join('/', e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                _ => Guid.NewGuid().ToString(),
            })))))
            .Distinct().Order().ToList();

    [Fact]
    public async Task OnlyTheSignInErrorAndPublicPagesOpenWithoutSigningIn()
    {
        var urls = PageUrls();
        Assert.Contains(urls, u => u.StartsWith("/Cases/Detail/", StringComparison.Ordinal));
        Assert.All(OpenToAll, page => Assert.Contains(page, urls));
        var client = Host.Anonymous();
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url);
            if (OpenToAll.Contains(url))
            {
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    Assert.DoesNotContain("ReturnUrl", response.Headers.Location!.OriginalString);
                }
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode} without a sign-in");
                Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void ThePagesKeepTheirAddressesInTheirFeatureFolders()
    {
        var urls = PageUrls();
        foreach (var page in new[]
                 {
                     "/", "/Admin/Users", "/Campaigns", "/Certificates", "/Coverage", "/Exams", "/Exams/Edit", "/Qualification/Settings",
                     "/RandomPlans", "/RandomPlans/Conflicts", "/Rectifications", "/Catalog/Holidays", "/Cases/Deadlines", "/Agreements/Matrix",
                 })
        {
            Assert.Contains(page, urls);
        }
    }
}

internal static class UriPaths
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}

[Collection(SqliteCollection.Name)]
public sealed class ConsolePagesTests_Sqlite(SqliteHost host) : ConsolePagesTests(host);

[Collection(PostgresCollection.Name)]
public sealed class ConsolePagesTests_Postgres(PostgresHost host) : ConsolePagesTests(host);
