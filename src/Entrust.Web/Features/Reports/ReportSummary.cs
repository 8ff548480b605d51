using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using Entrust.Web.Data;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Gaps;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Docx = Entrust.Web.Platform.OfficialDocx;

namespace Entrust.Web.Features.Reports;

/// <summary>
/// The paragraphs the office writes into the summary: what was done (做法) and the next steps (下一步), one paragraph a line; and the
/// summary's 文号, optional, printed under the title.
/// </summary>
public sealed record SummaryText(string? Practice, string? NextSteps, string? DocumentNumber = null)
{
    public const int Length = 4000;
    public const int NumberLength = 50;

    /// <summary>Refuses (400, beside the field) a text longer than <see cref="Length"/>.</summary>
    public void Check()
    {
        foreach (var (text, field) in new[] { (Practice, nameof(Practice)), (NextSteps, nameof(NextSteps)) })
        {
            if (text?.Trim().Length > Length)
            {
                throw new RuleViolation("Validation.TooLong", new Platform.Text("Field." + field), Length) { Field = field };
            }
        }
        if (DocumentNumber?.Trim().Length > NumberLength)
        {
            throw new RuleViolation("Validation.TooLong", new Platform.Text("Field.DocumentNumber"), NumberLength) { Field = nameof(DocumentNumber) };
        }
    }
}

/// <summary>A line of the summary as the document and the page's preview both show it: the title, a section heading or a paragraph.</summary>
public enum SummaryLineKind
{
    Title,
    Number,
    Heading,
    Body,
}

public sealed record SummaryLine(SummaryLineKind Kind, string Text);

/// <summary>The summary as it will be downloaded (<see cref="ReportSummary.PreviewAsync"/>), and the paragraphs written into it.</summary>
public sealed record SummaryPreview(string Title, string Unit, string FileName, IReadOnlyList<SummaryLine> Lines, SummaryText Written);

/// <summary>
/// The half-year or annual summary (委托执法工作总结) of a township or of the district over a range of months, drafted from
/// <see cref="ReportFigures"/> in the voice of the district's own reports: "计划生育方面立案7件，查处5件；林业方面进行森林防火检查25次".
/// Each domain (of the matters) with something done has its clause; the office edits the draft before it goes out.
/// </summary>
public sealed class ReportSummary(EntrustDbContext db, CurrentUser user, ReportFigures figures, GapBook gaps, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>
    /// The draft as .docx and its file name, with the paragraphs kept for it (<see cref="WriteAsync"/>); a township drafts its own only,
    /// the roll-up's readers any township they see or the district. Null when the township asked is not one the reader sees (another
    /// district's, another township's, an id guessed): a 404.
    /// </summary>
    public async Task<(string FileName, byte[] Content)?> DraftAsync(Month from, Month to, Guid? townshipId, CancellationToken ct = default) =>
        await DraftAsync(from, to, townshipId, null, ct);

    /// <summary>The draft with <paramref name="written"/> (做法, 下一步) in their sections instead of the paragraphs kept.</summary>
    public async Task<(string FileName, byte[] Content)?> DraftAsync(Month from, Month to, Guid? townshipId, SummaryText? written,
        CancellationToken ct = default) =>
        await PreviewAsync(from, to, townshipId, written, ct) is { } summary
            ? (summary.FileName, Docx.Render(summary.Lines.Select(Paragraph), summary.Title, Period(from, to), summary.Unit))
            : null;

    /// <summary>
    /// The summary line by line, exactly as <see cref="DraftAsync(Month, Month, Guid?, SummaryText?, CancellationToken)"/> writes it,
    /// for the page to show before the download; with <paramref name="written"/> null, the paragraphs kept for it.
    /// </summary>
    public async Task<SummaryPreview?> PreviewAsync(Month from, Month to, Guid? townshipId, SummaryText? written, CancellationToken ct = default)
    {
        written?.Check();
        if (await ScopeAsync(from, to, townshipId, ct) is not { } scope)
        {
            return null;
        }
        written ??= await KeptAsync(scope, ct) ?? new SummaryText(null, null);
        var departments = scope.Department is { } own ? new[] { own } : null;
        // What the summary says adds up over months (no distinct counts): read as the sum of the period's months, settled ones kept.
        var computed = await figures.SumOfMonthsAsync(new FigureScope(scope.District, from.FirstDay, to.LastDay,
            scope.Township is { } t ? [t] : null, departments), ct);
        var unit = scope.Township is { } id
            ? await db.Townships.IgnoreQueryFilters().Where(x => x.Id == id).Select(x => x.LegalName ?? x.Name).FirstOrDefaultAsync(ct) ?? ""
            : await db.Districts.IgnoreQueryFilters().Where(x => x.Id == scope.District).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? "";
        var domains = await db.Matters.IgnoreQueryFilters().AsNoTracking().Where(m => m.DistrictId == scope.District)
            .Select(m => new { m.Id, m.Domain, m.Name }).ToDictionaryAsync(m => m.Id.ToString(), m => new MatterOf(m.Domain, m.Name), ct);
        var lines = computed.Values.SelectMany(f => f.Group(FigureGroup.Matter)).ToList();
        var remedies = Remedies(computed.Values.Sum(f => f.Remedies(RemedyKind.Reconsideration)), computed.Values.Sum(f => f.Remedies(RemedyKind.Litigation)));
        var remarks = await RemarksAsync(scope.District, from, to, scope.Township, departments, ct);
        var problems = Problems(await gaps.DuringAsync(from.FirstDay, to.LastDay, scope.Township, departments, ct));
        var title = $"{unit}{Period(from, to)}委托执法工作总结";
        return new SummaryPreview(title, unit, $"{title}.docx", [.. Content(title, unit, from, to, lines, remedies, domains, problems, remarks, written)], written);
    }

    /// <summary>The paragraphs kept for the summary (empty when none were written); null (404) as for the draft.</summary>
    public async Task<SummaryText?> WrittenAsync(Month from, Month to, Guid? townshipId, CancellationToken ct = default) =>
        await ScopeAsync(from, to, townshipId, ct) is { } scope ? await KeptAsync(scope, ct) ?? new SummaryText(null, null) : null;

    /// <summary>
    /// Keeps the paragraphs (做法, 下一步) for the summary, replacing those kept before: the office for the district or any township, a
    /// department for its own, a township for its own; the auditor reads only (403). A text too long is refused (400) and nothing is
    /// kept; null (404) as for the draft.
    /// </summary>
    public async Task<SummaryText?> WriteAsync(Month from, Month to, Guid? townshipId, SummaryText text, CancellationToken ct = default)
    {
        text.Check();
        if (user.Role is not (Roles.Office or Roles.Department or Roles.Township))
        {
            throw new ForbiddenAction();
        }
        if (await ScopeAsync(from, to, townshipId, ct) is not { } scope)
        {
            return null;
        }
        var key = WrittenSummary.KeyOf(from, to, scope.Township, scope.Department);
        var kept = await db.WrittenSummaries.FirstOrDefaultAsync(w => w.DistrictId == scope.District && w.Key == key, ct);
        if (kept is null)
        {
            kept = new WrittenSummary(scope.District, from, to, scope.Township, scope.Department);
            db.WrittenSummaries.Add(kept);
        }
        kept.Write(text, user.UserName, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return kept.Text;
    }

    /// <summary>Whose summary the reader asks for: the district, the township (a township user's own) and the department (a department user's own).</summary>
    private sealed record SummaryScope(Guid District, Month From, Month To, Guid? Township, Guid? Department);

    private async Task<SummaryScope?> ScopeAsync(Month from, Month to, Guid? townshipId, CancellationToken ct)
    {
        if (user.Role != Roles.Township && !ReportBook.MayRollUpAs(user))
        {
            throw new ForbiddenAction();
        }
        ReportBook.CheckRange(from, to);
        if (user.DistrictId is not { } district)
        {
            throw new ForbiddenAction();
        }
        if (townshipId is { } asked && !await db.Townships.AnyAsync(t => t.Id == asked, ct))
        {
            return null;
        }
        return new SummaryScope(district, from, to, user.Role == Roles.Township ? user.TownshipId : townshipId, user.DepartmentId);
    }

    private async Task<SummaryText?> KeptAsync(SummaryScope scope, CancellationToken ct)
    {
        var key = WrittenSummary.KeyOf(scope.From, scope.To, scope.Township, scope.Department);
        return (await db.WrittenSummaries.AsNoTracking().FirstOrDefaultAsync(w => w.DistrictId == scope.District && w.Key == key, ct))?.Text;
    }

    private static Paragraph Paragraph(SummaryLine line) => line.Kind switch
    {
        SummaryLineKind.Title => Docx.Paragraph(line.Text, JustificationValues.Center, font: Docx.Song, size: Docx.TitleSize, bold: true, after: Docx.BodyLine),
        SummaryLineKind.Number => Docx.Paragraph(line.Text, JustificationValues.Center, after: Docx.BodyLine),
        SummaryLineKind.Heading => Docx.Heading(line.Text),
        _ => Docx.Body(line.Text),
    };

    /// <summary>A township's remarks on one submitted report: the month, the department it went to, and the text.</summary>
    public sealed record Remark(string Township, Month Month, string Department, string Text);

    /// <summary>
    /// The remarks (problems, needs, matters it can't handle) of the period's reports as submitted (submitted or acknowledged; a
    /// returned one is waiting for its next version), per township and month; the same township, department and district scope as
    /// the figures.
    /// </summary>
    public async Task<IReadOnlyList<Remark>> RemarksAsync(Guid district, Month from, Month to, Guid? townshipId,
        IReadOnlyCollection<Guid>? departments, CancellationToken ct = default)
    {
        var (first, last) = (from.Key, to.Key);
        var (allD, dIds) = (departments is null, departments?.ToList() ?? []);
        var rows = await (from r in db.MonthlyReports.IgnoreQueryFilters()
                          join t in db.Townships.IgnoreQueryFilters() on r.TownshipId equals t.Id
                          join d in db.Departments.IgnoreQueryFilters() on r.DepartmentId equals d.Id
                          where r.DistrictId == district && r.MonthKey >= first && r.MonthKey <= last
                              && (r.State == ReportState.Submitted || r.State == ReportState.Acknowledged)
                              && r.Remarks != null && r.Remarks != ""
                              && (townshipId == null || r.TownshipId == townshipId) && (allD || dIds.Contains(r.DepartmentId))
                          select new { Township = t.Name, TownshipCode = t.Code, r.MonthKey, Department = d.Name, r.Remarks })
            .AsNoTracking().ToListAsync(ct);
        return [.. rows.OrderBy(r => r.TownshipCode, StringComparer.Ordinal).ThenBy(r => r.MonthKey).ThenBy(r => r.Department, StringComparer.Ordinal)
            .Select(r => new Remark(r.Township, Month.FromKey(r.MonthKey), r.Department, string.Join("；", Docx.Paragraphs(r.Remarks))))];
    }

    /// <summary>
    /// A period as the API names it: a year ("2026"), a half-year ("2026-H1", "2026-H2"), a month ("2026-05") or a range of months
    /// ("2026-01..2026-06"); anything else is refused (400).
    /// </summary>
    public static (Month From, Month To) ParsePeriod(string? period)
    {
        var text = (period ?? "").Trim();
        int Year(string y) => y.Length == 4 && int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is >= Month.FirstYear and <= Month.LastYear
                ? year
                : throw new RuleViolation("Reports.PeriodInvalid", text) { Field = "period" };
        if (text.Split("..") is [var first, var last])
        {
            return (Month.Parse(first, "period"), Month.Parse(last, "period"));
        }
        if (text.Length == 4)
        {
            return (new Month(Year(text), 1), new Month(Year(text), 12));
        }
        if (text.Length == 7 && text[4] == '-' && text[5] is 'H' or 'h' && text[6] is '1' or '2')
        {
            var half = text[6] == '1' ? 1 : 7;
            return (new Month(Year(text[..4]), half), new Month(Year(text[..4]), half + 5));
        }
        if (Month.TryParse(text, out var month))
        {
            return (month, month);
        }
        throw new RuleViolation("Reports.PeriodInvalid", text) { Field = "period" };
    }

    /// <summary>How the problems section names each kind of gap, and what it lists of each (kinds not named are not problems of the work).</summary>
    private static readonly (GapKind Kind, string Text, Func<GapSubject, string> Subject)[] ProblemKinds =
    [
        (GapKind.DormantMatter, "委托事项长期未行使{0}项", g => $"{g.TownshipName}“{g.MatterName}”"),
        (GapKind.NoQualifiedPair, "持证执法人员不足两人的领域{0}个", g => $"{g.TownshipName}{(g.Domain is { } d ? Domains.Name(d) : "")}"),
        (GapKind.Turnover, "执法人员流失较多{0}处", g => $"{g.TownshipName}"),
        (GapKind.ScopeRequestUndecided, "扩权申请久未答复{0}件", g => $"{g.TownshipName}（{g.DepartmentName}）"),
        (GapKind.AgreementLapsing, "委托协议即将到期未续签{0}份", g => $"{g.TownshipName}与{g.DepartmentName}"),
        (GapKind.NoDocking, "未明确对接科室{0}处", g => $"{g.TownshipName}与{g.DepartmentName}"),
        (GapKind.EndedWithOpenRecords, "协议终止后仍有未结案卷{0}处", g => $"{g.TownshipName}与{g.DepartmentName}"),
    ];

    /// <summary>The most subjects a problem lists before "等".</summary>
    public const int ProblemSubjects = 8;

    /// <summary>
    /// The problems section's clauses from the gaps of the period (<see cref="GapBook.DuringAsync"/>): per kind its count and the
    /// units or matters it was found in, "委托事项长期未行使2项（歇马镇“森林防火检查”、天生街道“……”）".
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<GapSubject> gaps) =>
        [.. ProblemKinds.Select(k => (k.Text, Subjects: gaps.Where(g => g.Kind == k.Kind).Select(k.Subject).Distinct().ToList(),
                Count: gaps.Count(g => g.Kind == k.Kind)))
            .Where(k => k.Count > 0)
            .Select(k => string.Format(CultureInfo.InvariantCulture, k.Text, k.Count)
                + $"（{string.Join("、", k.Subjects.Take(ProblemSubjects))}{(k.Subjects.Count > ProblemSubjects ? "等" : "")}）")];

    /// <summary>"2026年上半年", "2026年", or "2026年1月至5月".</summary>
    public static string Period(Month from, Month to) =>
        from.Year == to.Year && from.Number == 1 && to.Number == 12 ? $"{from.Year}年"
        : from.Year == to.Year && from.Number == 1 && to.Number == 6 ? $"{from.Year}年上半年"
        : from.Year == to.Year && from.Number == 7 && to.Number == 12 ? $"{from.Year}年下半年"
        : from == to ? $"{from.Year}年{from.Number}月"
        : from.Year == to.Year ? $"{from.Year}年{from.Number}月至{to.Number}月"
        : $"{from.Year}年{from.Number}月至{to.Year}年{to.Number}月";

    // The clause counts what was done, as the seed does ("计划生育方面立案7件，查处5件"); the money is the first section's total.

    /// <summary>A matter's domain and its name in the catalogue.</summary>
    private sealed record MatterOf(string Domain, string Name);

    /// <summary>
    /// One domain's clause: "林业方面进行检查25次，责令整改5家"; null when nothing was done in it. When every inspection of the domain was
    /// of one matter, <paramref name="inspected"/> names it as the seed does: "林业方面进行森林防火检查25次"; a matter whose name already
    /// holds the domain's ("排污单位环境保护现场检查") is not repeated: "环境保护方面进行了6次检查".
    /// </summary>
    public static string? Clause(string domain, Func<string, decimal> total, string? inspected = null)
    {
        var parts = new List<string>();
        void Part(string measure, string text)
        {
            if (total(measure) > 0)
            {
                parts.Add(string.Format(CultureInfo.InvariantCulture, text, total(measure)));
            }
        }
        Part(Measures.Inspections, inspected is null ? "进行检查{0:0}次"
            : inspected.Contains(Domains.Name(domain), StringComparison.Ordinal) ? "进行了{0:0}次检查"
            : "进行" + inspected.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal) + "{0:0}次");
        Part(Measures.OrdersIssued, "责令整改{0:0}家");
        Part(Measures.CasesFiled, "立案{0:0}件");
        Part(Measures.CasesDecided, "查处{0:0}件");
        return parts.Count == 0 ? null : $"{Domains.Name(domain)}方面{string.Join("，", parts)}";
    }

    /// <summary>"未发生行政复议、行政诉讼。", or "发生行政复议1件、行政诉讼0件。": the remedies filed against the period's decisions.</summary>
    public static string Remedies(decimal reconsiderations, decimal lawsuits) =>
        reconsiderations == 0 && lawsuits == 0
            ? "未发生行政复议、行政诉讼。"
            : string.Format(CultureInfo.InvariantCulture, "发生行政复议{0:0}件、行政诉讼{1:0}件。", reconsiderations, lawsuits);

    private static IEnumerable<SummaryLine> Content(string title, string unit, Month from, Month to, List<FigureLine> lines, string remedies,
        Dictionary<string, MatterOf> domains, IReadOnlyList<string> problems, IReadOnlyList<Remark> remarks, SummaryText? written)
    {
        decimal Total(IEnumerable<FigureLine> of, string measure) => of.Where(l => l.Measure == measure).Sum(l => l.Value);
        var held = lines.Select(l => l.Item).Distinct().Count();
        var used = lines.Where(l => l.Measure is Measures.Inspections or Measures.CasesFiled && l.Value > 0).Select(l => l.Item).Distinct().Count();
        // The one matter a domain's inspections were all of, named in its clause.
        string? Inspected(IEnumerable<FigureLine> of) =>
            of.Where(l => l.Measure == Measures.Inspections && l.Value > 0).Select(l => l.Item).Distinct().ToList() is [var only]
                ? domains.GetValueOrDefault(only)?.Name
                : null;
        var clauses = lines.GroupBy(l => domains.GetValueOrDefault(l.Item)?.Domain ?? "")
            .OrderBy(g => Domains.All.Select(d => d.Code).ToList().IndexOf(g.Key))
            .Select(g => Clause(g.Key, m => Total(g, m), Inspected(g))).OfType<string>().ToList();

        yield return new SummaryLine(SummaryLineKind.Title, title);
        if (!string.IsNullOrWhiteSpace(written?.DocumentNumber))
        {
            yield return new SummaryLine(SummaryLineKind.Number, Docx.Clean(written.DocumentNumber));
        }
        yield return Body($"{Period(from, to)}，{unit}按照委托协议和区政府的部署，依法行使受委托的行政执法事项，现将有关情况总结如下：");
        yield return Heading("一、基本情况");
        yield return Body($"期内在委托协议有效期内的委托执法事项{held}项，实际行使{used}项。共进行检查{Total(lines, Measures.Inspections):0}次，"
            + $"复查{Total(lines, Measures.Reinspections):0}次，责令整改{Total(lines, Measures.OrdersIssued):0}家，整改完成{Total(lines, Measures.OrdersCompleted):0}家；"
            + $"立案{Total(lines, Measures.CasesFiled):0}件，作出处罚决定{Total(lines, Measures.CasesDecided):0}件，结案{Total(lines, Measures.CasesConcluded):0}件，"
            + $"决定罚款{Total(lines, Measures.FinesDecided):0.##}元，收缴罚没款{Total(lines, Measures.FinesCollected):0.##}元。");
        yield return Heading("二、各领域执法情况");
        yield return Body((clauses.Count == 0 ? "期内未开展委托执法活动。" : string.Join("；", clauses) + "。") + remedies);
        foreach (var paragraph in Docx.Paragraphs(written?.Practice))
        {
            yield return Body(paragraph);
        }
        yield return Heading("三、存在的问题和下一步工作");
        if (problems.Count > 0)
        {
            yield return Body($"执法空档排查发现：{string.Join("；", problems)}。");
        }
        if (remarks.Count > 0)
        {
            yield return Body("各月报表中乡镇（街道）反映的问题、需求和难以承接的事项：");
            foreach (var township in remarks.GroupBy(r => r.Township))
            {
                yield return Body($"{township.Key}："
                    + string.Join("；", township.Select(r => $"{r.Month.Number}月（报{r.Department}）“{r.Text.TrimEnd('。', '；')}”")) + "。");
            }
        }
        var next = Docx.Paragraphs(written?.NextSteps).ToList();
        if (next.Count == 0)
        {
            yield return Body("（请结合各月报表的说明和部门意见填写。）");
        }
        else
        {
            yield return Body("下一步工作：");
            foreach (var paragraph in next)
            {
                yield return Body(paragraph);
            }
        }
    }

    private static SummaryLine Heading(string text) => new(SummaryLineKind.Heading, text);
    private static SummaryLine Body(string text) => new(SummaryLineKind.Body, text);
}
