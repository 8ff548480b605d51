using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Assessment;

/// <summary><c>/api/assessment</c> and <c>/api/erroneous-cases</c>: schemes, the year's round, erroneous cases; thin over <see cref="AssessmentBook"/>.</summary>
public static class AssessmentApi
{
    /// <summary>An indicator as posted. <see cref="Measure"/> is a name of <see cref="AutoMeasure"/>; a fine measure is refused (LAW 28).</summary>
    public sealed record IndicatorInput(string? Section, string? Code, string? Name, decimal Points, IndicatorKind Kind, string? Measure,
        decimal DeductPer, decimal? Target, UnitKinds AppliesTo);

    /// <summary>A new version of the year's scheme; without indicators, the default table with the figures given.</summary>
    public sealed record SchemeInput(int Year, IReadOnlyList<IndicatorInput>? Indicators, decimal? ErroneousTownshipPoints,
        decimal? ErroneousDepartmentPoints, bool? GrantDeductsDepartment, int? AppealWorkingDays);

    public sealed record ErroneousInput(Guid CaseId, ErroneousDecision? Decision, FaultKind? Fault, string? Reasons, string? DecisionNumber,
        DateOnly? DecidedOn);

    public sealed record SelfAssessmentInput(decimal Score, string? Text);

    public sealed record ManualScoreInput(Guid ResultId, string? IndicatorCode, decimal Deduct, string? Evidence);

    public sealed record AppealInput(string? Text);

    public sealed record AppealDecisionInput(bool Accepted, decimal PointsRestored, string? Reply);

    public static void MapAssessmentApi(this IEndpointRouteBuilder app)
    {
        var a = app.MapGroup("/api/assessment").RequireAuthorization(Api.Policy).WithTags("Assessment");
        a.MapGet("/schemes", Schemes);
        a.MapPost("/schemes", CreateScheme);
        a.MapGet("/rounds/{year:int}", Round);
        a.MapPost("/rounds/{year:int}", StartRound);
        a.MapPost("/rounds/{year:int}/compute", Compute);
        a.MapPost("/rounds/{year:int}/self-assessment", SelfAssess);
        a.MapPost("/rounds/{year:int}/scores", Score);
        a.MapPost("/rounds/{year:int}/publish", Publish);
        a.MapPost("/rounds/{year:int}/appeals", Appeal);
        a.MapPost("/rounds/{year:int}/appeals/{resultId:guid}/decision", DecideAppeal);
        a.MapPost("/rounds/{year:int}/finalise", Finalise);
        a.MapGet("/rounds/{year:int}/xlsx", Xlsx);
        a.MapGet("/rounds/{year:int}/report", AnnualReport);
        a.MapGet("/rounds/{year:int}/grants", Grants);
        a.MapGet("/results/{id:guid}", Result);

        var e = app.MapGroup("/api/erroneous-cases").RequireAuthorization(Api.Policy).WithTags("Assessment");
        e.MapGet("", Erroneous);
        e.MapGet("/{id:guid}", ErroneousCase);
        e.MapPost("", DecideErroneous);
    }

    public static async Task<Ok<IReadOnlyList<SchemeView>>> Schemes(AssessmentBook book, int? year, CancellationToken ct) =>
        TypedResults.Ok(await book.SchemesAsync(year, ct));

    public static async Task<Created<SchemeView>> CreateScheme(SchemeInput input, AssessmentBook book, CancellationToken ct)
    {
        var scheme = await book.CreateSchemeAsync(Terms(input), ct);
        return TypedResults.Created($"/api/assessment/schemes?year={scheme.Year}", scheme);
    }

    /// <summary>The posted scheme as terms; a measure that is not one of <see cref="AutoMeasure"/> is refused, a fine one naming LAW 28.</summary>
    public static SchemeTerms Terms(SchemeInput input)
    {
        var defaults = Scheme.Default(input.Year);
        var indicators = input.Indicators is null ? defaults.Indicators : [.. input.Indicators.Select(i => new IndicatorTerms(i.Section ?? "",
            i.Code ?? "", i.Name ?? "", i.Points, i.Kind, Measure(i), i.DeductPer, i.Target, i.AppliesTo))];
        return new SchemeTerms(input.Year, indicators, input.ErroneousTownshipPoints ?? defaults.ErroneousTownshipPoints,
            input.ErroneousDepartmentPoints ?? defaults.ErroneousDepartmentPoints, input.GrantDeductsDepartment ?? defaults.GrantDeductsDepartment,
            input.AppealWorkingDays ?? defaults.AppealWorkingDays);
    }

    private static AutoMeasure? Measure(IndicatorInput i)
    {
        if (i.Kind != IndicatorKind.Automatic || string.IsNullOrWhiteSpace(i.Measure))
        {
            return null;
        }
        if (Enum.TryParse<AutoMeasure>(i.Measure, ignoreCase: true, out var m) && Enum.IsDefined(m) && !int.TryParse(i.Measure, out _))
        {
            return m;
        }
        if (i.Measure.Contains("fine", StringComparison.OrdinalIgnoreCase) || i.Measure.Contains("confiscat", StringComparison.OrdinalIgnoreCase)
            || Scheme.IsAboutFines(i.Measure))
        {
            throw new RuleViolation("Assessment.FineIndicatorRefused", i.Measure) { Field = "Indicators" };
        }
        throw new RuleViolation("Assessment.IndicatorInvalid", i.Code ?? "") { Field = "Indicators" };
    }

    public static async Task<Results<Ok<RoundView>, NotFound>> Round(int year, AssessmentBook book, CancellationToken ct) =>
        await book.RoundAsync(year, ct) is { } round ? TypedResults.Ok(round) : TypedResults.NotFound();

    public static async Task<Created<RoundView>> StartRound(int year, AssessmentBook book, CancellationToken ct) =>
        TypedResults.Created($"/api/assessment/rounds/{year}", await book.StartRoundAsync(year, ct));

    public static async Task<Results<Ok<RoundView>, NotFound>> Compute(int year, AssessmentBook book, CancellationToken ct) =>
        await book.ComputeAsync(year, ct) is { } round ? TypedResults.Ok(round) : TypedResults.NotFound();

    public static async Task<Results<Ok<ResultDetail>, NotFound>> SelfAssess(int year, SelfAssessmentInput input, AssessmentBook book,
        CancellationToken ct) =>
        await book.SelfAssessAsync(year, input.Score, input.Text, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Results<Ok<ResultDetail>, NotFound>> Score(int year, ManualScoreInput input, AssessmentBook book, CancellationToken ct) =>
        await book.ScoreAsync(year, input.ResultId, input.IndicatorCode ?? "", input.Deduct, input.Evidence, ct) is { } r
            ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Results<Ok<RoundView>, NotFound>> Publish(int year, AssessmentBook book, CancellationToken ct) =>
        await book.PublishAsync(year, ct) is { } round ? TypedResults.Ok(round) : TypedResults.NotFound();

    public static async Task<Results<Ok<ResultDetail>, NotFound>> Appeal(int year, AppealInput input, AssessmentBook book, CancellationToken ct) =>
        await book.AppealAsync(year, input.Text, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Results<Ok<ResultDetail>, NotFound>> DecideAppeal(int year, Guid resultId, AppealDecisionInput input,
        AssessmentBook book, CancellationToken ct) =>
        await book.DecideAppealAsync(year, resultId, input.Accepted, input.PointsRestored, input.Reply, ct) is { } r
            ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Results<Ok<RoundView>, NotFound>> Finalise(int year, AssessmentBook book, CancellationToken ct) =>
        await book.FinaliseAsync(year, ct) is { } round ? TypedResults.Ok(round) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<GrantEvaluationView>>, NotFound>> Grants(int year, AssessmentBook book, CancellationToken ct) =>
        await book.GrantsAsync(year, ct) is { } grants ? TypedResults.Ok(grants) : TypedResults.NotFound();

    public static async Task<Results<Ok<ResultDetail>, NotFound>> Result(Guid id, AssessmentBook book, CancellationToken ct) =>
        await book.ResultAsync(id, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Ok<ErroneousList>> Erroneous(AssessmentBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.ErroneousAsync(ct));

    public static async Task<Results<Ok<ErroneousView>, NotFound>> ErroneousCase(Guid id, AssessmentBook book, CancellationToken ct) =>
        await book.ErroneousCaseAsync(id, ct) is { } e ? TypedResults.Ok(e) : TypedResults.NotFound();

    public static async Task<Results<Created<ErroneousView>, NotFound>> DecideErroneous(ErroneousInput input, AssessmentBook book, CancellationToken ct) =>
        await book.DecideErroneousAsync(input.CaseId, input.Decision.OrUnchosen(), input.Fault, input.Reasons, input.DecisionNumber, input.DecidedOn, ct) is { } e
            ? TypedResults.Created($"/api/erroneous-cases/{e.Id}", e) : TypedResults.NotFound();

    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static async Task<Results<FileContentHttpResult, NotFound>> Xlsx(int year, AssessmentBook book, ListExport export,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await book.ResultsXlsxAsync(year, export, text, ct) is { } file
            ? TypedResults.File(file.Content, ListExport.ContentType, file.FileName) : TypedResults.NotFound();

    public static async Task<Results<FileContentHttpResult, NotFound>> AnnualReport(int year, AssessmentBook book, IStringLocalizer<SharedResource> text,
        CancellationToken ct) =>
        await book.AnnualReportAsync(year, text, ct) is { } file ? TypedResults.File(file.Content, DocxType, file.FileName) : TypedResults.NotFound();
}
