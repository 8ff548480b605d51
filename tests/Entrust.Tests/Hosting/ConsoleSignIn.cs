using System.Net;
using System.Text.RegularExpressions;

namespace Entrust.Tests.Hosting;

/// <summary>Signing in to the console as a browser does: the form's antiforgery field, then the cookie.</summary>
public static partial class ConsoleSignIn
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public static string Antiforgery(string form) => AntiforgeryField().Match(form).Groups[1].Value;

    /// <summary>A client holding the console cookie of <paramref name="userName"/> (demo password).</summary>
    public static async Task<HttpClient> SignInAsync(HostFixture host, string userName)
    {
        var client = host.Anonymous();
        var form = await client.GetStringAsync("/Account/Login");
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = HostFixture.Password,
            ["__RequestVerificationToken"] = Antiforgery(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        return client;
    }
}
