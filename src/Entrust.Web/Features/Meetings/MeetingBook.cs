using System.Text.Json;
using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Notifications;
using Entrust.Web.Features.Scope;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Meetings;

public sealed record MemberView(Guid Id, MemberRole Role, Guid? DepartmentId, Guid? TownshipId, string Unit, string Name, string? Post,
    string? Phone, string? UserName, DateOnly From, DateOnly? Until, bool Serving);

public sealed record ParticipantView(Guid Id, Guid? DepartmentId, Guid? TownshipId, string Unit, string? Person, Presence Presence,
    string? AbsenceReason, string? Deputy);

public sealed record TopicView(Guid Id, int Order, string Title, bool Standing, string? ProposedBy, string? Minutes, string? Decisions);

public sealed record ActionItemView(Guid Id, Guid MeetingId, string MeetingTitle, DateOnly MeetingDay, Guid? TopicId, string What,
    Guid? DepartmentId, Guid? TownshipId, string Owner, DateOnly AgreedOn, DateOnly DueOn, string? RecordLink, DateOnly? DoneOn,
    string? DoneBy, string? Evidence, bool Overdue, Guid? ScopeRequestId = null, Guid? AgreementId = null);

public sealed record MatterChoice(Guid Id, Guid DepartmentId, string Code, string Name, MatterKind Kind);

public sealed record MeetingSummary(Guid Id, MeetingKind Kind, string Title, DateOnly Day, TimeOnly Time, string Place, string Chair,
    MeetingState State, string? Number, int Participants, int Topics);

public sealed record MeetingView(Guid Id, MeetingKind Kind, string Title, DateOnly Day, TimeOnly Time, string Place, string Chair,
    MeetingState State, DateOnly? NotifiedOn, DateTimeOffset? StartedAt, string? Number, DateOnly? IssuedOn,
    IReadOnlyList<ParticipantView> Participants, IReadOnlyList<TopicView> Topics, IReadOnlyList<ActionItemView> ActionItems);

public sealed record MeetingFilter(string? Q = null, MeetingKind? Kind = null, MeetingState? State = null, DateOnly? From = null, DateOnly? To = null);

public sealed record ActionItemFilter(bool? Open = null, bool? Overdue = null, Guid? MeetingId = null);

/// <summary>The members and units a meeting invites; <c>MemberIds</c> empty on a monthly meeting means every serving member.</summary>
public sealed record MeetingInput(MeetingKind Kind, string? Title, DateOnly? Day, TimeOnly? Time, string? Place, string? Chair,
    List<Guid>? MemberIds, List<Guid>? DepartmentIds, List<Guid>? TownshipIds, List<string>? Others);

public sealed record MemberInput(Guid? DepartmentId, Guid? TownshipId, string? Name, string? Post, string? Phone, string? UserName, DateOnly? From);

public sealed record MemberEndInput(DateOnly? Until);

public sealed record TopicInput(string? Title);

public sealed record AttendanceEntry(Guid ParticipantId, Presence Presence, string? Reason, string? Deputy);

public sealed record AttendanceInput(List<AttendanceEntry>? Entries);

public sealed record MinutesEntry(Guid TopicId, string? Minutes, string? Decisions);

public sealed record MinutesInput(List<MinutesEntry>? Topics);

public sealed record ActionItemInput(Guid? TopicId, string? What, Guid? DepartmentId, Guid? TownshipId, DateOnly? DueOn, string? RecordLink);

public sealed record DoneInput(string? Evidence);

/// <summary>A decision on a topic starts a scope request (起草范围申请) for a township: the item is owned by the township.</summary>
public sealed record DecisionScopeRequestInput(Guid? TopicId, string? What, DateOnly? DueOn, Guid? TownshipId, Guid? MatterId, string? RequestedPower,
    string? Reason)
{
    public ScopeRequestInput Request => new(TownshipId, MatterId, RequestedPower, Reason);
}

/// <summary>A decision on a topic proposes a new agreement (拟订委托协议): the item is owned by the entrusting department.</summary>
public sealed record DecisionAgreementInput(Guid? TopicId, string? What, DateOnly? DueOn, AgreementInput? Agreement);

/// <summary>Where a record came from: the meeting, and the topic whose decision started it.</summary>
public sealed record MeetingOrigin(Guid MeetingId, string MeetingTitle, DateOnly MeetingDay, Guid? TopicId, int? TopicOrder, string? TopicTitle, Guid ActionItemId);

public sealed record MeetingSettingsInput(int DayOfMonth, TimeOnly Time, string? Place, string? Chair, int NoticeWorkingDays);

public sealed record MeetingSettingsView(int DayOfMonth, TimeOnly Time, string Place, string Chair, int NoticeWorkingDays, DateOnly NextUsualDay);

/// <summary>
/// The meetings' use cases, shared by the /Meetings pages and /api/meetings, /api/action-items. The office keeps the members, calls,
/// notifies, starts and minutes meetings, and issues the minutes; an invited unit reads its meetings, proposes topics, and closes
/// its own action items with evidence. Who sees which row is the data scope's (Data/DataScope.cs).
/// </summary>
public sealed class MeetingBook(EntrustDbContext db, CurrentUser user, TimeProvider clock, HolidayCalendar calendar,
    BriefingPackBuilder packs, ScopeBook scopes, AgreementBook agreements, IStringLocalizer<SharedResource> text)
{
    public static readonly JsonSerializerOptions PackJson = new(JsonSerializerDefaults.Web);

    public bool MayKeep => MayKeepAs(user);

    /// <summary>The office (and the admin) keep the members, the meetings and the settings.</summary>
    public static bool MayKeepAs(CurrentUser user) => user.Role is Roles.Office or Roles.Admin;

    /// <summary>The settings are a district's: its office keeps them (the admin, of no district, has none to keep).</summary>
    public static bool MayKeepSettingsAs(CurrentUser user) => user.Role is Roles.Office;

    /// <summary>The meetings pages: every signed-in role but the officer, whose work the meetings are about, not in.</summary>
    public static bool MayRead(CurrentUser user) => user.Role is not null && user.Role != Roles.Officer;

    public bool MayPropose => user.Role is Roles.Office or Roles.Admin or Roles.Department or Roles.Township;

    // ---- members ----

    /// <summary>The member list's orders (the console's column headers); by role by default, as the meeting seats them.</summary>
    public static readonly ListSort<MemberView> MemberSorts = new ListSort<MemberView>("role")
        .By("role", m => m.Role).By("unit", m => m.Unit).By("name", m => m.Name).By("from", m => m.From).By("until", m => m.Until)
        .Then(m => m.Id);

    /// <summary>The members the console list's filter shows: those serving today (true), those who left (false) or both (none).</summary>
    public async Task<IEnumerable<MemberView>> MembersShownAsync(bool? serving, CancellationToken ct = default) =>
        (await MembersAsync(false, ct)).Where(m => serving is null || m.Serving == serving);

    /// <summary>
    /// The members the filter shows, in the list's order, as .xlsx (<see cref="ListExport"/>): the /Meetings/Members export button and
    /// GET /api/meetings/members/export alike, for those the meetings pages let in (<see cref="MayRead"/>).
    /// </summary>
    public async Task<(byte[] Content, string FileName)> MembersExportAsync(bool? serving, ListQuery list, ListExport export,
        CancellationToken ct = default)
    {
        if (!MayRead(user))
        {
            throw new ForbiddenAction();
        }
        return await export.WriteAsync("Meetings.Members", null, MemberSorts.Apply(await MembersShownAsync(serving, ct), list.Sort), [
            new("Field.Role", m => text["MemberRole." + m.Role].Value),
            new("Field.Unit", m => m.Unit),
            new("Field.Name", m => m.Name),
            new("Field.Post", m => m.Post),
            new("Field.Phone", m => m.Phone),
            new("Field.From", m => m.From),
            new("Field.Until", m => m.Until),
        ], ct);
    }

    public async Task<IReadOnlyList<MemberView>> MembersAsync(bool servingOnly, CancellationToken ct = default)
    {
        var today = clock.TodayInChina();
        var query = db.MeetingMembers.AsNoTracking();
        if (servingOnly)
        {
            query = query.Where(MeetingMember.ServingOn(today));
        }
        var members = await query.OrderBy(m => m.Role).ThenBy(m => m.From).ThenBy(m => m.Id).ToListAsync(ct);
        var units = await UnitNamesAsync(ct);
        return [.. members.Select(m => ToView(m, units, today)).OrderBy(m => m.Role).ThenBy(m => m.Unit, StringComparer.Ordinal).ThenBy(m => m.From)];
    }

    /// <summary>A new member for a unit; the member it replaces (serving the same unit) leaves the day before.</summary>
    public async Task<MemberView> AddMemberAsync(MemberInput input, CancellationToken ct = default)
    {
        var district = OfficeDistrict();
        var from = input.From ?? clock.TodayInChina();
        if (input.DepartmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d && x.DistrictId == district, ct))
        {
            throw new RuleViolation("Validation.Invalid", new Text("Field.DepartmentId")) { Field = "DepartmentId" };
        }
        if (input.TownshipId is { } t && !await db.Townships.AnyAsync(x => x.Id == t && x.DistrictId == district, ct))
        {
            throw new RuleViolation("Validation.Invalid", new Text("Field.TownshipId")) { Field = "TownshipId" };
        }
        var member = new MeetingMember(district, input.DepartmentId, input.TownshipId, input.Name, input.Post, input.Phone, input.UserName, from);
        var predecessors = await db.MeetingMembers.Where(m => m.DistrictId == district && m.Until == null
            && m.DepartmentId == input.DepartmentId && m.TownshipId == input.TownshipId).ToListAsync(ct);
        foreach (var previous in predecessors)
        {
            previous.End(from.AddDays(-1));
        }
        db.MeetingMembers.Add(member);
        await db.SaveChangesAsync(ct);
        return ToView(member, await UnitNamesAsync(ct), clock.TodayInChina());
    }

    public async Task<MemberView?> EndMemberAsync(Guid id, DateOnly? until, CancellationToken ct = default)
    {
        OfficeDistrict();
        var member = await db.MeetingMembers.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (member is null)
        {
            return null;
        }
        member.End(until ?? clock.TodayInChina());
        await db.SaveChangesAsync(ct);
        return ToView(member, await UnitNamesAsync(ct), clock.TodayInChina());
    }

    // ---- settings ----

    public async Task<MeetingSettingsView> SettingsAsync(CancellationToken ct = default)
    {
        var district = user.DistrictId ?? throw new ForbiddenAction();
        var settings = await db.MeetingSettings.AsNoTracking().FirstOrDefaultAsync(s => s.DistrictId == district, ct) ?? MeetingSettings.Defaults(district);
        return await SettingsViewAsync(settings, ct);
    }

    public async Task<MeetingSettingsView> SetSettingsAsync(MeetingSettingsInput input, CancellationToken ct = default)
    {
        var district = OfficeDistrict();
        var settings = await db.MeetingSettings.FirstOrDefaultAsync(s => s.DistrictId == district, ct);
        if (settings is null)
        {
            settings = new MeetingSettings(district);
            db.MeetingSettings.Add(settings);
        }
        settings.Set(input.DayOfMonth, input.Time, input.Place, input.Chair, input.NoticeWorkingDays);
        await db.SaveChangesAsync(ct);
        return await SettingsViewAsync(settings, ct);
    }

    private async Task<MeetingSettingsView> SettingsViewAsync(MeetingSettings s, CancellationToken ct)
    {
        var next = await NextUsualDayAsync(s, clock.TodayInChina(), ct);
        return new MeetingSettingsView(s.DayOfMonth, s.Time, s.Place, s.Chair, s.NoticeWorkingDays, next);
    }

    /// <summary>The first usual day (moved off rest days) on or after <paramref name="today"/>.</summary>
    public async Task<DateOnly> NextUsualDayAsync(MeetingSettings s, DateOnly today, CancellationToken ct)
    {
        var days = await calendar.ForDistrictAsync(s.DistrictId, ct);
        var day = Meeting.UsualDayIn(today.Year, today.Month, s.DayOfMonth, days);
        if (day < today)
        {
            var next = today.AddMonths(1);
            day = Meeting.UsualDayIn(next.Year, next.Month, s.DayOfMonth, days);
        }
        return day;
    }

    // ---- meetings ----

    public async Task<Paged<MeetingSummary>> ListAsync(MeetingFilter filter, int? page, int? pageSize, CancellationToken ct = default) =>
        await Summaries(filter).ToPagedAsync(page, pageSize, ct);

    /// <summary>The console list's orders (its column headers); the newest first by default, as the API lists them.</summary>
    public static readonly ListSort<MeetingSummary> Sorts = new ListSort<MeetingSummary>("-day")
        .By("day", m => m.Day).By("title", m => m.Title).By("place", m => m.Place).By("state", m => m.State).By("number", m => m.Number)
        .Then(m => m.Id);

    /// <summary>A page of the list in the asked order (the console's /Meetings).</summary>
    public Task<Paged<MeetingSummary>> ListAsync(MeetingFilter filter, ListQuery list, CancellationToken ct = default) =>
        Summaries(filter).ToPagedAsync(list, Sorts, ct);

    /// <summary>Every meeting the filter shows in the list's order, up to the export's limit.</summary>
    private async Task<List<MeetingSummary>> AllAsync(MeetingFilter filter, ListQuery list, CancellationToken ct = default) =>
        await Summaries(filter).ForExport(list, Sorts).ToListAsync(ct);

    /// <summary>
    /// Every meeting the filter shows, in the list's order, as .xlsx (<see cref="ListExport"/>): the /Meetings export button and
    /// GET /api/meetings/export alike.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> ExportAsync(MeetingFilter filter, ListQuery list, ListExport export,
        CancellationToken ct) =>
        await export.WriteAsync("Meetings.Title", null, await AllAsync(filter, list, ct), [
            new("Field.Date", m => $"{m.Day:yyyy-MM-dd} {m.Time:HH:mm}"),
            new("Field.Title", m => m.Title),
            new("Field.Kind", m => text["MeetingKind." + m.Kind].Value),
            new("Field.Place", m => m.Place),
            new("Field.State", m => text["MeetingState." + m.State].Value),
            new("Field.Number", m => m.Number),
        ], ct);

    private IQueryable<MeetingSummary> Summaries(MeetingFilter filter)
    {
        var query = db.Meetings.AsNoTracking();
        if (filter.Kind is { } kind)
        {
            query = query.Where(m => m.Kind == kind);
        }
        if (filter.State is { } state)
        {
            query = query.Where(m => m.State == state);
        }
        if (filter.From is { } from)
        {
            query = query.Where(m => m.Day >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(m => m.Day <= to);
        }
        if (filter.Q?.Trim() is { Length: > 0 } q)
        {
            query = query.Where(m => m.Title.Contains(q) || m.Place.Contains(q) || (m.Number != null && m.Number.Contains(q))
                || m.Topics.Any(t => t.Title.Contains(q) || (t.Minutes != null && t.Minutes.Contains(q)) || (t.Decisions != null && t.Decisions.Contains(q))));
        }
        return query.OrderByDescending(m => m.Day).ThenByDescending(m => m.Id)
            .Select(m => new MeetingSummary(m.Id, m.Kind, m.Title, m.Day, m.Time, m.Place, m.Chair, m.State, m.Number, m.Participants.Count, m.Topics.Count));
    }

    public async Task<MeetingView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null)
        {
            return null;
        }
        var items = await ActionItemsAsync(new ActionItemFilter(MeetingId: id), ct);
        return ToView(meeting, items);
    }

    /// <summary>
    /// The office calls a meeting. A monthly meeting without a day is proposed on the office's usual day (moved off rest days) and
    /// invites every serving member; an ad-hoc one (专题工作会) invites the members, units and other bodies chosen.
    /// </summary>
    public async Task<MeetingView> CreateAsync(MeetingInput input, CancellationToken ct = default)
    {
        var district = OfficeDistrict();
        var today = clock.TodayInChina();
        var settings = await db.MeetingSettings.AsNoTracking().FirstOrDefaultAsync(s => s.DistrictId == district, ct) ?? MeetingSettings.Defaults(district);
        // A monthly meeting takes the usual day, its title and the serving members when none are given; every field still missing is
        // refused together (Meeting.Problems) before anything is written.
        var day = input.Day ?? (input.Kind == MeetingKind.Monthly ? await NextUsualDayAsync(settings, today, ct) : (DateOnly?)null);
        var units = await UnitNamesAsync(ct);
        List<MeetingParticipant> participants = [];
        var members = db.MeetingMembers.AsNoTracking().Where(m => m.DistrictId == district);
        var chosen = input.MemberIds ?? [];
        var invited = input.Kind == MeetingKind.Monthly && chosen.Count == 0 && (input.DepartmentIds ?? []).Count == 0 && (input.TownshipIds ?? []).Count == 0
            ? await members.Where(MeetingMember.ServingOn(day!.Value)).ToListAsync(ct)
            : await members.Where(m => chosen.Contains(m.Id)).ToListAsync(ct);
        if (invited.Count != chosen.Distinct().Count() && chosen.Count > 0)
        {
            throw new RuleViolation("Validation.Invalid", new Text("Field.MemberIds")) { Field = "MemberIds" };
        }
        foreach (var m in invited.OrderBy(m => m.Role).ThenBy(m => units.GetValueOrDefault(m.DepartmentId ?? m.TownshipId ?? Guid.Empty), StringComparer.Ordinal))
        {
            participants.Add(new MeetingParticipant(m.Id, m.DepartmentId, m.TownshipId, units[m.DepartmentId ?? m.TownshipId!.Value], m.Name));
        }
        foreach (var d in (input.DepartmentIds ?? []).Distinct().Where(d => participants.All(p => p.DepartmentId != d)))
        {
            participants.Add(new MeetingParticipant(null, d, null, units.GetValueOrDefault(d)
                ?? throw new RuleViolation("Validation.Invalid", new Text("Field.DepartmentId")) { Field = "DepartmentIds" }, null));
        }
        foreach (var t in (input.TownshipIds ?? []).Distinct().Where(t => participants.All(p => p.TownshipId != t)))
        {
            participants.Add(new MeetingParticipant(null, null, t, units.GetValueOrDefault(t)
                ?? throw new RuleViolation("Validation.Invalid", new Text("Field.TownshipId")) { Field = "TownshipIds" }, null));
        }
        foreach (var other in (input.Others ?? []).Where(o => !string.IsNullOrWhiteSpace(o)))
        {
            participants.Add(new MeetingParticipant(null, null, null, other, null));
        }
        var title = string.IsNullOrWhiteSpace(input.Title) && input.Kind == MeetingKind.Monthly
            ? text["Meeting.MonthlyTitle", day!.Value.Year, day.Value.Month].Value
            : input.Title;
        var place = string.IsNullOrWhiteSpace(input.Place) ? settings.Place : input.Place;
        var chair = string.IsNullOrWhiteSpace(input.Chair) ? settings.Chair : input.Chair;
        RuleViolation.ThrowAll(Meeting.Problems(input.Kind, title, day, place, chair, participants.Count));
        var meeting = new Meeting(district, input.Kind, title, day!.Value, input.Time ?? settings.Time, place, chair, participants,
            text[Meeting.StandingTopicKey]);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        return ToView(meeting, []);
    }

    /// <summary>
    /// The scheduler's step for the office's district: the next monthly meeting proposed on the usual day when none is called for that
    /// month (and there are serving members), and every planned monthly meeting within the notice period notified.
    /// </summary>
    /// <returns>The meeting proposed, if one was.</returns>
    public async Task<MeetingView?> ProposeAndNotifyAsync(CancellationToken ct = default)
    {
        var district = OfficeDistrict();
        var today = clock.TodayInChina();
        var settings = await db.MeetingSettings.AsNoTracking().FirstOrDefaultAsync(s => s.DistrictId == district, ct) ?? MeetingSettings.Defaults(district);
        var next = await NextUsualDayAsync(settings, today, ct);
        var monthStart = new DateOnly(next.Year, next.Month, 1);
        MeetingView? proposed = null;
        if (!await db.Meetings.AnyAsync(m => m.DistrictId == district && m.Kind == MeetingKind.Monthly && m.Day >= monthStart && m.Day < monthStart.AddMonths(1), ct)
            && await db.MeetingMembers.Where(m => m.DistrictId == district).AnyAsync(MeetingMember.ServingOn(next), ct))
        {
            proposed = await CreateAsync(new MeetingInput(MeetingKind.Monthly, null, next, null, null, null, null, null, null, null), ct);
        }
        var days = await calendar.ForDistrictAsync(district, ct);
        var planned = await db.Meetings.Where(m => m.DistrictId == district && m.Kind == MeetingKind.Monthly && m.State == MeetingState.Planned && m.Day >= today)
            .ToListAsync(ct);
        foreach (var meeting in planned.Where(m => m.NoticeDue(today, settings.NoticeWorkingDays, days)))
        {
            meeting.Notify(today);
            db.Notifications.AddRange(Notification.OfMeeting(meeting, clock.GetUtcNow()));
        }
        await db.SaveChangesAsync(ct);
        return proposed;
    }

    /// <summary>The notice goes out: each invited unit's accounts see it on the bell (and the meeting on their workbench).</summary>
    public Task<MeetingView?> NotifyAsync(Guid id, CancellationToken ct = default) =>
        ChangeAsync(id, m =>
        {
            m.Notify(clock.TodayInChina());
            db.Notifications.AddRange(Notification.OfMeeting(m, clock.GetUtcNow()));
        }, ct);

    public async Task<MeetingView?> ProposeTopicAsync(Guid id, TopicInput input, CancellationToken ct = default)
    {
        if (!MayPropose)
        {
            throw new ForbiddenAction();
        }
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null)
        {
            return null;
        }
        meeting.ProposeTopic(input.Title, user.UserName);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>The pack: frozen once the meeting started, else built now from the records.</summary>
    public async Task<BriefingPack?> PackAsync(Guid id, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null)
        {
            return null;
        }
        if (meeting.FrozenPack is { } frozen)
        {
            return JsonSerializer.Deserialize<BriefingPack>(frozen, PackJson)! with { Frozen = true };
        }
        return await packs.BuildAsync(meeting, clock.TodayInChina(), clock.GetUtcNow(), ct);
    }

    /// <summary>The meeting starts: the pack is built once more and frozen with it.</summary>
    public async Task<MeetingView?> StartAsync(Guid id, CancellationToken ct = default)
    {
        EnsureKeeper();
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null)
        {
            return null;
        }
        var today = clock.TodayInChina();
        var pack = meeting.State >= MeetingState.Started ? null : await packs.BuildAsync(meeting, today, clock.GetUtcNow(), ct);
        meeting.Start(JsonSerializer.Serialize(pack, PackJson), today, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public Task<MeetingView?> RecordAttendanceAsync(Guid id, AttendanceInput input, CancellationToken ct = default) =>
        ChangeAsync(id, m =>
        {
            foreach (var e in input.Entries ?? [])
            {
                m.RecordAttendance(e.ParticipantId, e.Presence, e.Reason, e.Deputy);
            }
        }, ct);

    public Task<MeetingView?> WriteMinutesAsync(Guid id, MinutesInput input, CancellationToken ct = default) =>
        ChangeAsync(id, m =>
        {
            foreach (var e in input.Topics ?? [])
            {
                m.WriteMinutes(e.TopicId, e.Minutes, e.Decisions);
            }
        }, ct);

    /// <summary>The office issues the minutes with the next number of the district's series (北碚法联纪〔2026〕3号).</summary>
    public async Task<MeetingView?> IssueAsync(Guid id, CancellationToken ct = default)
    {
        EnsureKeeper();
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null)
        {
            return null;
        }
        meeting.EnsureIssuable();
        var today = clock.TodayInChina();
        var districtName = await db.Districts.Where(d => d.Id == meeting.DistrictId).Select(d => d.Name).FirstAsync(ct);
        var prefix = $"{districtName.TrimEnd('区', '县')}法联纪〔{today.Year}〕";
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var n = await NumberSequences.TakeAsync(db, meeting.DistrictId, "Meeting.Minutes", meeting.DistrictId, today.Year,
            async c => NumberSequences.Highest(prefix, await db.Meetings.IgnoreQueryFilters()
                .Where(m => m.DistrictId == meeting.DistrictId && m.Number != null).Select(m => m.Number!).ToListAsync(c)), ct);
        meeting.Issue($"{prefix}{n}号", today);
        await db.SaveChangesAsync(ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }
        return await GetAsync(id, ct);
    }

    // ---- action items ----

    public async Task<ActionItemView?> AddActionItemAsync(Guid meetingId, ActionItemInput input, CancellationToken ct = default)
    {
        EnsureKeeper();
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
        {
            return null;
        }
        var units = await UnitNamesAsync(ct);
        if ((input.DepartmentId is { } d && !units.ContainsKey(d)) || (input.TownshipId is { } t && !units.ContainsKey(t)))
        {
            throw new RuleViolation("Validation.Invalid", new Text("Field.DepartmentId")) { Field = "DepartmentId" };
        }
        var item = new ActionItem(meeting, input.TopicId, input.What, input.DepartmentId, input.TownshipId,
            input.DueOn ?? throw new RuleViolation("Validation.Required", new Text("Field.Deadline")) { Field = "DueOn" }, input.RecordLink);
        db.ActionItems.Add(item);
        db.Notifications.Add(Notification.OfActionItem(item, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return (await ActionItemsAsync(new ActionItemFilter(MeetingId: meetingId), ct)).First(a => a.Id == item.Id);
    }

    /// <summary>
    /// A decision starts the work it names: a scope request drafted for the township through <see cref="ScopeBook.RequestAsync"/> (its
    /// rules, never a copy), with an action item owned by the township that links to it. The item is checked before anything is
    /// written, and both are saved in one transaction: a refusal of either writes nothing.
    /// </summary>
    public async Task<ActionItemView?> StartScopeRequestAsync(Guid meetingId, DecisionScopeRequestInput input, CancellationToken ct = default)
    {
        EnsureKeeper();
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
        {
            return null;
        }
        if (input.TownshipId is not { } township || !await db.Townships.AnyAsync(t => t.Id == township && t.DistrictId == meeting.DistrictId, ct))
        {
            throw new RuleViolation("Validation.Invalid", new Text("Field.TownshipId")) { Field = "TownshipId" };
        }
        var what = string.IsNullOrWhiteSpace(input.What) ? text["Meeting.Work.ScopeRequest", input.RequestedPower?.Trim() ?? ""].Value : input.What;
        var item = DecisionItem(meeting, input.TopicId, what, null, township, input.DueOn);
        return await StartAsync(meeting, item, async () =>
        {
            var request = await scopes.RequestAsync(input.Request, ct)
                ?? throw new RuleViolation("Validation.Invalid", new Text("Field.TownshipId")) { Field = "TownshipId" };
            item.StartedScopeRequest(request.Id);
        }, ct);
    }

    /// <summary>
    /// A decision proposes a new agreement: the draft made through <see cref="AgreementBook.CreateAsync"/> (its parties, matters and
    /// number as any draft), with an action item owned by the entrusting department that links to it; one transaction, as above.
    /// </summary>
    public async Task<ActionItemView?> StartAgreementAsync(Guid meetingId, DecisionAgreementInput input, CancellationToken ct = default)
    {
        EnsureKeeper();
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
        {
            return null;
        }
        var draft = input.Agreement ?? throw new RuleViolation("Validation.Required", new Text("Field.DepartmentId")) { Field = "DepartmentId" };
        var units = await UnitNamesAsync(ct);
        if (draft.DepartmentId is not { } department || !await db.Departments.AnyAsync(d => d.Id == department && d.DistrictId == meeting.DistrictId, ct))
        {
            throw new RuleViolation("Validation.Invalid", new Text("Field.DepartmentId")) { Field = "DepartmentId" };
        }
        var what = string.IsNullOrWhiteSpace(input.What)
            ? text["Meeting.Work.Agreement", units[department], draft.TownshipId is { } t ? units.GetValueOrDefault(t) ?? "" : ""].Value
            : input.What;
        var item = DecisionItem(meeting, input.TopicId, what, department, null, input.DueOn);
        return await StartAsync(meeting, item, async () => item.StartedAgreement((await agreements.CreateAsync(draft, ct)).Id), ct);
    }

    /// <summary>Where records came from: for each scope request or agreement a decision started, its meeting and topic.</summary>
    public async Task<IReadOnlyDictionary<Guid, MeetingOrigin>> OriginsAsync(IReadOnlyCollection<Guid> recordIds, CancellationToken ct = default)
    {
        if (recordIds.Count == 0)
        {
            return new Dictionary<Guid, MeetingOrigin>();
        }
        // The record's reader may not be invited to the meeting: its title and topic are shown past the meeting's scope (in the district).
        var district = user.DistrictId;
        var items = await db.ActionItems.IgnoreQueryFilters().AsNoTracking()
            .Where(a => (district == null || a.DistrictId == district)
                && ((a.ScopeRequestId != null && recordIds.Contains(a.ScopeRequestId.Value)) || (a.AgreementId != null && recordIds.Contains(a.AgreementId.Value))))
            .Select(a => new { a.Id, a.MeetingId, a.TopicId, Record = a.ScopeRequestId ?? a.AgreementId!.Value }).ToListAsync(ct);
        var meetingIds = items.Select(i => i.MeetingId).Distinct().ToList();
        var meetings = await db.Meetings.IgnoreQueryFilters().AsNoTracking().Include(m => m.Topics).Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        return items.GroupBy(i => i.Record).ToDictionary(g => g.Key, g =>
        {
            var i = g.First();
            var m = meetings[i.MeetingId];
            var topic = m.Topics.FirstOrDefault(t => t.Id == i.TopicId);
            return new MeetingOrigin(m.Id, m.Title, m.Day, topic?.Id, topic?.Order, topic?.Title, i.Id);
        });
    }

    /// <summary>The item of a decision: on a topic of the started meeting, its owner one unit, due on or after the meeting's day.</summary>
    private static ActionItem DecisionItem(Meeting meeting, Guid? topicId, string what, Guid? departmentId, Guid? townshipId, DateOnly? dueOn) =>
        new(meeting, topicId ?? throw new RuleViolation("Validation.Required", new Text("Meetings.Topic")) { Field = "TopicId" }, what, departmentId,
            townshipId, dueOn ?? throw new RuleViolation("Validation.Required", new Text("Field.DueOn")) { Field = "DueOn" }, null);

    private async Task<ActionItemView> StartAsync(Meeting meeting, ActionItem item, Func<Task> draft, CancellationToken ct)
    {
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await draft();
            db.ActionItems.Add(item);
            db.Notifications.Add(Notification.OfActionItem(item, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }
        }
        catch
        {
            // The draft's rows are rolled back with the transaction; forget them in memory too.
            db.ChangeTracker.Clear();
            throw;
        }
        return (await ActionItemsAsync(new ActionItemFilter(MeetingId: meeting.Id), ct)).First(a => a.Id == item.Id);
    }

    public async Task<IReadOnlyList<ActionItemView>> ActionItemsAsync(ActionItemFilter filter, CancellationToken ct = default)
    {
        var today = clock.TodayInChina();
        var query = db.ActionItems.AsNoTracking();
        if (filter.MeetingId is { } meetingId)
        {
            query = query.Where(a => a.MeetingId == meetingId);
        }
        if (filter.Open is { } open)
        {
            query = query.Where(open ? ActionItem.Open() : Predicates.Not(ActionItem.Open()));
        }
        if (filter.Overdue == true)
        {
            query = query.Where(ActionItem.OverdueOn(today));
        }
        var items = await query.OrderBy(a => a.DoneOn != null).ThenBy(a => a.DueOn).ThenBy(a => a.Id).Take(500).ToListAsync(ct);
        var meetingIds = items.Select(a => a.MeetingId).Distinct().ToList();
        // The meeting's title past the reader's scope: a unit owns the item even when it was not invited (the kick-off's outcome).
        var meetings = await db.Meetings.IgnoreQueryFilters().AsNoTracking().Where(m => meetingIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Title, m.Day }).ToDictionaryAsync(m => m.Id, ct);
        var units = await UnitNamesAsync(ct);
        return [.. items.Select(a => new ActionItemView(a.Id, a.MeetingId, meetings[a.MeetingId].Title, meetings[a.MeetingId].Day, a.TopicId, a.What,
            a.DepartmentId, a.TownshipId, units.GetValueOrDefault(a.DepartmentId ?? a.TownshipId ?? Guid.Empty) ?? "", a.AgreedOn, a.DueOn,
            a.RecordLink, a.DoneOn, a.DoneBy, a.Evidence, a.IsOverdue(today), a.ScopeRequestId, a.AgreementId))];
    }

    /// <summary>The owner unit (or the office) marks the item done, with its evidence.</summary>
    public async Task<ActionItemView?> MarkDoneAsync(Guid id, DoneInput input, CancellationToken ct = default)
    {
        if (user.Role is not (Roles.Office or Roles.Admin or Roles.Department or Roles.Township))
        {
            throw new ForbiddenAction();
        }
        var item = await db.ActionItems.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (item is null)
        {
            return null;
        }
        item.MarkDone(user.UserName, input.Evidence, clock.TodayInChina());
        await db.SaveChangesAsync(ct);
        return (await ActionItemsAsync(new ActionItemFilter(MeetingId: item.MeetingId), ct)).First(a => a.Id == id);
    }

    // ---- documents ----

    public async Task<(byte[] Bytes, string FileName)?> MinutesDocumentAsync(Guid id, CancellationToken ct = default)
    {
        var view = await GetAsync(id, ct);
        if (view is null)
        {
            return null;
        }
        if (view.State < MeetingState.Started)
        {
            throw RuleViolation.Conflict("Meeting.WrongState", new Text("MeetingState." + view.State));
        }
        // The attending bodies by their full legal names, as the catalogue sets them (the names recorded on the meeting when it has none).
        var departmentIds = view.Participants.Select(p => p.DepartmentId).OfType<Guid>().ToList();
        var townshipIds = view.Participants.Select(p => p.TownshipId).OfType<Guid>().ToList();
        var legal = (await db.Departments.IgnoreQueryFilters().AsNoTracking().Where(d => departmentIds.Contains(d.Id) && d.LegalName != null)
                .Select(d => new { d.Id, d.LegalName }).ToListAsync(ct))
            .Concat(await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(t => townshipIds.Contains(t.Id) && t.LegalName != null)
                .Select(t => new { t.Id, t.LegalName }).ToListAsync(ct))
            .ToDictionary(u => u.Id, u => u.LegalName!);
        var named = view with
        {
            Participants = [.. view.Participants.Select(p => p with { Unit = legal.GetValueOrDefault(p.DepartmentId ?? p.TownshipId ?? Guid.Empty) ?? p.Unit })],
        };
        return (MeetingDocuments.Minutes(named, text), $"{view.Day:yyyyMMdd}-minutes.docx");
    }

    public async Task<(byte[] Bytes, string FileName)?> PackDocumentAsync(Guid id, CancellationToken ct = default)
    {
        var view = await GetAsync(id, ct);
        var pack = view is null ? null : await PackAsync(id, ct);
        if (view is null || pack is null)
        {
            return null;
        }
        return (MeetingDocuments.Pack(view, pack, text), $"{view.Day:yyyyMMdd}-pack.docx");
    }

    /// <summary>The district's departments and townships, for the forms (invitations, owners, members).</summary>
    public async Task<(IReadOnlyList<(Guid Id, string Name)> Departments, IReadOnlyList<(Guid Id, string Name)> Townships)> UnitsAsync(CancellationToken ct = default)
    {
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        var townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        return ([.. departments.Select(d => (d.Id, d.Name))], [.. townships.Select(t => (t.Id, t.Name))]);
    }

    /// <summary>The district's matters that may be entrusted, for a decision that proposes an agreement.</summary>
    public async Task<IReadOnlyList<MatterChoice>> MattersAsync(CancellationToken ct = default) =>
        await db.Matters.AsNoTracking().Where(m => m.Entrustability != Entrustability.NotEntrusted).OrderBy(m => m.Code)
            .Select(m => new MatterChoice(m.Id, m.DepartmentId, m.Code, m.Name, m.Kind)).ToListAsync(ct);

    /// <summary>Whether the reader may close the item: its owner unit, or the office.</summary>
    public bool MayClose(ActionItemView item) =>
        MayKeep || (user.DepartmentId != null && item.DepartmentId == user.DepartmentId) || (user.Role == Roles.Township && item.TownshipId == user.TownshipId);

    // ---- helpers ----

    private async Task<MeetingView?> ChangeAsync(Guid id, Action<Meeting> change, CancellationToken ct)
    {
        EnsureKeeper();
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null)
        {
            return null;
        }
        change(meeting);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private void EnsureKeeper()
    {
        if (!MayKeep)
        {
            throw new ForbiddenAction();
        }
    }

    /// <summary>The office's district: the members and meetings are kept by the office of one district.</summary>
    private Guid OfficeDistrict()
    {
        EnsureKeeper();
        return user.DistrictId ?? throw new RuleViolation("Validation.Required", new Text("Field.DistrictId")) { Field = "DistrictId" };
    }

    /// <summary>Department and township names of the reader's district, past the unit's own scope (a township reads the department's name).</summary>
    private async Task<Dictionary<Guid, string>> UnitNamesAsync(CancellationToken ct)
    {
        var district = user.DistrictId;
        var departments = await db.Departments.IgnoreQueryFilters().AsNoTracking().Where(d => district == null || d.DistrictId == district)
            .Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        var townships = await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(t => district == null || t.DistrictId == district)
            .Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        return departments.Concat(townships).ToDictionary(u => u.Id, u => u.Name);
    }

    private static MemberView ToView(MeetingMember m, Dictionary<Guid, string> units, DateOnly today) =>
        new(m.Id, m.Role, m.DepartmentId, m.TownshipId, units.GetValueOrDefault(m.DepartmentId ?? m.TownshipId ?? Guid.Empty) ?? "", m.Name, m.Post,
            m.Phone, m.UserName, m.From, m.Until, m.ServesOn(today));

    private static MeetingView ToView(Meeting m, IReadOnlyList<ActionItemView> items) =>
        new(m.Id, m.Kind, m.Title, m.Day, m.Time, m.Place, m.Chair, m.State, m.NotifiedOn, m.StartedAt, m.Number, m.IssuedOn,
            [.. m.Participants.Select(p => new ParticipantView(p.Id, p.DepartmentId, p.TownshipId, p.Unit, p.Person, p.Presence, p.AbsenceReason, p.Deputy))],
            [.. m.Topics.OrderBy(t => t.Order).Select(t => new TopicView(t.Id, t.Order, t.Title, t.Standing, t.ProposedBy, t.Minutes, t.Decisions))],
            items);
}
