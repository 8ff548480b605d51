using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Officers;

/// <summary>An officer as a picker offers them: the unit beside the name (a district has several 王伟), and whether they may act.</summary>
public sealed record PickerOfficer(Guid Id, string Name, string Unit, bool Able, string? Why);

/// <summary>
/// What the shared picker partial draws: the field's name and id, its legend, the officers and those already chosen; the group is
/// highlighted when its name has a refusal, or <paramref name="ErrorFor"/> (the key a form files it under, when another).
/// </summary>
public sealed record OfficerPickerView(string Name, string Id, string Legend, IReadOnlyList<PickerOfficer> Officers, IReadOnlyCollection<Guid> Chosen,
    string? ErrorFor = null);

/// <summary>
/// The officers a form offers, with their units, and — once the matter, the township and the day are known — asked
/// <see cref="OfficerPowers.MayActAsync(IReadOnlyList{Guid}, Guid, Guid?, DateOnly, IReadOnlyCollection{Guid}, CancellationToken)"/>
/// (the one home of LAW 10): those who may act that day first, the rest greyed with the reason, never offered. The rule is not
/// re-typed here; the book that records still asks it again and refuses.
/// </summary>
public sealed class OfficerPicker(EntrustDbContext db, OfficerPowers powers, IStringLocalizer<SharedResource> text)
{
    /// <summary>Officers as a single-choice select offers them, by name, each with the unit the view writes beside it; no one greyed.</summary>
    public static IQueryable<PickerOfficer> WithUnits(EntrustDbContext db, IQueryable<Officer> officers) =>
        officers.OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => new PickerOfficer(o.Id, o.Name,
            db.Townships.IgnoreQueryFilters().Where(t => t.Id == o.TownshipId).Select(t => t.Name).FirstOrDefault()
                ?? db.Departments.IgnoreQueryFilters().Where(d => d.Id == o.DepartmentId).Select(d => d.Name).FirstOrDefault() ?? "",
            true, null));

    public async Task<List<PickerOfficer>> OfferAsync(IReadOnlyList<Choice> officers, Guid? matterId, Guid? townshipId, DateOnly day,
        IReadOnlyCollection<Guid>? namedOnRecord, CancellationToken ct)
    {
        var ids = officers.Select(o => o.Id).Distinct().ToList();
        // The officers are in sight (or named on a record in sight); their units' names are read by id.
        var units = await db.Officers.IgnoreQueryFilters().AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new
            {
                o.Id,
                Unit = db.Townships.IgnoreQueryFilters().Where(t => t.Id == o.TownshipId).Select(t => t.Name).FirstOrDefault()
                    ?? db.Departments.IgnoreQueryFilters().Where(d => d.Id == o.DepartmentId).Select(d => d.Name).FirstOrDefault(),
            })
            .ToDictionaryAsync(o => o.Id, o => o.Unit ?? "", ct);
        Dictionary<Guid, MayActAnswer> answers = [];
        if (matterId is { } matter && ids.Count > 0)
        {
            foreach (var a in await powers.MayActAsync(ids, matter, townshipId, day, namedOnRecord ?? [], ct))
            {
                answers[a.OfficerId] = a.Answer;
            }
        }
        return [.. officers.DistinctBy(o => o.Id).Select(o =>
            {
                var answer = answers.GetValueOrDefault(o.Id);
                return new PickerOfficer(o.Id, o.Name, units.GetValueOrDefault(o.Id, ""), answer?.MayAct ?? true,
                    answer is { MayAct: false, ReasonKey: { } key } ? Reason(key, answer.ReasonArguments) : null);
            })
            .OrderBy(o => !o.Able)];
    }

    private string Reason(string key, IReadOnlyList<object> arguments) =>
        text[key, [.. arguments.Select(a => a is Text t ? text[t.Key].Value : a)]].Value;
}

/// <summary>
/// A single-officer select as the shared partial (_OfficerSelect) draws it: 请选择 first, the unit beside each name, the chosen one
/// kept, and the field's error beside it (highlighted).
/// </summary>
public sealed record OfficerSelectView(string Name, string Id, string Label, IReadOnlyList<PickerOfficer> Officers, Guid? Chosen = null,
    string? Error = null, string? ErrorFor = null);
