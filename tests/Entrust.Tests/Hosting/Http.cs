using System.Net;
using System.Text.Json;

namespace Entrust.Tests.Hosting;

/// <summary>Small readers for answers: the status first (with the body in the message when it is wrong), then JSON.</summary>
public static class Http
{
    public static async Task<JsonElement> ExpectAsync(this Task<HttpResponseMessage> sending, HttpStatusCode status)
    {
        using var response = await sending;
        return await response.ExpectAsync(status);
    }

    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != status)
        {
            var serverError = response.StatusCode == HttpStatusCode.InternalServerError
                && JsonDocument.Parse(body).RootElement.TryGetProperty("traceId", out var trace)
                ? "\n" + ServerLog.For(trace.GetString()!) : "";
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered " +
                $"{(int)response.StatusCode} {response.StatusCode}, expected {(int)status} {status}: {body}{serverError}");
        }
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task ExpectStatusAsync(this Task<HttpResponseMessage> sending, HttpStatusCode status) =>
        await sending.ExpectAsync(status);

    public static string Str(this JsonElement e, string property) =>
        e.GetProperty(property).GetString() ?? throw new InvalidOperationException($"{property} is null");

    public static Guid Id(this JsonElement e) => e.GetProperty("id").GetGuid();

    public static int Total(this JsonElement page) => page.GetProperty("total").GetInt32();

    public static IEnumerable<JsonElement> Items(this JsonElement pageOrList) =>
        (pageOrList.ValueKind == JsonValueKind.Array ? pageOrList : pageOrList.GetProperty("items")).EnumerateArray();

    /// <summary>The messages of one field in a ValidationProblem's (or a rule's) <c>errors</c>; none when the field has none.</summary>
    public static string[] ErrorsFor(this JsonElement problem, string field)
    {
        if (!problem.TryGetProperty("errors", out var errors))
        {
            return [];
        }
        foreach (var p in errors.EnumerateObject())
        {
            if (string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray();
            }
        }
        return [];
    }

    public static IReadOnlyList<string> ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToList() : [];

    /// <summary>The <c>code</c> extension a refused rule carries (the message key), or null.</summary>
    public static string? Code(this JsonElement problem) =>
        problem.TryGetProperty("code", out var code) ? code.GetString() : null;

    public static bool HasChinese(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    public static void AssertChinese(string text) =>
        Assert.True(HasChinese(text), $"expected a Chinese message, got \"{text}\"");

    public static void AssertNotChinese(string text) =>
        Assert.False(HasChinese(text), $"expected an English message, got \"{text}\"");
}
