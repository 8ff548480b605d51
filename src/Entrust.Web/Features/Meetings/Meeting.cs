using System.Linq.Expressions;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Meetings;

/// <summary>What a standing member stands for: a department's legal-affairs chief (法制科长) or a township's liaison (执法联络员).</summary>
public enum MemberRole
{
    LegalChief = 0,
    Liaison = 1,
}

/// <summary>
/// A standing member of the district's monthly joint meeting (法制科长联席会), kept by the office: a department's legal-affairs
/// chief or a township's enforcement liaison, a person with an account or a named contact. Changes are dated: a member serves
/// from a day until the day before the next member of the same unit (or until ended).
/// </summary>
public sealed class MeetingMember
{
    public const int NameLength = 100;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public MemberRole Role { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public Guid? TownshipId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Post { get; private set; }
    public string? Phone { get; private set; }

    /// <summary>The member's account, when the person has one (their workbench shows the meeting's notice).</summary>
    public string? UserName { get; private set; }
    public DateOnly From { get; private set; }

    /// <summary>The last day of service; null while serving.</summary>
    public DateOnly? Until { get; private set; }

    private MeetingMember() { }

    public MeetingMember(Guid districtId, Guid? departmentId, Guid? townshipId, string? name, string? post, string? phone, string? userName, DateOnly from)
    {
        if ((departmentId is null) == (townshipId is null))
        {
            throw new RuleViolation("Meeting.MemberNeedsOneUnit") { Field = "DepartmentId" };
        }
        DistrictId = districtId;
        DepartmentId = departmentId;
        TownshipId = townshipId;
        Role = departmentId is null ? MemberRole.Liaison : MemberRole.LegalChief;
        Name = Required(name, "Name", NameLength);
        Post = Optional(post, NameLength);
        Phone = Optional(phone, 40);
        UserName = Optional(userName, 100);
        From = from;
    }

    public bool ServesOn(DateOnly day) => From <= day && (Until == null || day <= Until);

    /// <summary><see cref="ServesOn"/> for SQL.</summary>
    public static Expression<Func<MeetingMember, bool>> ServingOn(DateOnly day) => m => m.From <= day && (m.Until == null || day <= m.Until);

    /// <summary>The member leaves after <paramref name="lastDay"/> (a successor starts the next day).</summary>
    public void End(DateOnly lastDay)
    {
        if (Until is not null)
        {
            throw RuleViolation.Conflict("Meeting.MemberAlreadyEnded");
        }
        if (lastDay < From.AddDays(-1))
        {
            throw new RuleViolation("Meeting.MemberEndBeforeStart", From.ToString("yyyy-MM-dd")) { Field = "From" };
        }
        Until = lastDay;
    }

    internal static string Required(string? text, string field, int length) =>
        Problem(text, field, length) is { } refused ? throw refused : text!.Trim();

    /// <summary>The refusal of a text field (blank when <paramref name="required"/>, or too long); null when it passes.</summary>
    internal static RuleViolation? Problem(string? text, string field, int length, bool required = true)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return required ? new RuleViolation("Validation.Required", new Text("Field." + field)) { Field = field } : null;
        }
        return trimmed.Length > length ? new RuleViolation("Validation.TooLong", new Text("Field." + field), length) { Field = field } : null;
    }

    internal static string? Optional(string? text, int length)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > length ? trimmed[..length] : trimmed;
    }
}

public enum MeetingKind
{
    Monthly = 0, // 法制科长联席会, monthly, with the standing topic
    Special = 1, // 专题工作会, called by the office with chosen participants
}

/// <summary>planned → notified → started (the pack frozen) → issued (the minutes, with their number).</summary>
public enum MeetingState
{
    Planned = 0,
    Notified = 1,
    Started = 2,
    Issued = 3,
}

public enum Presence
{
    Unrecorded = 0,
    Present = 1,
    Absent = 2,
    Deputy = 3, // someone came in the member's place
}

/// <summary>
/// One meeting: the monthly joint meeting (法制科长联席会) or an ad-hoc working meeting (专题工作会) — day, time, place, chair,
/// the invited units with their attendance, the agenda's topics with their minutes and decisions, and the briefing pack frozen
/// when it started (the minutes always show what the meeting saw).
/// </summary>
public sealed class Meeting
{
    public const int TitleLength = 200;
    public const int TextLength = 4000;
    public const string StandingTopicKey = "Meeting.StandingTopic";

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public MeetingKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly Day { get; private set; }
    public TimeOnly Time { get; private set; }
    public string Place { get; private set; } = "";
    public string Chair { get; private set; } = "";
    public MeetingState State { get; private set; }
    public DateOnly? NotifiedOn { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>The briefing pack as it stood when the meeting started (JSON of <see cref="BriefingPack"/>).</summary>
    public string? FrozenPack { get; private set; }

    /// <summary>The minutes' number (文号), given when they are issued.</summary>
    public string? Number { get; private set; }
    public DateOnly? IssuedOn { get; private set; }
    public List<MeetingParticipant> Participants { get; private set; } = [];
    public List<MeetingTopic> Topics { get; private set; } = [];

    private Meeting() { }

    public Meeting(Guid districtId, MeetingKind kind, string? title, DateOnly day, TimeOnly time, string? place, string? chair,
        IEnumerable<MeetingParticipant> participants, string standingTopic)
    {
        Participants = [.. participants];
        RuleViolation.ThrowAll(Problems(kind, title, day, place, chair, Participants.Count));
        DistrictId = districtId;
        Kind = kind;
        Title = title!.Trim();
        Day = day;
        Time = time;
        Place = place!.Trim();
        Chair = chair!.Trim();
        if (kind == MeetingKind.Monthly)
        {
            Topics.Add(new MeetingTopic(1, standingTopic, standing: true, proposedBy: null));
        }
    }

    /// <summary>
    /// Every field a new meeting refuses (nulls pass), so that the form shows each beside its field in one answer. A meeting is of a
    /// kind chosen (a form's 请选择 reaches here as an undefined one); until it is, what else it needs is not known (a monthly
    /// meeting takes the usual day, its title and the serving members), so only what is wrong whatever the kind is refused with it.
    /// </summary>
    public static IEnumerable<RuleViolation?> Problems(MeetingKind kind, string? title, DateOnly? day, string? place, string? chair, int participants)
    {
        var chosen = Enum.IsDefined(kind);
        return
        [
            chosen ? null : new RuleViolation("Validation.Choose", new Text("Field.Kind")) { Field = "Kind" },
            chosen && day is null ? new RuleViolation("Validation.Required", new Text("Field.Date")) { Field = "Day" } : null,
            MeetingMember.Problem(title, "Title", TitleLength, required: chosen),
            MeetingMember.Problem(place, "Place", TitleLength),
            MeetingMember.Problem(chair, "Chair", MeetingMember.NameLength),
            chosen && participants == 0 ? new RuleViolation("Meeting.NoParticipants") { Field = "Participants" } : null,
        ];
    }

    /// <summary>The office's usual day for the month's meeting, moved to the next working day when it falls on a rest day.</summary>
    public static DateOnly UsualDayIn(int year, int month, int dayOfMonth, WorkingDayCalendar calendar)
    {
        var day = new DateOnly(year, month, Math.Min(dayOfMonth, DateTime.DaysInMonth(year, month)));
        return calendar.IsWorkingDay(day) ? day : calendar.AddWorkingDays(day, 1);
    }

    /// <summary>A planned meeting whose notice is due: its day is at most <paramref name="noticeWorkingDays"/> working days ahead.</summary>
    public bool NoticeDue(DateOnly today, int noticeWorkingDays, WorkingDayCalendar calendar) =>
        State == MeetingState.Planned && Day >= today && calendar.WorkingDaysBetween(today, Day) <= noticeWorkingDays;

    public bool Invites(Guid? departmentId, Guid? townshipId) =>
        Participants.Any(p => (departmentId != null && p.DepartmentId == departmentId) || (townshipId != null && p.TownshipId == townshipId));

    /// <summary>The notice goes to the members (their workbench shows the meeting from now on).</summary>
    public void Notify(DateOnly today)
    {
        if (State != MeetingState.Planned)
        {
            throw WrongState();
        }
        NotifiedOn = today;
        State = MeetingState.Notified;
    }

    /// <summary>A member (or the office) proposes a topic; only before the meeting starts.</summary>
    public MeetingTopic ProposeTopic(string? title, string proposedBy)
    {
        if (State >= MeetingState.Started)
        {
            throw WrongState();
        }
        var topic = new MeetingTopic(Topics.Count + 1, MeetingMember.Required(title, "Title", TitleLength), standing: false, proposedBy);
        Topics.Add(topic);
        return topic;
    }

    /// <summary>The meeting starts on its day: the pack is frozen as it stands now. Started once only.</summary>
    public void Start(string pack, DateOnly today, DateTimeOffset at)
    {
        if (State >= MeetingState.Started)
        {
            throw WrongState();
        }
        if (today < Day)
        {
            throw new RuleViolation("Meeting.NotYetItsDay", Day.ToString("yyyy-MM-dd"));
        }
        FrozenPack = pack;
        StartedAt = at.ToUniversalTime();
        State = MeetingState.Started;
    }

    public void RecordAttendance(Guid participantId, Presence presence, string? reason, string? deputy)
    {
        EnsureStarted();
        var participant = Participants.FirstOrDefault(p => p.Id == participantId)
            ?? throw new RuleViolation("Meeting.NoSuchParticipant") { Field = "ParticipantId" };
        participant.Record(presence, reason, deputy);
    }

    public void WriteMinutes(Guid topicId, string? minutes, string? decisions)
    {
        EnsureStarted();
        var topic = Topics.FirstOrDefault(t => t.Id == topicId)
            ?? throw new RuleViolation("Meeting.NoSuchTopic") { Field = "TopicId" };
        topic.Write(minutes, decisions);
    }

    /// <summary>Action items are agreed while the meeting sits (before its minutes are issued).</summary>
    public void EnsureStarted()
    {
        if (State != MeetingState.Started)
        {
            throw WrongState();
        }
    }

    /// <summary>The office issues the minutes with their number: every participant's attendance is recorded by then.</summary>
    public void Issue(string number, DateOnly today)
    {
        EnsureIssuable();
        Number = number;
        IssuedOn = today;
        State = MeetingState.Issued;
    }

    /// <summary>Asked before a number is taken, so that a refused issue takes none.</summary>
    public void EnsureIssuable()
    {
        EnsureStarted();
        if (Participants.Any(p => p.Presence == Presence.Unrecorded))
        {
            throw new RuleViolation("Meeting.AttendanceMissing", string.Join("、", Participants.Where(p => p.Presence == Presence.Unrecorded).Select(p => p.Unit)))
            {
                Field = "Attendance",
            };
        }
    }

    private RuleViolation WrongState() => RuleViolation.Conflict("Meeting.WrongState", new Text("MeetingState." + State));
}

/// <summary>One unit invited to a meeting (owned by it): who represents it and whether they came.</summary>
public sealed class MeetingParticipant
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid? MemberId { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public Guid? TownshipId { get; private set; }

    /// <summary>The unit's name as it stood when invited (a department, a township, or another body such as the deputy district head's office).</summary>
    public string Unit { get; private set; } = "";
    public string? Person { get; private set; }
    public Presence Presence { get; private set; }
    public string? AbsenceReason { get; private set; }
    public string? Deputy { get; private set; }

    private MeetingParticipant() { }

    public MeetingParticipant(Guid? memberId, Guid? departmentId, Guid? townshipId, string unit, string? person)
    {
        MemberId = memberId;
        DepartmentId = departmentId;
        TownshipId = townshipId;
        Unit = MeetingMember.Required(unit, "Unit", Meeting.TitleLength);
        Person = MeetingMember.Optional(person, MeetingMember.NameLength);
    }

    internal void Record(Presence presence, string? reason, string? deputy)
    {
        reason = MeetingMember.Optional(reason, 500);
        deputy = MeetingMember.Optional(deputy, MeetingMember.NameLength);
        if (presence == Presence.Unrecorded)
        {
            throw new RuleViolation("Validation.Required", new Text("Field.Presence")) { Field = "Presence" };
        }
        if (presence == Presence.Absent && reason is null)
        {
            throw new RuleViolation("Meeting.AbsenceNeedsReason") { Field = "Reason" };
        }
        if (presence == Presence.Deputy && deputy is null)
        {
            throw new RuleViolation("Meeting.DeputyNeedsName") { Field = "Deputy" };
        }
        Presence = presence;
        AbsenceReason = presence == Presence.Absent ? reason : null;
        Deputy = presence == Presence.Deputy ? deputy : null;
    }
}

/// <summary>One topic of the agenda (owned by the meeting): the standing topic 本月委托执法工作 or one proposed; its minutes and decisions.</summary>
public sealed class MeetingTopic
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int Order { get; private set; }
    public string Title { get; private set; } = "";
    public bool Standing { get; private set; }
    public string? ProposedBy { get; private set; }
    public string? Minutes { get; private set; }
    public string? Decisions { get; private set; }

    private MeetingTopic() { }

    public MeetingTopic(int order, string title, bool standing, string? proposedBy)
    {
        Order = order;
        Title = title;
        Standing = standing;
        ProposedBy = proposedBy;
    }

    internal void Write(string? minutes, string? decisions)
    {
        minutes = minutes?.Trim();
        decisions = decisions?.Trim();
        if (minutes is { Length: > Meeting.TextLength } || decisions is { Length: > Meeting.TextLength })
        {
            throw new RuleViolation("Validation.TooLong", new Text("Field.Minutes"), Meeting.TextLength) { Field = "Minutes" };
        }
        Minutes = string.IsNullOrEmpty(minutes) ? null : minutes;
        Decisions = string.IsNullOrEmpty(decisions) ? null : decisions;
    }
}

/// <summary>
/// An action item agreed at a meeting: what, which unit owns it, by which day, the record it concerns; marked done with evidence.
/// Open past its due day it is overdue. Open items carry over to every later meeting's pack until closed.
/// </summary>
public sealed class ActionItem
{
    public const int WhatLength = 500;
    public const int EvidenceLength = 1000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid MeetingId { get; private set; }
    public Guid? TopicId { get; private set; }
    public string What { get; private set; } = "";

    /// <summary>The owner unit: a department or a township (exactly one).</summary>
    public Guid? DepartmentId { get; private set; }
    public Guid? TownshipId { get; private set; }
    public DateOnly AgreedOn { get; private set; }
    public DateOnly DueOn { get; private set; }

    /// <summary>The record the item is about (a page of the console: a scope request, an agreement, a case …).</summary>
    public string? RecordLink { get; private set; }

    /// <summary>The scope request the decision started (起草范围申请), drafted with the item; its page links back to the meeting.</summary>
    public Guid? ScopeRequestId { get; private set; }

    /// <summary>The agreement the decision started (拟订新的委托协议), drafted with the item; its page links back to the meeting.</summary>
    public Guid? AgreementId { get; private set; }
    public DateOnly? DoneOn { get; private set; }
    public string? DoneBy { get; private set; }
    public string? Evidence { get; private set; }

    private ActionItem() { }

    public ActionItem(Meeting meeting, Guid? topicId, string? what, Guid? departmentId, Guid? townshipId, DateOnly dueOn, string? recordLink)
    {
        meeting.EnsureStarted();
        if (topicId is { } t && meeting.Topics.All(x => x.Id != t))
        {
            throw new RuleViolation("Meeting.NoSuchTopic") { Field = "TopicId" };
        }
        if ((departmentId is null) == (townshipId is null))
        {
            throw new RuleViolation("Meeting.MemberNeedsOneUnit") { Field = "DepartmentId" };
        }
        if (dueOn < meeting.Day)
        {
            throw new RuleViolation("ActionItem.DueBeforeMeeting", meeting.Day.ToString("yyyy-MM-dd")) { Field = "DueOn" };
        }
        DistrictId = meeting.DistrictId;
        MeetingId = meeting.Id;
        TopicId = topicId;
        What = MeetingMember.Required(what, "What", WhatLength);
        DepartmentId = departmentId;
        TownshipId = townshipId;
        AgreedOn = meeting.Day;
        DueOn = dueOn;
        RecordLink = RecordLinkOf(recordLink);
    }

    /// <summary>Loaded by the demo: an item agreed at a meeting recorded as history.</summary>
    internal static ActionItem Agreed(Meeting meeting, Guid? topicId, string what, Guid? departmentId, Guid? townshipId, DateOnly dueOn) =>
        new()
        {
            DistrictId = meeting.DistrictId,
            MeetingId = meeting.Id,
            TopicId = topicId,
            What = what,
            DepartmentId = departmentId,
            TownshipId = townshipId,
            AgreedOn = meeting.Day,
            DueOn = dueOn,
        };

    /// <summary>The decision started a scope request: the item is its drafting, and links to it.</summary>
    public void StartedScopeRequest(Guid requestId)
    {
        ScopeRequestId = requestId;
        RecordLink = "/Scope#request-" + requestId;
    }

    /// <summary>The decision started an agreement: the item is its drafting, and links to it.</summary>
    public void StartedAgreement(Guid agreementId)
    {
        AgreementId = agreementId;
        RecordLink = "/Agreements/Detail/" + agreementId;
    }

    public bool IsOpen => DoneOn == null;

    /// <summary><see cref="IsOpen"/> for SQL (the gap scan reads the open items and asks <see cref="IsOverdue"/>).</summary>
    public static Expression<Func<ActionItem, bool>> Open() => a => a.DoneOn == null;

    public bool IsOverdue(DateOnly today) => DoneOn == null && DueOn < today;

    /// <summary><see cref="IsOverdue"/> for SQL (lists, the pack, the workbench).</summary>
    public static Expression<Func<ActionItem, bool>> OverdueOn(DateOnly today) => a => a.DoneOn == null && a.DueOn < today;

    /// <summary>The owner (or the office) closes the item, with what shows it done.</summary>
    public void MarkDone(string by, string? evidence, DateOnly today)
    {
        if (DoneOn is not null)
        {
            throw RuleViolation.Conflict("ActionItem.AlreadyDone", DoneOn.Value.ToString("yyyy-MM-dd"));
        }
        var trimmed = evidence?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new RuleViolation("ActionItem.DoneNeedsEvidence") { Field = "Evidence" };
        }
        if (trimmed.Length > EvidenceLength)
        {
            throw new RuleViolation("Validation.TooLong", new Text("Field.Evidence"), EvidenceLength) { Field = "Evidence" };
        }
        DoneOn = today;
        DoneBy = by;
        Evidence = trimmed;
    }

    /// <summary>Only a page of the console (a path beginning with one slash): never a link elsewhere.</summary>
    private static string? RecordLinkOf(string? link)
    {
        var trimmed = link?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (!trimmed.StartsWith('/') || trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.Contains('\\') || trimmed.Length > 300)
        {
            throw new RuleViolation("ActionItem.RecordLinkInvalid") { Field = "RecordLink" };
        }
        return trimmed;
    }
}

/// <summary>The office's figures for the monthly meeting: its usual day of the month, time and place, and how many working days ahead the notice goes.</summary>
public sealed class MeetingSettings
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public int DayOfMonth { get; private set; } = 20;
    public TimeOnly Time { get; private set; } = new(9, 30);
    public string Place { get; private set; } = "区政府法制办会议室";
    public string Chair { get; private set; } = "区政府法制办主任";
    public int NoticeWorkingDays { get; private set; } = 3;

    private MeetingSettings() { }

    public MeetingSettings(Guid districtId) => DistrictId = districtId;

    public static MeetingSettings Defaults(Guid districtId) => new(districtId);

    public void Set(int dayOfMonth, TimeOnly time, string? place, string? chair, int noticeWorkingDays)
    {
        if (dayOfMonth is < 1 or > 28)
        {
            throw new RuleViolation("Meeting.DayOfMonthOutOfRange", 1, 28) { Field = "DayOfMonth" };
        }
        if (noticeWorkingDays is < 1 or > 20)
        {
            throw new RuleViolation("Meeting.NoticeDaysOutOfRange", 1, 20) { Field = "NoticeWorkingDays" };
        }
        DayOfMonth = dayOfMonth;
        Time = time;
        Place = MeetingMember.Required(place, "Place", Meeting.TitleLength);
        Chair = MeetingMember.Required(chair, "Chair", MeetingMember.NameLength);
        NoticeWorkingDays = noticeWorkingDays;
    }
}
