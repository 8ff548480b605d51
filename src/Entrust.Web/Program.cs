using System.Text.Json.Serialization;
using Entrust.Web.Data;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Assessment;
using Entrust.Web.Features.Audit;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Demo;
using Entrust.Web.Features.Gaps;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.Meetings;
using Entrust.Web.Features.Notifications;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Features.Reports;
using Entrust.Web.Features.Scope;
using Entrust.Web.Features.Targets;
using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<CurrentUserAccessor>();
builder.Services.AddScoped(sp => sp.GetRequiredService<CurrentUserAccessor>().Current);
builder.Services.AddEntrustDatabase(config);
// Chinese text goes out as text, not as &#x…; entities (still HTML-encoded where it must be).
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddScoped<Catalogue>();
builder.Services.AddScoped<MatterSpreadsheet>();
builder.Services.AddScoped<HolidayCalendar>();
builder.Services.AddScoped<DemoDistrict>();
builder.Services.AddScoped<AgreementBook>();
builder.Services.AddScoped<EntrustmentBook>();
builder.Services.AddScoped<AuditBook>();
builder.Services.AddScoped<SecurityEvents>();
builder.Services.AddScoped<AuditReader>();
builder.Services.AddScoped<ScopeBook>();
builder.Services.AddScoped<Entitlements>();
builder.Services.AddScoped<OfficerRegistry>();
builder.Services.AddScoped<CertificateBook>();
builder.Services.AddScoped<OfficerPowers>();
builder.Services.AddScoped<OfficerPicker>();
builder.Services.AddScoped<TrainingBook>();
builder.Services.AddScoped<AttendanceBook>();
builder.Services.AddScoped<ExamBook>();
builder.Services.AddScoped<UserDirectory>();
builder.Services.AddScoped<TargetRegistry>();
builder.Services.AddScoped<TargetFile>();
builder.Services.AddScoped<TargetSpreadsheet>();
builder.Services.AddScoped<RandomPlanBook>();
builder.Services.AddScoped<ConflictBook>();
builder.Services.AddScoped<InspectionItemBook>();
builder.Services.AddScoped<InspectionBook>();
builder.Services.AddScoped<CaseBook>();
builder.Services.AddScoped<CampaignBook>();
builder.Services.AddScoped<Entrust.Web.Features.Shared.ConsoleMenu>();
builder.Services.AddScoped<ListExport>();
builder.Services.AddScoped<ReportFigures>();
builder.Services.AddScoped<ReportBook>();
builder.Services.AddScoped<AssessmentRecords>();
builder.Services.AddScoped<AssessmentBook>();
builder.Services.AddScoped<FileReviewBook>();
builder.Services.AddScoped<AccountabilityBook>();
builder.Services.AddScoped<ReportStatistics>();
builder.Services.AddScoped<ReportSummary>();
builder.Services.AddGapSchedule(config);
builder.Services.AddScoped<Entrust.Web.Features.Notifications.NotificationBook>();
builder.Services.AddMeetings();
// How long a stopping node waits (a deployment, scale-in, SIGTERM) for its requests, the inspections it accepted and a running
// scheduled job before it gives up on them and exits; 30 s by default. Nothing waits longer, not even for a database that is gone.
builder.Services.AddOptions<HostOptions>().Configure<IConfiguration>((o, c) =>
    o.ShutdownTimeout = TimeSpan.FromSeconds(c.GetValue("Host:ShutdownTimeoutSeconds", 30.0)));
builder.Services.AddHostedService<AuditSealer>();
builder.Services.AddSingleton<InspectionWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<InspectionWriter>());

// The key ring in the database: every node reads the same keys (KeyRing).
builder.Services.AddKeyRing(config);
builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme)
    // Short access tokens with refresh tokens that are spent once (BearerSessions).
    .AddBearerToken(IdentityConstants.BearerScheme, o => BearerSessions.Configure(o, config))
    .AddIdentityCookies();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/Account/Login";
    o.AccessDeniedPath = "/Account/Denied";
    o.Cookie.Name = "entrust";
    // Idle timeout (the office's setting) and absolute lifetime, on the platform's clock.
    ConsoleSessions.Configure(o, config);
});
builder.Services.AddIdentityCore<AppUser>(o =>
    {
        // Length here; three of the four classes and the history in PasswordPolicy's validators.
        o.Password.RequiredLength = PasswordPolicy.MinLength;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireDigit = false;
        // Failed sign-ins lock a name per address (SignInLock, the district's settings), not Identity's per-account lockout;
        // Identity's lockout end marks disabled accounts only.
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = false;
        // Each authenticator code signs in once (OnceOnlyAuthenticatorTokenProvider).
        o.Tokens.AuthenticatorTokenProvider = OnceOnlyAuthenticatorTokenProvider.Name;
    })
    .AddEntityFrameworkStores<EntrustDbContext>()
    .AddUserManager<EntrustUserManager>()
    .AddSignInManager()
    .AddPasswordValidator<PasswordClassesValidator>()
    .AddPasswordValidator<PasswordHistoryValidator>()
    .AddClaimsPrincipalFactory<EntrustClaimsFactory>()
    .AddDefaultTokenProviders()
    .AddTokenProvider<OnceOnlyAuthenticatorTokenProvider>(OnceOnlyAuthenticatorTokenProvider.Name);
builder.Services.AddAuthorizationBuilder().AddEntrustPolicies();
// Every sign-in is held against its account as it is now (LiveAccounts); the cookie's own stamp check runs often too.
builder.Services.AddSingleton<LiveAccounts>();
builder.Services.AddSingleton<SecurityRulesCache>();
builder.Services.AddScoped<SecuritySettingsBook>();
builder.Services.AddScoped<SignInCheck>();
builder.Services.AddScoped<BearerSessions>();
builder.Services.AddScoped<TwoFactorBook>();
builder.Services.AddScoped(sp => (EntrustUserManager)sp.GetRequiredService<UserManager<AppUser>>());
builder.Services.AddScoped<Microsoft.AspNetCore.Authentication.IClaimsTransformation, LiveAccountCheck>();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, SignedOutChallenge>();
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.Configure<RequestLocalizationOptions>(o =>
{
    o.DefaultRequestCulture = new RequestCulture(Cultures.Chinese);
    o.SupportedCultures = Cultures.Supported;
    o.SupportedUICultures = Cultures.Supported;
    o.FallBackToParentUICultures = true;
    // Pages are Chinese unless the user switches (cookie); API clients may ask with Accept-Language.
    var acceptLanguage = new AcceptLanguageHeaderRequestCultureProvider { Options = o };
    o.RequestCultureProviders =
    [
        new QueryStringRequestCultureProvider(),
        new CookieRequestCultureProvider(),
        new CustomRequestCultureProvider(http => http.Request.Path.StartsWithSegments("/api")
            ? acceptLanguage.DetermineProviderCultureResult(http)
            : Task.FromResult<ProviderCultureResult?>(null)),
    ];
});
// Pages live in their feature folders (Features/Cases/Detail.cshtml beside CaseBook); a page whose URL differs from its
// folder says so in its @page directive. Every page needs a signed-in user except the ones named here.
builder.Services.AddRazorPages(o =>
{
    o.RootDirectory = "/Features";
    o.Conventions.AuthorizeFolder("/");
    string[] openToAll =
    [
        "/Accounts/Login", "/Accounts/Logout", "/Accounts/Denied", "/Accounts/Password", "/Error",
        "/Agreements/PublicAgreements", "/Officers/PublicOfficers", "/RandomInspections/PublicInspections",
        "/RandomInspections/PublicInspectionItems", "/Cases/PublicDecisions",
    ];
    foreach (var page in openToAll)
    {
        o.Conventions.AllowAnonymousToPage(page);
    }
    PageAccess.Guard(o.Conventions);
    o.Conventions.ConfigureFilter(new InputDates.PageFilter());
}).AddViewLocalization();
// A value that cannot be read (text in a number or date field) is refused in the reader's language, on pages and in the API.
builder.Services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>()
    .Configure<Microsoft.Extensions.Localization.IStringLocalizer<Entrust.Web.SharedResource>>(BindingMessages.Localize);
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");

builder.Services.AddSecurityHeaders(config);
builder.Services.AddRateLimits(config);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddOpenApi(o =>
{
    o.AddDocumentTransformer<BearerSecurityTransformer>();
    o.CreateSchemaReferenceId = SchemaNames.For;
});
builder.Services.AddSingleton<Readiness>();
// Metrics and traces (Telemetry): /metrics for a Prometheus scraper on this machine; OTLP only when configured.
builder.Services.AddTelemetry(config);
builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("database", tags: [ReadinessCheck.Tag], timeout: TimeSpan.FromSeconds(5));

if (config["urls"] is null && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null)
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

var app = builder.Build();

if (args.Contains("migrate"))
{
    await Database.MigrateAsync(app.Services);
    Console.WriteLine("Migrations applied.");
    return;
}
// `backup FILE` and `restore FILE` (Backups): the whole database, on this node's settings.
if (Backups.Command(args) is { } backupCommand)
{
    Environment.ExitCode = await Backups.RunAsync(app.Configuration, backupCommand);
    return;
}
await Startup.PrepareDatabaseAsync(app, args);
Readiness.Follow(app);

app.UseSecurityHeaders();
// Localization first: the exception handler must answer in the language the request asked for.
app.UseRequestLocalization();
app.UseErrorPages();
app.UseStaticFiles();
app.UseAuthentication();
// 403 and 404 answered to a signed-in user are security events in the audit trail.
app.UseAccessDeniedAudit();
app.UseAuthorization();
app.UsePasswordChangeRequired();
app.UseRateLimiter();
app.UseIdempotencyKeys();

// The API reference and its OpenAPI document: open while developing, for a signed-in account (console or token) elsewhere. The
// reference works offline: no web fonts, telemetry, agent, MCP or developer-tool services fetched from elsewhere (the CSP would
// refuse them anyway); the console's favicon and a Chinese title.
var openApi = app.MapOpenApi();
var reference = app.MapScalarApiReference("/api-reference", o => o
    .WithTitle("接口文档 · 委托执法监管平台")
    .WithFavicon("/favicon.svg")
    .DisableDefaultFonts()
    .DisableTelemetry()
    .DisableAgent()
    .DisableMcp()
    .HideDeveloperTools());
if (!app.Environment.IsDevelopment())
{
    openApi.RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(
        IdentityConstants.ApplicationScheme, IdentityConstants.BearerScheme).RequireAuthenticatedUser().Build());
    reference.RequireAuthorization();
}
app.MapHealthChecks("/health");
app.MapMetrics();
// Open to all, as a balancer asks: alive (the process answers) and ready (see ReadinessCheck).
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains(ReadinessCheck.Tag) });
// Every endpoint's dates are range-checked before its handler runs (InputDates): out of range is a 400, never a 500.
// Imports, exports and the audit verification are rate-limited per account (RateLimits).
var endpoints = app.MapGroup("").AddEndpointFilterFactory(InputDates.Filter).WithMetadata(InputDates.Checked).LimitHeavyWork();
endpoints.MapAccountsApi();
endpoints.MapUsersApi();
endpoints.MapDistrictsApi();
endpoints.MapDepartmentsApi();
endpoints.MapTownshipsApi();
endpoints.MapMattersApi();
endpoints.MapCalendarApi();
endpoints.MapAuditApi();
endpoints.MapScopeApi();
endpoints.MapAgreementsApi();
endpoints.MapEntrustmentApi();
endpoints.MapOfficersApi();
endpoints.MapCertificatesApi();
endpoints.MapCoverageApi();
endpoints.MapPublicRegisterApi();
endpoints.MapTrainingApi();
endpoints.MapExamsApi();
endpoints.MapTargetsApi();
endpoints.MapRandomInspectionsApi();
endpoints.MapInspectionsApi();
endpoints.MapCasesApi();
endpoints.MapCaseDocumentsApi();
endpoints.MapGapsApi();
endpoints.MapNotificationsApi();
endpoints.MapMeetingsApi();
endpoints.MapReportsApi();
endpoints.MapAssessmentApi();
endpoints.MapFileReviewsApi();
endpoints.MapAccountabilityApi();
app.MapCultureSwitch();
app.MapRazorPages();

await app.RunAsync();

public partial class Program;
