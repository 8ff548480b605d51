using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Officers;

namespace Entrust.Bench;

/// <summary>
/// What issues 3 and 4 add to the province: every township's agreements in force (each department entrusting up to
/// 12 of its district-wide matters, pilot-only ones too for pilot townships), 20,000 officers (16 per township, the
/// rest in departments) and 60,000 certificates: per officer the current one, one that expired and, for one in three,
/// one revoked or suspended. Some current certificates expire within weeks, some have their review overdue, one officer in
/// fifty has left, and many township-domains have fewer than two valid holders, as the coverage view must find.
/// </summary>
internal static class ProvinceQualification
{
    public const int Officers = 20_000;
    public const int Certificates = 60_000;
    private const int OfficersPerTownship = 16;
    public static readonly DateOnly Today = new(2026, 11, 25);

    public static List<object> Agreements(IReadOnlyList<Township> townships, IReadOnlyList<Department> departments, IReadOnlyList<Matter> matters)
    {
        var rows = new List<object>();
        var byDepartment = matters.Where(m => m.Kind != MatterKind.Coercive && m.Entrustability != Entrustability.NotEntrusted)
            .GroupBy(m => m.DepartmentId).ToDictionary(g => g.Key, g => g.OrderBy(m => m.Code, StringComparer.Ordinal).ToList());
        var number = 0;
        foreach (var township in townships)
        {
            foreach (var department in departments.Where(d => d.DistrictId == township.DistrictId))
            {
                var entrusted = byDepartment.GetValueOrDefault(department.Id, [])
                    .Where(m => m.Entrustability == Entrustability.DistrictWide || township.IsPilot).Take(12).ToList();
                if (entrusted.Count == 0)
                {
                    continue;
                }
                var agreement = new Agreement(department, township, $"省基准委托〔2026〕{++number}号",
                    new AgreementTerms(AgreementMode.Entrustment, null, new DateOnly(2026, 1, 1), new DateOnly(2028, 12, 31), "", null, null,
                        true, true, true),
                    entrusted.Select(m => (m, m.Kind == MatterKind.Inspection ? Authority.InspectionOnly : Authority.GeneralPenalty, (decimal?)null)));
                agreement.Submit(new DateOnly(2025, 12, 1));
                agreement.Review(new DateOnly(2025, 12, 5), "bench", approved: true);
                agreement.Sign(new DateOnly(2025, 12, 10), new DateOnly(2025, 12, 12), "局长", "镇长");
                agreement.Publish(new DateOnly(2025, 12, 12), new DateOnly(2025, 12, 12), "政府网站");
                rows.Add(agreement);
            }
        }
        return rows;
    }

    public static (List<object> Settings, List<object> Officers, List<object> Certificates) People(Random random,
        IReadOnlyList<District> districts, IReadOnlyList<Township> townships, IReadOnlyList<Department> departments,
        IReadOnlyList<Matter> matters, Func<Random, string> name)
    {
        var settings = districts.ToDictionary(d => d.Id, d =>
        {
            var s = new QualificationSettings(d.Id);
            s.Update(new QualificationFields(2, 1, $"渝执{d.Code}{{year}}{{seq:5}}", 3, 12, 60, 40));
            return s;
        });
        var domainsOf = matters.GroupBy(m => m.DistrictId).ToDictionary(g => g.Key, g => g.Select(m => m.Domain).Distinct().Order(StringComparer.Ordinal).ToArray());
        var officers = new List<Officer>(Officers);
        foreach (var township in townships)
        {
            for (var i = 0; i < OfficersPerTownship; i++)
            {
                officers.Add(NewOfficer(random, township.DistrictId, OfficerUnit.OfTownship(township.Id), name(random), officers.Count));
            }
        }
        for (var i = 0; officers.Count < Officers; i++)
        {
            var department = departments[i % departments.Count];
            officers.Add(NewOfficer(random, department.DistrictId, OfficerUnit.OfDepartment(department.Id), name(random), officers.Count));
        }

        var certificates = new List<object>(Certificates);
        var sequence = new Dictionary<(Guid, int), int>();
        string Number(QualificationSettings s, int year)
        {
            var key = (s.DistrictId, year);
            sequence[key] = sequence.GetValueOrDefault(key) + 1;
            return s.FormatNumber(year, sequence[key]);
        }
        string[] Domains(Officer o)
        {
            var all = domainsOf[o.DistrictId];
            return Enumerable.Range(0, 1 + random.Next(3)).Select(_ => all[random.Next(all.Length)]).Distinct().ToArray();
        }
        foreach (var officer in officers)
        {
            var s = settings[officer.DistrictId];
            // The expired one, three years before the current.
            var old = new DateOnly(2021, 1, 4).AddDays(random.Next(700));
            certificates.Add(new Certificate(officer, Number(s, old.Year), Domains(officer), old, s, null));
            // The current one: mostly issued this year or last, reviewed when due; a few overdue or about to expire.
            var issued = Today.AddDays(-random.Next(30, 1080));
            var current = new Certificate(officer, Number(s, issued.Year), Domains(officer), issued, s, null);
            for (var review = issued.AddMonths(11); review <= Today && random.Next(40) > 0; review = review.AddMonths(12))
            {
                current.Review(review, passed: true, null, s);
            }
            certificates.Add(current);
            if (certificates.Count < Certificates && random.Next(3) == 0)
            {
                var extra = new Certificate(officer, Number(s, issued.Year), Domains(officer), issued.AddDays(random.Next(1, 20)), s, null);
                if (random.Next(2) == 0)
                {
                    extra.Revoke(Today.AddDays(-random.Next(1, 200)), "换发新证");
                }
                else
                {
                    extra.Suspend(Today.AddDays(-random.Next(1, 60)), "涉嫌违规执法，暂扣待查");
                }
                certificates.Add(extra);
            }
        }
        // Top up to exactly 60,000 with revoked duplicates of current certificates (证件补办).
        for (var i = 0; certificates.Count < Certificates; i++)
        {
            var officer = officers[i * 7 % officers.Count];
            var s = settings[officer.DistrictId];
            var replaced = new Certificate(officer, Number(s, 2025), Domains(officer), new DateOnly(2025, 3, 1).AddDays(i % 200), s, null);
            replaced.Revoke(new DateOnly(2025, 12, 1), "证件遗失补办");
            certificates.Add(replaced);
        }
        // One officer in fifty has left; their certificates were revoked that day.
        foreach (var officer in officers.Where((_, i) => i % 50 == 49))
        {
            var leftOn = Today.AddDays(-random.Next(1, 300));
            officer.Leave(leftOn, "辞职");
            foreach (var c in certificates.Cast<Certificate>().Where(c => c.OfficerId == officer.Id && c.State != CertificateState.Revoked))
            {
                c.Revoke(leftOn, "持证人离职");
            }
        }
        return ([.. settings.Values], [.. officers], certificates);
    }

    private static Officer NewOfficer(Random random, Guid district, OfficerUnit unit, string name, int n)
    {
        var birth = new DateOnly(1965, 1, 1).AddDays(random.Next(12000));
        var first17 = $"5001{n / 1000 % 100:D2}{birth:yyyyMMdd}{n % 1000:D3}"; // n in the number: unique
        return new Officer(district, unit, new OfficerFields(name, (Gender)(n % 2), first17 + IdNumbers.CheckCharacterOf(first17),
            $"13{random.Next(100000000, 999999999)}", "执法队员", StaffType.Established));
    }
}
