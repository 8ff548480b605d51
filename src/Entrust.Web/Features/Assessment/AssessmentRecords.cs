using Entrust.Web.Data;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Gaps;
using Entrust.Web.Features.Meetings;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Reports;
using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Assessment;

/// <summary>
/// The records behind each automatic indicator, for one district and year: one query per measure for every unit at once (never a
/// query per unit), each asking the rule's own home — <see cref="Case.DecidedLate"/>, <see cref="Case.StillOpen"/>,
/// <see cref="Case.PublicationOverdue"/> and <see cref="Case.PublishedLate"/> in Case.Status, <see cref="Gap.Active"/>,
/// <see cref="ActionItem.OverdueOn"/>, <see cref="MonthlyReport.IsOverdue"/> with the due day of <see cref="ReportBook.DueDayAsync"/>,
/// <see cref="Certificate.ValidOn"/>. It reads past the data scope inside the one district asked; the caller decides who may.
/// </summary>
public sealed class AssessmentRecords(EntrustDbContext db, ReportBook reports, IStringLocalizer<SharedResource> text)
{
    /// <summary>The records found for <paramref name="measure"/> in <paramref name="year"/>, judged on <paramref name="asOf"/>.</summary>
    public async Task<IReadOnlyList<EvidenceRow>> FindAsync(Guid district, AutoMeasure measure, int year, DateOnly asOf, CancellationToken ct)
    {
        var (start, end) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var cases = db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.DistrictId == district);
        static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "";
        switch (measure)
        {
            case AutoMeasure.UncertifiedActing:
                return await UncertifiedActingAsync(district, start, end, ct);
            case AutoMeasure.DecisionsLate:
                {
                    var late = await cases.Where(c => c.DecidedOn >= start && c.DecidedOn <= end).Where(Case.DecidedLate())
                        .Select(c => new { c.Id, c.TownshipId, c.Number, c.DecidedOn, c.DecisionDueOn }).ToListAsync(ct);
                    var overdue = await cases.Where(c => c.DecisionDueOn >= start).Where(Case.DecisionDueWithin(null, asOf.AddDays(-1)))
                        .Select(c => new { c.Id, c.TownshipId, c.Number, c.DecidedOn, c.DecisionDueOn }).ToListAsync(ct);
                    return [.. late.Select(c => new EvidenceRow(UnitKind.Township, c.TownshipId, EvidenceKind.Case, c.Id,
                        $"{c.Number} 应于{Day(c.DecisionDueOn)}前决定，{Day(c.DecidedOn)}作出"))
                    .Concat(overdue.Select(c => new EvidenceRow(UnitKind.Township, c.TownshipId, EvidenceKind.Case, c.Id,
                        $"{c.Number} 应于{Day(c.DecisionDueOn)}前决定，至今未决定")))];
                }
            case AutoMeasure.MajorWithoutReview:
                // Case.Decide refuses a major decision without legal review (LAW 19), so this finds only records from before that rule.
                return [.. (await cases.Where(c => c.DecidedOn >= start && c.DecidedOn <= end && c.IsMajor && c.LegalReviewOn == null)
                        .Select(c => new { c.Id, c.TownshipId, c.Number }).ToListAsync(ct))
                    .Select(c => new EvidenceRow(UnitKind.Township, c.TownshipId, EvidenceKind.Case, c.Id, $"{c.Number} 重大案件未经法制审核"))];
            case AutoMeasure.ReconsiderationLost:
            case AutoMeasure.LitigationLost:
                {
                    var kind = measure == AutoMeasure.ReconsiderationLost ? RemedyKind.Reconsideration : RemedyKind.Litigation;
                    var rows = await (from r in db.CaseRemedies.IgnoreQueryFilters()
                                      join c in cases on r.CaseId equals c.Id
                                      where r.Kind == kind && r.DecidedOn >= start && r.DecidedOn <= end
                                          && r.Outcome != RemedyOutcome.Pending && r.Outcome != RemedyOutcome.Upheld
                                      select new { CaseId = c.Id, r.Outcome, r.DecidedOn, c.TownshipId, c.DepartmentId, c.Number }).ToListAsync(ct);
                    var what = measure == AutoMeasure.ReconsiderationLost ? "行政复议" : "行政诉讼";
                    return [.. rows.SelectMany(r => new[]
                {
                    new EvidenceRow(UnitKind.Township, r.TownshipId, EvidenceKind.Remedy, r.CaseId, $"{r.Number} {what}{Outcome(r.Outcome)}（{Day(r.DecidedOn)}）"),
                    new EvidenceRow(UnitKind.Department, r.DepartmentId, EvidenceKind.Remedy, r.CaseId, $"{r.Number} {what}{Outcome(r.Outcome)}（{Day(r.DecidedOn)}）"),
                })];
                }
            case AutoMeasure.ReportsLate:
                return await ReportsLateAsync(district, year, asOf, ct);
            case AutoMeasure.GapsOpen:
                {
                    var gaps = await db.Gaps.IgnoreQueryFilters().AsNoTracking().Where(Gap.Active())
                        .Where(g => g.DistrictId == district && g.Since <= end)
                        .Select(g => new { g.Id, g.TownshipId, g.DepartmentId, g.Kind, g.Since }).ToListAsync(ct);
                    return [.. gaps.SelectMany(g => new[]
                {
                    g.TownshipId is { } t ? new EvidenceRow(UnitKind.Township, t, EvidenceKind.Gap, g.Id, $"执法空档（{text.InChinese("GapKind." + g.Kind)}）自{Day(g.Since)}未消除") : null,
                    g.DepartmentId is { } d ? new EvidenceRow(UnitKind.Department, d, EvidenceKind.Gap, g.Id, $"执法空档（{text.InChinese("GapKind." + g.Kind)}）自{Day(g.Since)}未消除") : null,
                }).OfType<EvidenceRow>()];
                }
            case AutoMeasure.ActionItemsOverdue:
                {
                    var items = await db.ActionItems.IgnoreQueryFilters().AsNoTracking().Where(ActionItem.OverdueOn(asOf))
                        .Where(a => a.DistrictId == district && a.DueOn <= end)
                        .Select(a => new { a.Id, a.TownshipId, a.DepartmentId, a.What, a.DueOn }).ToListAsync(ct);
                    return [.. items.Select(a => a.TownshipId is { } t
                        ? new EvidenceRow(UnitKind.Township, t, EvidenceKind.ActionItem, a.Id, $"{a.What}（{Day(a.DueOn)}到期未办结）")
                        : a.DepartmentId is { } d
                            ? new EvidenceRow(UnitKind.Department, d, EvidenceKind.ActionItem, a.Id, $"{a.What}（{Day(a.DueOn)}到期未办结）")
                            : null).OfType<EvidenceRow>()];
                }
            case AutoMeasure.PublicationLate:
                {
                    var late = await cases.Where(c => c.PublishedOn >= start && c.PublishedOn <= end).Where(Case.PublishedLate())
                        .Select(c => new { c.Id, c.TownshipId, c.Number, c.PublicationDueOn, c.PublishedOn }).ToListAsync(ct);
                    var overdue = await cases.Where(c => c.PublicationDueOn >= start).Where(Case.PublicationOverdue(asOf))
                        .Select(c => new { c.Id, c.TownshipId, c.Number, c.PublicationDueOn, c.PublishedOn }).ToListAsync(ct);
                    return [.. late.Concat(overdue).Select(c => new EvidenceRow(UnitKind.Township, c.TownshipId, EvidenceKind.Case, c.Id,
                    $"{c.Number} 应于{Day(c.PublicationDueOn)}前公示，{(c.PublishedOn is null ? "至今未公示" : Day(c.PublishedOn) + "公示")}"))];
                }
            case AutoMeasure.FileReviewGrades:
                return [.. (await FileGradesAsync(district, year, ct)).Where(f => f.Grade != FileGrade.Excellent).Select(f => f.Row)];
            default:
                return [];
        }
    }

    /// <summary>Every township's cases filed in the year, and how many of them are over (<see cref="Case.StillOpen"/> not true).</summary>
    public async Task<IReadOnlyList<ConclusionCount>> ConclusionAsync(Guid district, int year, CancellationToken ct)
    {
        var (start, end) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var filed = db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.DistrictId == district && c.FiledOn >= start && c.FiledOn <= end);
        var all = await filed.GroupBy(c => c.TownshipId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var open = await filed.Where(Case.StillOpen()).GroupBy(c => c.TownshipId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. all.Select(a => new ConclusionCount(a.Key, a.Value, a.Value - open.GetValueOrDefault(a.Key)))];
    }

    /// <summary>
    /// <see cref="AutoMeasure.TrainingDays"/>: every officer of the district holding a certificate valid (<see cref="Certificate.ValidOnDay"/>)
    /// on the last day judged, who was present (<see cref="AttendanceMark.Present"/>) at a training session on fewer than
    /// <paramref name="required"/> days of the year; a day counts once whatever the number of its sessions attended.
    /// </summary>
    public async Task<IReadOnlyList<EvidenceRow>> TrainingDaysAsync(Guid district, int year, DateOnly asOf, decimal required, CancellationToken ct)
    {
        var (start, end) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var day = asOf < end ? asOf : end;
        var certified = db.Certificates.IgnoreQueryFilters().Where(Certificate.ValidOnDay(day)).Select(c => c.OfficerId);
        var officers = await db.Officers.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.DistrictId == district && (o.TownshipId != null || o.DepartmentId != null) && certified.Contains(o.Id))
            .Select(o => new { o.Id, o.Name, o.TownshipId, o.DepartmentId }).ToListAsync(ct);
        var present = await (from a in db.Attendances.IgnoreQueryFilters()
                             join t in db.Trainees.IgnoreQueryFilters() on a.TraineeId equals t.Id
                             join s in db.TrainingSessions.IgnoreQueryFilters() on a.SessionId equals s.Id
                             where a.DistrictId == district && a.Mark == AttendanceMark.Present && s.Date >= start && s.Date <= end
                             select new { t.OfficerId, s.Date }).Distinct().ToListAsync(ct);
        var days = present.GroupBy(p => p.OfficerId).ToDictionary(g => g.Key, g => g.Count());
        return [.. officers.Select(o => (Officer: o, Days: days.GetValueOrDefault(o.Id))).Where(o => o.Days < required)
            .Select(o => new EvidenceRow(o.Officer.TownshipId is null ? UnitKind.Department : UnitKind.Township,
                (o.Officer.TownshipId ?? o.Officer.DepartmentId)!.Value, EvidenceKind.Officer, o.Officer.Id,
                $"{o.Officer.Name} {year}年参加培训{o.Days}天（要求{required:0.#}天）"))];
    }

    /// <summary>Every file of the year's case-file reviews that has been graded, with its grade (优秀 ones too: they cost nothing).</summary>
    public async Task<IReadOnlyList<(EvidenceRow Row, FileGrade Grade)>> FileGradesAsync(Guid district, int year, CancellationToken ct)
    {
        var files = await db.ReviewedFiles.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.DistrictId == district && f.Year == year && f.Grade != null)
            .Select(f => new { f.Id, f.TownshipId, f.CaseNumber, f.Total, f.Grade }).ToListAsync(ct);
        return [.. files.Select(f => (new EvidenceRow(UnitKind.Township, f.TownshipId, EvidenceKind.CaseFile, f.Id,
            $"{f.CaseNumber} 案卷评查{f.Total}分，{Grade(f.Grade!.Value)}"), f.Grade!.Value))];
    }

    private static string Grade(FileGrade g) => g switch
    {
        FileGrade.Excellent => "优秀",
        FileGrade.Pass => "合格",
        _ => "不合格",
    };

    private async Task<IReadOnlyList<EvidenceRow>> UncertifiedActingAsync(Guid district, DateOnly start, DateOnly end, CancellationToken ct)
    {
        // An act is an officer on an inspection or a case on a day; the database keeps those with no certificate of the officer
        // valid that day (Certificate.NoneValidOn, the one rule with the act's day as a column), so only they leave it.
        var none = Certificate.NoneValidOn<Act>(db.Certificates.IgnoreQueryFilters(), a => a.OfficerId, a => a.Day);
        var onInspections = from i in db.Inspections.IgnoreQueryFilters()
                            where i.DistrictId == district && i.StartedOn >= start && i.StartedOn <= end
                            from o in i.Officers
                            select new Act { OfficerId = o.OfficerId, Day = i.StartedOn };
        var onCases = from o in db.CaseOfficers.IgnoreQueryFilters()
                      join c in db.Cases.IgnoreQueryFilters() on o.CaseId equals c.Id
                      where c.DistrictId == district && c.FiledOn >= start && c.FiledOn <= end
                      select new Act { OfficerId = o.OfficerId, Day = c.FiledOn };
        var acts = await onInspections.Where(none).Union(onCases.Where(none)).AsNoTracking().ToListAsync(ct);
        var ids = acts.Select(a => a.OfficerId).Distinct().ToList();
        var officers = await db.Officers.IgnoreQueryFilters().AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new { o.Id, o.Name, o.TownshipId, o.DepartmentId }).ToDictionaryAsync(o => o.Id, ct);
        return [.. acts.GroupBy(a => a.OfficerId)
            .Select(g => (Officer: officers.GetValueOrDefault(g.Key), Days: g.Select(a => a.Day).Order().ToList()))
            .Where(o => o.Officer is not null && (o.Officer.TownshipId ?? o.Officer.DepartmentId) is not null)
            .Select(o => new EvidenceRow(o.Officer!.TownshipId is null ? UnitKind.Department : UnitKind.Township,
                (o.Officer.TownshipId ?? o.Officer.DepartmentId)!.Value, EvidenceKind.Officer, o.Officer.Id,
                $"{o.Officer.Name} 无有效执法证执法{o.Days.Count}次（首次{o.Days[0]:yyyy-MM-dd}）"))];
    }

    /// <summary>An officer acting on a day (on an inspection started or a case filed that day).</summary>
    private sealed class Act
    {
        public Guid OfficerId { get; init; }
        public DateOnly Day { get; init; }
    }

    private async Task<IReadOnlyList<EvidenceRow>> ReportsLateAsync(Guid district, int year, DateOnly asOf, CancellationToken ct)
    {
        var (first, last) = (year * 100 + 1, year * 100 + 12);
        var candidates = await db.MonthlyReports.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.DistrictId == district && r.MonthKey >= first && r.MonthKey <= last)
            .Where(Platform.Predicates.Or<MonthlyReport>(r => r.SubmittedLate, MonthlyReport.Open()))
            .ToListAsync(ct);
        var due = new Dictionary<int, DateOnly>();
        foreach (var key in candidates.Select(r => r.MonthKey).Distinct())
        {
            due[key] = await reports.DueDayAsync(district, Platform.Month.FromKey(key), ct);
        }
        return [.. candidates.Where(r => r.SubmittedLate || r.IsOverdue(due[r.MonthKey], asOf))
            .Select(r => new EvidenceRow(UnitKind.Township, r.TownshipId, EvidenceKind.Report, r.Id,
                $"{r.Month}月报 应于{due[r.MonthKey]:yyyy-MM-dd}前报送，{(r.SubmittedLate ? $"{r.SubmittedOn:yyyy-MM-dd}逾期报送" : "至今未报送")}"))];
    }

    private static string Outcome(RemedyOutcome o) => o switch
    {
        RemedyOutcome.Changed => "被变更",
        RemedyOutcome.Revoked => "被撤销",
        RemedyOutcome.ConfirmedUnlawful => "被确认违法",
        RemedyOutcome.ConfirmedVoid => "被确认无效",
        _ => "",
    };
}
