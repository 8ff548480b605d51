using System.Globalization;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Cases;

/// <summary>
/// How a published decision (公示, LAW 24) shows its party. A person is personal information and is masked: the surname stays
/// (a compound one such as 欧阳 whole) and the given name becomes two asterisks whatever its length, so that 张三 and 张三丰 both
/// read 张** and the length gives nothing away; the ID number keeps its first six digits (the issuing region) and its check
/// character (computed from the others) and hides the birth date and sequence number. An organisation's name and unified social
/// credit code are public registrations and are shown as they are.
/// </summary>
public static class PublicParty
{
    private const string Hidden = "**";

    // 复姓 still in use; a name of three or more characters starting with one keeps both characters.
    private static readonly HashSet<string> CompoundSurnames =
    [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "司空", "夏侯", "轩辕",
        "令狐", "端木", "独孤", "南宫", "西门", "百里", "呼延", "万俟", "闻人", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于",
        "太叔", "申屠", "仲孙", "钟离", "宰父", "谷梁", "拓跋", "东郭", "第五", "赫连", "左丘", "梁丘", "公羊", "段干", "乐正",
    ];

    /// <summary>The party as the public page shows it: a person masked, an organisation as registered.</summary>
    public static CaseParty Of(CaseParty party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return party.Kind == PartyKind.Person
            ? new CaseParty(party.Kind, MaskName(party.Name), MaskIdentifier(party.Identifier))
            : new CaseParty(party.Kind, (party.Name ?? "").Trim(), (party.Identifier ?? "").Trim());
    }

    /// <summary>张三 → 张**, 欧阳修 → 欧阳**, 买买提·艾力 → 买**, John Smith → J**; an empty name stays empty.</summary>
    public static string MaskName(string? name)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return "";
        }
        var elements = TextElements(trimmed);
        var surname = elements.Count >= 3 && CompoundSurnames.Contains(elements[0] + elements[1])
            ? elements[0] + elements[1]
            : elements[0];
        return surname + Hidden;
    }

    /// <summary>
    /// 500109199001011234 → 500109***********4; a 15-digit ID keeps its region only; any other number (a passport) keeps its
    /// first and last characters.
    /// </summary>
    public static string MaskIdentifier(string? identifier)
    {
        var id = (identifier ?? "").Trim();
        return id.Length switch
        {
            0 => "",
            18 => id[..6] + new string('*', 11) + id[17],
            15 => id[..6] + new string('*', 9),
            <= 2 => new string('*', id.Length),
            _ => id[0] + new string('*', id.Length - 2) + id[^1],
        };
    }

    /// <summary>
    /// Free text about the case (the facts) as published: a person's full name, ID number and address replaced by their masked
    /// forms, then — for persons and organisations alike — every ID, bank-card and phone number found by its shape
    /// (<see cref="PersonalData.MaskText"/>). It can only catch what it is told or what has a shape: an officer who writes the
    /// given name alone in the facts must not, and the office previews the text before publishing.
    /// </summary>
    public static string MaskText(string? text, CaseParty party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return PersonalData.MaskText(party.Kind == PartyKind.Person ? MaskPerson(text ?? "", party) : text);
    }

    /// <summary>重庆市北碚区天生路2号 → 重庆市北碚区**: the address of a natural person keeps its first six characters (the region).</summary>
    public static string MaskAddress(string? address)
    {
        var elements = TextElements((address ?? "").Trim());
        return elements.Count == 0 ? "" : string.Concat(elements.Take(6)) + Hidden;
    }

    private static string MaskPerson(string result, CaseParty party)
    {
        var address = (party.Address ?? "").Trim();
        if (address.Length > 6)
        {
            result = result.Replace(address, MaskAddress(address), StringComparison.Ordinal);
        }
        var id = (party.Identifier ?? "").Trim();
        if (id.Length > 0)
        {
            result = result.Replace(id, MaskIdentifier(id), StringComparison.OrdinalIgnoreCase);
        }
        var name = (party.Name ?? "").Trim();
        if (name.Length > 1)
        {
            result = result.Replace(name, MaskName(name), StringComparison.Ordinal);
        }
        return result;
    }

    private static List<string> TextElements(string text)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }
        return elements;
    }
}
