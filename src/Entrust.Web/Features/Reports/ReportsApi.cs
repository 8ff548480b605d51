using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Reports;

/// <summary><c>/api/reports</c>: the monthly reports, their workflow, the .xlsx and the district roll-up; thin over <see cref="ReportBook"/>.</summary>
public static class ReportsApi
{
    public sealed record SubmitInput(string? Remarks);
    public sealed record AnswerInput(string? Comment);
    public sealed record ReportSettingsInput(int DueWorkingDay);
    public sealed record ReportSettingsDto(int DueWorkingDay);

    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").RequireAuthorization(Api.Policy).WithTags("Reports");
        reports.MapGet("", List);
        reports.MapGet("/export", Export);
        reports.MapGet("/rollup", Rollup);
        reports.MapGet("/rollup/xlsx", RollupXlsx);
        reports.MapGet("/rollup/docx", RollupDocx);
        reports.MapGet("/settings", GetSettings);
        reports.MapPut("/settings", PutSettings).RequireAuthorization(Api.CatalogueKeeper);
        reports.MapGet("/{id:guid}", Get);
        reports.MapGet("/{id:guid}/xlsx", Xlsx);
        reports.MapGet("/{id:guid}/docx", Docx);
        reports.MapPost("/{id:guid}/submit", Submit);
        reports.MapPost("/{id:guid}/acknowledge", Acknowledge);
        reports.MapPost("/{id:guid}/return", Return);

        var statistics = app.MapGroup("/api/statistics").RequireAuthorization(Api.Policy).WithTags("Reports");
        statistics.MapGet("", Statistics);
        statistics.MapGet("/export", StatisticsExport);
        var summaries = app.MapGroup("/api/summaries").RequireAuthorization(Api.Policy).WithTags("Reports");
        summaries.MapGet("/{period}/document", SummaryDocument);
        summaries.MapPost("/{period}/document", WrittenSummaryDocument);
        summaries.MapGet("/{period}", SummaryLines);
        summaries.MapGet("/{period}/text", SummaryWritten);
        summaries.MapPut("/{period}/text", WriteSummary);
    }

    /// <summary>
    /// The statistics of the months <c>from</c>–<c>to</c> (default the six up to this month), of the district or of one
    /// <c>township</c>: what /Reports/Statistics shows (<see cref="ReportStatistics"/>). Townships may not (403); a township the
    /// reader does not see is 404.
    /// </summary>
    public static async Task<Results<Ok<StatisticsView>, NotFound>> Statistics(ReportStatistics statistics, TimeProvider clock, string? from,
        string? to, Guid? township, CancellationToken ct) =>
        await ComputeAsync(statistics, clock, from, to, township, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    /// <summary>
    /// One table of the /Reports/Statistics page for the same filter (<c>from</c>, <c>to</c>: months, default the last six;
    /// <c>township</c>; <c>by</c>: township, department, month, coverage or exercised), as .xlsx; 404 for a township out of sight.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> StatisticsExport(string? from, string? to, Guid? township, string? by,
        ReportStatistics statistics, TimeProvider clock, ListExport export, CancellationToken ct) =>
        await ComputeAsync(statistics, clock, from, to, township, ct) is { } view
            ? ListExport.Answer(await ReportStatistics.ExportAsync(view, by, export, ct)) : TypedResults.NotFound();

    private static async Task<StatisticsView?> ComputeAsync(ReportStatistics statistics, TimeProvider clock, string? from, string? to,
        Guid? township, CancellationToken ct)
    {
        var (first, last) = string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to)
            ? ReportStatistics.DefaultRange(clock)
            : Range(null, from, to, clock);
        return await statistics.ComputeAsync(first, last, township, ct);
    }

    /// <summary>
    /// The half-year or annual summary (.docx, <see cref="ReportSummary"/>) of a <c>period</c> ("2026-H1", "2026", "2026-05",
    /// "2026-01..2026-06"), of the district or one <c>township</c>; a township reads its own only, and one it does not see is 404.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> SummaryDocument(string period, Guid? township, ReportSummary summary,
        CancellationToken ct)
    {
        var (from, to) = ReportSummary.ParsePeriod(period);
        return await summary.DraftAsync(from, to, township, ct) is { } draft
            ? TypedResults.File(draft.Content, ReportSummary.ContentType, draft.FileName)
            : TypedResults.NotFound();
    }

    /// <summary>The same summary with the office's own paragraphs (做法, 下一步) written into their sections.</summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> WrittenSummaryDocument(string period, Guid? township, SummaryText input,
        ReportSummary summary, CancellationToken ct)
    {
        var (from, to) = ReportSummary.ParsePeriod(period);
        return await summary.DraftAsync(from, to, township, input, ct) is { } draft
            ? TypedResults.File(draft.Content, ReportSummary.ContentType, draft.FileName)
            : TypedResults.NotFound();
    }

    /// <summary>The summary line by line as its document will read (title, headings, paragraphs), with the paragraphs kept for it.</summary>
    public static async Task<Results<Ok<SummaryPreview>, NotFound>> SummaryLines(string period, Guid? township, ReportSummary summary,
        CancellationToken ct)
    {
        var (from, to) = ReportSummary.ParsePeriod(period);
        return await summary.PreviewAsync(from, to, township, null, ct) is { } lines ? TypedResults.Ok(lines) : TypedResults.NotFound();
    }

    /// <summary>The paragraphs (做法, 下一步) kept for the summary of a period, empty when none were written.</summary>
    public static async Task<Results<Ok<SummaryText>, NotFound>> SummaryWritten(string period, Guid? township, ReportSummary summary,
        CancellationToken ct)
    {
        var (from, to) = ReportSummary.ParsePeriod(period);
        return await summary.WrittenAsync(from, to, township, ct) is { } text ? TypedResults.Ok(text) : TypedResults.NotFound();
    }

    /// <summary>Keeps the paragraphs (做法, 下一步) for the summary of a period; the document and the page use them from then on.</summary>
    public static async Task<Results<Ok<SummaryText>, NotFound>> WriteSummary(string period, Guid? township, SummaryText input,
        ReportSummary summary, CancellationToken ct)
    {
        var (from, to) = ReportSummary.ParsePeriod(period);
        return await summary.WriteAsync(from, to, township, input, ct) is { } text ? TypedResults.Ok(text) : TypedResults.NotFound();
    }

    /// <summary>The reports of a month (default this month) the reader sees; a month that has begun opens its drafts.</summary>
    public static async Task<Ok<IReadOnlyList<ReportRow>>> List(ReportBook book, TimeProvider clock, string? month, Guid? township,
        Guid? department, ReportState? state, string? sort, CancellationToken ct) =>
        TypedResults.Ok(await book.ListAsync(new ReportFilter(MonthOrNow(month, clock), township, department, state), sort, ct));

    /// <summary>
    /// The month's reports the /Reports list shows for the same filter (<c>month</c>, default this month; <c>state</c>; <c>sort</c>: a
    /// column of the list), as .xlsx; the data scope decides whose reports.
    /// </summary>
    public static async Task<FileContentHttpResult> Export(string? month, ReportState? state, string? sort, ReportBook book, TimeProvider clock,
        ListExport export, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        ListExport.Answer(await book.ExportAsync(new ReportFilter(MonthOrNow(month, clock), State: state), sort, export, text, ct));

    public static async Task<Results<Ok<ReportDetail>, NotFound>> Get(Guid id, ReportBook book, CancellationToken ct) =>
        await book.GetAsync(id, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();

    public static async Task<Results<FileContentHttpResult, NotFound>> Xlsx(Guid id, ReportBook book, IStringLocalizer<SharedResource> text,
        CancellationToken ct) =>
        await book.XlsxAsync(id, text, ct) is { } file
            ? TypedResults.File(file.Content, Spreadsheet.ContentType, file.FileName)
            : TypedResults.NotFound();

    public static async Task<Results<FileContentHttpResult, NotFound>> Docx(Guid id, ReportBook book, IStringLocalizer<SharedResource> text,
        CancellationToken ct) =>
        await book.DocxAsync(id, text, ct) is { } file
            ? TypedResults.File(file.Content, ReportSummary.ContentType, file.FileName)
            : TypedResults.NotFound();

    public static async Task<Results<Ok<ReportDetail>, NotFound>> Submit(Guid id, SubmitInput input, ReportBook book, CancellationToken ct) =>
        await book.SubmitAsync(id, input.Remarks, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();

    public static async Task<Results<Ok<ReportDetail>, NotFound>> Acknowledge(Guid id, AnswerInput input, ReportBook book, CancellationToken ct) =>
        await book.AcknowledgeAsync(id, input.Comment, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();

    public static async Task<Results<Ok<ReportDetail>, NotFound>> Return(Guid id, AnswerInput input, ReportBook book, CancellationToken ct) =>
        await book.ReturnAsync(id, input.Comment, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();

    /// <summary>
    /// The district's month (<c>month</c>, default this month) or months (<c>from</c>–<c>to</c>): every township × department with
    /// totals, the same months just before and a year before, and who has not submitted.
    /// </summary>
    public static async Task<Ok<RollupView>> Rollup(ReportBook book, TimeProvider clock, string? month, string? from, string? to,
        CancellationToken ct)
    {
        var (first, last) = Range(month, from, to, clock);
        return TypedResults.Ok(await book.RollupAsync(first, last, ct));
    }

    /// <summary>The roll-up of the same month or months as .xlsx: a totals sheet and a sheet per township × department.</summary>
    public static async Task<FileContentHttpResult> RollupXlsx(ReportBook book, TimeProvider clock, IStringLocalizer<SharedResource> text,
        string? month, string? from, string? to, CancellationToken ct)
    {
        var (first, last) = Range(month, from, to, clock);
        var file = await book.RollupXlsxAsync(first, last, text, ct);
        return TypedResults.File(file.Content, Spreadsheet.ContentType, file.FileName);
    }

    /// <summary>The roll-up of the same month or months as .docx.</summary>
    public static async Task<FileContentHttpResult> RollupDocx(ReportBook book, TimeProvider clock, IStringLocalizer<SharedResource> text,
        string? month, string? from, string? to, CancellationToken ct)
    {
        var (first, last) = Range(month, from, to, clock);
        var file = await book.RollupDocxAsync(first, last, text, ct);
        return TypedResults.File(file.Content, ReportSummary.ContentType, file.FileName);
    }

    /// <summary>A month, or a range from–to (one of them alone is that one month); none is this month.</summary>
    internal static (Month From, Month To) Range(string? month, string? from, string? to, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to))
        {
            var one = MonthOrNow(month, clock);
            return (one, one);
        }
        var first = string.IsNullOrWhiteSpace(from) ? null : (Month?)Month.Parse(from, "from");
        var last = string.IsNullOrWhiteSpace(to) ? null : (Month?)Month.Parse(to, "to");
        return (first ?? last!.Value, last ?? first!.Value);
    }

    public static async Task<Ok<ReportSettingsDto>> GetSettings(ReportBook book, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(new ReportSettingsDto(user.DistrictId is { } d ? await book.DueWorkingDayAsync(d, ct) : ReportSettings.DefaultDueWorkingDay));

    public static async Task<Ok<ReportSettingsDto>> PutSettings(ReportSettingsInput input, ReportBook book, CancellationToken ct) =>
        TypedResults.Ok(new ReportSettingsDto(await book.SetDueWorkingDayAsync(input.DueWorkingDay, ct)));

    private static Month MonthOrNow(string? month, TimeProvider clock) =>
        string.IsNullOrWhiteSpace(month) ? Month.Of(clock.TodayInChina()) : Month.Parse(month);
}
