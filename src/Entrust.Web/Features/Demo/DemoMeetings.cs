using System.Text.Json;
using Entrust.Web.Data;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Meetings;

namespace Entrust.Web.Features.Demo;

/// <summary>
/// The seed's meetings: the kick-off working meeting (专题工作会) held in 歇马镇 in mid-January 2026 — the departments' leaders in
/// charge of enforcement and their legal chiefs, 歇马镇's leaders; the deputy district head spoke — whose outcome was that each
/// department draft its pilot plan and dock with the township (done by the signing in April); the monthly joint meeting of the
/// legal chiefs (法制科长联席会) from May on, its standing members every department's legal chief and 歇马镇's liaison, with the
/// standing topic 本月委托执法工作; one action item still open from the last meeting (区安监局 to train 歇马镇's officers).
/// </summary>
public sealed class DemoMeetings(EntrustDbContext db)
{
    public static readonly DateOnly KickOff = new(2026, 1, 15);
    public const string KickOffTitle = "“改革乡镇执法监管，强化公共服务”专题工作会";
    public const string OpenItem = "区安监局对歇马镇执法人员开展安全生产检查业务培训";

    public async Task LoadAsync(District district, IReadOnlyDictionary<string, Township> townships, IReadOnlyDictionary<string, Department> departments,
        CancellationToken ct)
    {
        var xiema = townships["歇马镇"];
        var from = new DateOnly(2026, 1, 1);
        List<MeetingMember> members =
        [
            .. departments.Values.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => new MeetingMember(district.Id, d.Id, null, d.Name + "法制科科长", "法制科科长",
                null, d.Code switch { "AJ" => "dept.safety", "LY" => "dept.forestry", _ => null }, from)),
            new MeetingMember(district.Id, null, xiema.Id, "周明", "歇马镇执法联络员（综治办）", null, "town.xiema", from),
        ];
        db.MeetingMembers.AddRange(members);

        // The kick-off: every department with its leader in charge and legal chief, 歇马镇's leaders, the deputy district head.
        List<MeetingParticipant> invited =
        [
            new(null, null, null, "区人民政府", "分管副区长"),
            .. departments.Values.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => new MeetingParticipant(null, d.Id, null, d.Name, "分管领导及法制科长")),
            new(null, null, xiema.Id, xiema.Name, "镇领导及相关科室人员"),
        ];
        var kickOff = new Meeting(district.Id, MeetingKind.Special, KickOffTitle, KickOff, new TimeOnly(9, 30), "歇马镇人民政府会议室", "分管副区长", invited, "");
        var topic = kickOff.ProposeTopic("乡镇承接委托事项的机构、对接方式、工作经费、委托范围与权限、双方责权利", "office");
        Hold(kickOff, KickOff.AddDays(-5));
        kickOff.WriteMinutes(topic.Id,
            "分管副区长到会作动员。与会单位结合市政府198号令，就乡镇应由哪些机构承担受委托的事项、委托部门与乡镇工作如何对接、受委托的乡镇工作经费如何保证、委托的范围及权限的界定、委托部门与乡镇之间责权利如何确定等问题作了深入探讨，并针对人员、机构、经费等方面存在的实际问题提出了解决措施。",
            "各委托部门制定本部门试点工作方案，并分别与歇马镇政府对接，明确委托事项及权利义务。");
        kickOff.Issue("北碚法联纪〔2026〕1号", KickOff.AddDays(3));
        db.Meetings.Add(kickOff);
        foreach (var d in departments.Values.OrderBy(d => d.Code, StringComparer.Ordinal))
        {
            var item = ActionItem.Agreed(kickOff, topic.Id, "制定试点工作方案并与歇马镇政府对接，明确委托事项及权利义务", d.Id, null, new DateOnly(2026, 4, 30));
            item.MarkDone(d.Code == "AJ" ? "dept.safety" : "office", d.Code is "WS" or "NW"
                ? "试点工作方案已制定，委托协议已报区政府法制办审查"
                : "试点工作方案已制定，委托协议于2026年4月26日签订", new DateOnly(2026, 4, 28));
            db.ActionItems.Add(item);
        }

        // The monthly meetings from May, on the office's usual day (the 20th) moved off rest days by the district's calendar.
        var holidays = DemoDistrict.HolidaySchedules(district.Id).ToList();
        var calendar = new WorkingDayCalendar(holidays.Where(c => !c.IsWorkday).Select(c => c.Date).ToHashSet(),
            holidays.Where(c => c.IsWorkday).Select(c => c.Date).ToHashSet(), holidays.Select(c => c.Date.Year).ToHashSet());
        var settings = MeetingSettings.Defaults(district.Id);
        db.MeetingSettings.Add(settings);
        var number = 2;
        for (var month = 5; month <= 10; month++)
        {
            var day = Meeting.UsualDayIn(2026, month, settings.DayOfMonth, calendar);
            var monthly = new Meeting(district.Id, MeetingKind.Monthly, $"2026年{month}月法制科长联席会", day, settings.Time, settings.Place, settings.Chair,
                members.Select(m => new MeetingParticipant(m.Id, m.DepartmentId, m.TownshipId,
                    m.DepartmentId is { } dep ? departments.Values.Single(x => x.Id == dep).Name : xiema.Name, m.Name)), "本月委托执法工作");
            Hold(monthly, day.AddDays(-7));
            var standing = monthly.Topics[0];
            monthly.WriteMinutes(standing.Id, $"歇马镇执法联络员通报{month}月委托执法情况及月报报送情况；各委托部门就业务指导、执法文书和联动执法提出意见。",
                month == 10 ? "区安监局于11月底前对歇马镇执法人员开展一次安全生产检查业务培训。" : "按月报送委托执法报表，重大事项由区级部门牵头、镇政府协助。");
            monthly.Issue($"北碚法联纪〔2026〕{number++}号", day.AddDays(2));
            db.Meetings.Add(monthly);
            if (month == 10)
            {
                db.ActionItems.Add(ActionItem.Agreed(monthly, standing.Id, OpenItem, departments["AJ"].Id, null, new DateOnly(2026, 11, 30)));
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A meeting held on its day: notified ahead, started (the records before the platform are not in a pack), everyone present.</summary>
    private static void Hold(Meeting meeting, DateOnly notifiedOn)
    {
        meeting.Notify(notifiedOn);
        var at = new DateTimeOffset(meeting.Day.ToDateTime(meeting.Time), TimeSpan.FromHours(8));
        meeting.Start(JsonSerializer.Serialize(new BriefingPack(meeting.Id, meeting.Day, at, true, []), MeetingBook.PackJson), meeting.Day, at);
        foreach (var p in meeting.Participants)
        {
            meeting.RecordAttendance(p.Id, Presence.Present, null, null);
        }
    }
}
