using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Targets;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Demo;

/// <summary>
/// 歇马镇's first half-year of penalty cases from the seed: 7 计划生育 cases filed on 区人口计生委's entrusted matter (QQ-02), 5 of
/// them closed, 2 still open at different steps — one delivered and unpaid past its 15 days, one paid and awaiting closing — with
/// no reconsideration and no litigation. Elsewhere, 天生街道 has one case that went to reconsideration and was revoked: a candidate
/// erroneous case for the assessment, its publication withdrawn.
/// <para>As with the inspections (<see cref="DemoInspections"/>), the certificates date from 2026-06-01, so the half-year's cases are
/// filed in June and carried on into the summer. Every case is built through the case's own steps with the entitlement and the
/// officers' may-act answers of the day, so each is lawful: a date or a penalty the law refuses would stop the demo loading.</para>
/// </summary>
public sealed class DemoCases(EntrustDbContext db, ReferenceCache cache)
{
    public const string MatterCode = "QQ-02";

    /// <summary>The body in whose name the cases are handled (委托): the numbers are its sequence for 2026, as <see cref="CaseBook"/> numbers.</summary>
    public const string ActingBody = "区人口计生委";

    /// <summary>The demo's cases are the first <see cref="Count"/> of the acting body's 2026 sequence.</summary>
    public const int Count = 8;

    public static string CaseNumber(int n) => $"{ActingBody}立字〔2026〕{n}号";

    public static string DecisionNumber(int n) => $"{ActingBody}罚决字〔2026〕{n}号";

    private int _serial;

    private sealed record Crew(Township Township, List<Officer> Officers, List<Certificate> Certificates);

    public async Task LoadAsync(District district, IReadOnlyDictionary<string, Township> townships, CancellationToken ct)
    {
        var matter = await db.Matters.IgnoreQueryFilters().SingleAsync(m => m.DistrictId == district.Id && m.Code == MatterCode, ct);
        var facts = new MatterFacts(matter.Id, matter.DistrictId, matter.DepartmentId, matter.Domain);
        var entitlements = new Entitlements(db, cache);
        var calendar = await new HolidayCalendar(db, cache).ForDistrictAsync(district.Id, ct);
        var settings = CaseSettings.Defaults;

        async Task<Crew> CrewOf(Township township) => new(township,
            await db.Officers.IgnoreQueryFilters().Where(o => o.TownshipId == township.Id).OrderBy(o => o.Id).ToListAsync(ct),
            await db.Certificates.IgnoreQueryFilters().Where(c => c.TownshipId == township.Id).ToListAsync(ct));

        // Two officers who may act on the matter that day, taken in turn.
        async Task<ActingOfficer[]> Pair(Crew crew, DateOnly day)
        {
            var township = await entitlements.CheckAsync(crew.Township.Id, matter.Id, Authority.InspectionOnly, day, null, ct);
            var able = crew.Officers
                .Select(o => new ActingOfficer(o.Id, o.Name,
                    MayAct.Decide(o, crew.Certificates.Where(c => c.OfficerId == o.Id).ToList(), facts, crew.Township.Id, day, township)))
                .Where(a => a.Answer.MayAct).ToList();
            if (able.Count < 2)
            {
                throw new InvalidOperationException($"{crew.Township.Name} has fewer than two officers for {matter.Domain} on {day}.");
            }
            var n = _serial++;
            return [able[n % able.Count], able[(n + 1) % able.Count]];
        }

        Task<Entitlement> Standing(Crew crew, DateOnly day) =>
            entitlements.CheckAsync(crew.Township.Id, matter.Id, Authority.GeneralPenalty, day, null, ct);

        var number = 0;
        var serials = new Dictionary<Case, int>();
        // Filed, investigated the same day, evidence the next, notified three days on; decided once the party's windows have closed.
        async Task<Case> Notified(Crew crew, DateOnly filedOn, DateOnly actOn, CaseParty party, string what, string reasons, Penalty intended,
            params (string Kind, string Description)[] evidence)
        {
            var n = ++number;
            var officers = await Pair(crew, filedOn);
            var standing = await Standing(crew, filedOn);
            if (standing.ActingInNameOf != ActingBody)
            {
                throw new InvalidOperationException($"{crew.Township.Name} does not hold {MatterCode} in {ActingBody}'s name on {filedOn}.");
            }
            var c = new Case(new CaseFiling(district.Id, crew.Township.Id, matter.Id, CaseNumber(n), party, what, actOn,
                null, false, filedOn, filedOn, DepartmentId: matter.DepartmentId), standing, officers, settings);
            serials[c] = n;
            c.BeginInvestigation(filedOn, officers);
            foreach (var (kind, description) in evidence)
            {
                var on = WorkingDayFrom(filedOn.AddDays(1));
                c.AddEvidence(on, kind, description, await Pair(crew, on));
            }
            c.Notify(new NoticeFacts(WorkingDayFrom(filedOn.AddDays(3)), intended, reasons), settings, calendar);
            return c;
        }

        DateOnly WorkingDayFrom(DateOnly day)
        {
            while (!calendar.IsWorkingDay(day))
            {
                day = day.AddDays(1);
            }
            return day;
        }

        // The first working day after the windows for representations and a hearing request have closed.
        DateOnly AfterWindows(Case c) => WorkingDayFrom(new[] { c.RepresentationsUntil, c.HearingRequestUntil }.Max()!.Value.AddDays(1));

        async Task Decide(Crew crew, Case c, DateOnly on, Penalty penalty, bool publish)
        {
            c.Decide(new DecisionFacts(on, DecisionNumber(serials[c]), penalty, publish),
                await Standing(crew, on), settings, calendar);
            c.Deliver(new DeliveryFacts(WorkingDayFrom(on.AddDays(1)), DeliveryMethod.Direct), calendar);
            if (publish)
            {
                c.Publish(on.AddDays(2));
            }
        }

        var xiema = await CrewOf(townships["歇马镇"]);
        var cases = new List<Case>();
        static DateOnly D(int month, int day) => new(2026, month, day);

        // 1. A forged family-planning certificate: warning and a 5,000 RMB fine; the party let the windows pass. Closed.
        var forged = await Notified(xiema, D(6, 2), D(5, 20), new CaseParty(PartyKind.Person, "冉启明", "500109198304122718"),
            "伪造计划生育证明一份并用于办理入学手续。", "当事人伪造计划生育证明，事实清楚，证据确凿，依法应予处罚。",
            new Penalty(true, 5000m, 0m, PenaltyMeasure.None),
            ("书证", "伪造的计划生育证明原件一份"), ("询问笔录", "当事人承认自行伪造证明"));
        await Decide(xiema, forged, AfterWindows(forged), new Penalty(true, 5000m, 0m, PenaltyMeasure.None), publish: false);
        forged.RecordPayment(D(6, 30), 5000m);
        forged.Close(D(7, 2));
        cases.Add(forged);

        // 2. A clinic identifying a foetus's sex without medical need: warning, confiscation and a 20,000 RMB fine; published. Closed.
        var clinic = await Notified(xiema, D(6, 3), D(5, 28), new CaseParty(PartyKind.Organisation, "重庆歇马某某医疗门诊部有限公司",
                Code("91500109MA60QW8T2")),
            "利用超声技术为他人进行非医学需要的胎儿性别鉴定二次，违法所得3000元。",
            "当事人为他人进行非医学需要的胎儿性别鉴定，违法事实清楚，证据确凿，社会影响较大。",
            new Penalty(true, 20000m, 3000m, PenaltyMeasure.None),
            ("现场检查笔录", "诊室内超声设备一台，鉴定登记本一册"), ("询问笔录", "就诊人员二人证实进行了胎儿性别鉴定"));
        await Decide(xiema, clinic, AfterWindows(clinic), new Penalty(true, 20000m, 3000m, PenaltyMeasure.None), publish: true);
        clinic.RecordPayment(D(7, 1), 20000m);
        clinic.RecordExecution(D(7, 3));
        clinic.Close(D(7, 6));
        cases.Add(clinic);

        // 3. An unlicensed family-planning operation; the party's representations heard, the fine lowered to 8,000 RMB. Closed.
        var operation = await Notified(xiema, D(6, 8), D(6, 1), new CaseParty(PartyKind.Person, "谭德明", "500109197611094521"),
            "未取得执业资格，在家中为他人放置宫内节育器一次，收取费用1200元。",
            "当事人非法为他人施行计划生育手术，违法事实清楚，证据确凿。", new Penalty(true, 10000m, 1200m, PenaltyMeasure.None),
            ("现场检查笔录", "查获节育器及手术器械一批"), ("询问笔录", "当事人承认收取费用1200元"));
        operation.RecordRepresentations(D(6, 15), "初次违法，已主动退还所收费用，请求从轻处罚。");
        await Decide(xiema, operation, AfterWindows(operation), new Penalty(true, 8000m, 1200m, PenaltyMeasure.None), publish: false);
        operation.RecordPayment(D(7, 6), 8000m);
        operation.RecordExecution(D(7, 6));
        operation.Close(D(7, 8));
        cases.Add(operation);

        // 4. Selling a family-planning certificate; the party waived representations and a hearing in writing. Closed.
        var sold = await Notified(xiema, D(6, 10), D(6, 5), new CaseParty(PartyKind.Person, "向春兰", "500109199003261831"),
            "以500元价格出售本人计划生育证明一份。", "当事人买卖计划生育证明，事实清楚，证据确凿。",
            new Penalty(false, 5000m, 500m, PenaltyMeasure.None),
            ("书证", "被出售的计划生育证明一份"), ("询问笔录", "购买人证实以500元购得"));
        sold.RecordWaiver(D(6, 15));
        await Decide(xiema, sold, D(6, 16), new Penalty(false, 5000m, 500m, PenaltyMeasure.None), publish: false);
        sold.RecordPayment(D(6, 24), 5000m);
        sold.RecordExecution(D(6, 24));
        sold.Close(D(6, 26));
        cases.Add(sold);

        // 5. A maternity service centre introducing clients to sex identification: warning and a 10,000 RMB fine; published. Closed.
        var centre = await Notified(xiema, D(6, 15), D(6, 8), new CaseParty(PartyKind.Organisation, "重庆市北碚区歇马某母婴服务中心",
                Code("91500109MA61RX5N4")),
            "为孕妇介绍非医学需要的胎儿性别鉴定一次。", "当事人介绍他人进行非医学需要的胎儿性别鉴定，事实清楚，证据确凿。",
            new Penalty(true, 10000m, 0m, PenaltyMeasure.None),
            ("询问笔录", "孕妇及其家属证实由当事人介绍"), ("视听资料", "微信聊天记录截图十二张"));
        await Decide(xiema, centre, AfterWindows(centre), new Penalty(true, 10000m, 0m, PenaltyMeasure.None), publish: true);
        centre.RecordPayment(D(7, 10), 10000m);
        centre.Close(D(7, 14));
        cases.Add(centre);

        // 6. Open: a 5,000 RMB fine delivered and not paid within 15 days; the late penalty runs (capped at the fine).
        var unpaid = await Notified(xiema, D(6, 22), D(6, 12), new CaseParty(PartyKind.Person, "蒋小龙", "500109198810150367"),
            "伪造计划生育证明一份并用于申领生育补贴。", "当事人伪造计划生育证明，事实清楚，证据确凿。",
            Penalty.FineOf(5000m), ("书证", "伪造的计划生育证明复印件一份"), ("询问笔录", "当事人承认伪造事实"));
        await Decide(xiema, unpaid, AfterWindows(unpaid), Penalty.FineOf(5000m), publish: false);
        cases.Add(unpaid);

        // 7. Open: warning and a 3,000 RMB fine paid in time; awaiting closing.
        var awaiting = await Notified(xiema, D(6, 29), D(6, 20), new CaseParty(PartyKind.Person, "邓雪梅", "500109199507072241"),
            "为他人出具虚假的计划生育情况证明一份。", "当事人出具虚假证明，事实清楚，证据确凿，情节较轻。",
            new Penalty(true, 3000m, 0m, PenaltyMeasure.None), ("书证", "虚假证明原件一份"), ("询问笔录", "当事人承认出具虚假证明"));
        await Decide(xiema, awaiting, AfterWindows(awaiting), new Penalty(true, 3000m, 0m, PenaltyMeasure.None), publish: false);
        awaiting.RecordPayment(awaiting.DeliveredOn!.Value.AddDays(10), 3000m);
        cases.Add(awaiting);

        // Elsewhere: 天生街道's clinic case, published, paid and closed, then revoked on reconsideration by the district government;
        // the publication withdrawn within three working days, the fine refunded, the case a candidate erroneous case.
        var tiansheng = await CrewOf(townships["天生街道"]);
        var revoked = await Notified(tiansheng, D(6, 10), D(6, 1), new CaseParty(PartyKind.Organisation, "重庆天生某某卫生室有限公司",
                Code("91500109MA5YH2KD8")),
            "为他人进行非医学需要的胎儿性别鉴定一次。", "当事人为他人进行非医学需要的胎儿性别鉴定，事实清楚，证据确凿。",
            new Penalty(true, 15000m, 0m, PenaltyMeasure.None),
            ("询问笔录", "举报人陈述曾在当事人处进行鉴定"), ("现场检查笔录", "诊室内未发现超声设备"));
        await Decide(tiansheng, revoked, AfterWindows(revoked), new Penalty(true, 15000m, 0m, PenaltyMeasure.None), publish: true);
        revoked.RecordPayment(D(7, 8), 15000m);
        revoked.Close(D(7, 10));
        var reconsideration = revoked.RecordRemedy(RemedyKind.Reconsideration, D(8, 10), "北碚区人民政府");
        revoked.RecordRemedyOutcome(reconsideration.Id, RemedyOutcome.Revoked, D(9, 28), calendar);
        revoked.RecordWithdrawalFromPublic(D(9, 29));
        revoked.RecordRefund(D(9, 30)); // the 15,000 RMB paid on the revoked decision, returned (LAW 6)
        cases.Add(revoked);

        db.Cases.AddRange(cases);
        await db.SaveChangesAsync(ct);
    }

    private static string Code(string first17) => first17 + CreditCodes.CheckCharacterOf(first17);
}
