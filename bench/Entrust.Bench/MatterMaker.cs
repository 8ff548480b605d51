using Entrust.Web.Features.Catalog;

namespace Entrust.Bench;

internal sealed record GeneratedMatter(string DepartmentCode, string DepartmentName, string Code, string Name, string Domain,
    MatterKind Kind, string LawName, string LawArticle, Entrustability Entrustability);

/// <summary>Makes catalogue rows that pass the domain's rules: a known domain, a legal basis, coercion never entrusted.</summary>
internal static class MatterMaker
{
    public static IEnumerable<GeneratedMatter> Make(Random random, int count, string codePrefix = "")
    {
        for (var i = 0; i < count; i++)
        {
            var department = ProvinceNames.Departments[random.Next(ProvinceNames.Departments.Length)];
            var domain = department.Domains[random.Next(department.Domains.Length)];
            var words = ProvinceNames.Matters[domain];
            var kind = ProvinceNames.KindFor(random);
            var qualifier = ProvinceNames.Qualifiers[random.Next(ProvinceNames.Qualifiers.Length)];
            var name = kind switch
            {
                MatterKind.Penalty => $"对{Pick(random, words.Offences)}行为的处罚{qualifier}",
                MatterKind.Inspection => $"{Pick(random, words.Objects)}监督检查{qualifier}",
                _ => Pick(random, words.Measures) + qualifier,
            };
            var entrustability = kind == MatterKind.Coercive
                ? Entrustability.NotEntrusted
                : random.Next(10) switch { < 3 => Entrustability.NotEntrusted, < 7 => Entrustability.PilotOnly, _ => Entrustability.DistrictWide };
            yield return new GeneratedMatter(department.Code, department.Name, $"{codePrefix}{department.Code}-{i + 1:0000}", name, domain, kind,
                Pick(random, words.Laws), ProvinceNames.Article(random.Next(1, 131)), entrustability);
        }
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
