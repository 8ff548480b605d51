// The yardstick for the load test: the least an ASP.NET Core JSON endpoint costs on this machine,
// measured with the same wrk settings as GET /api/matters. No auth, no database, no middleware.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

app.MapGet("/json", () => new Greeting("Hello, World!", 2026));

app.Run();

internal sealed record Greeting(string Message, int Year);
