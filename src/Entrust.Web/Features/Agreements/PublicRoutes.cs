namespace Entrust.Web.Features.Agreements;

/// <summary>
/// What the public is told per entrusted matter (行政处罚法 Art. 39; LAW 24): the body in whose name the township acts, the
/// procedure it follows, and where a party applies for reconsideration or sues. Under 委托 the township acts in the entrusting
/// department's name and the department answers for it (Art. 20 ¶3): it is the respondent (行政复议法 Art. 19) and the
/// defendant (行政诉讼法 Art. 26 ¶5). Under 赋权 the township government acts and answers in its own name (Art. 24).
/// Reconsideration of a district department's or a township government's act goes to the district government
/// (行政复议法 Art. 24); departments under vertical leadership (customs, tax, finance, foreign exchange, state security:
/// Art. 27) are not entrusted by a district's agreements. Official text, so always Chinese.
/// </summary>
public static class PublicRoutes
{
    public sealed record Route(string ActingInNameOf, string Procedure, string ReconsiderationBody, string Respondent,
        string Court, string Remedies);

    public static Route For(AgreementMode mode, Authority authority, string departmentName, string townshipGovernmentName, string districtName)
    {
        var acting = mode == AgreementMode.Grant ? townshipGovernmentName : departmentName;
        var government = districtName + "人民政府";
        const string court = "有管辖权的人民法院";
        var basis = mode == AgreementMode.Grant ? "《行政复议法》第十九条第一款、《行政诉讼法》第二十六条第一款"
            : "受委托组织以委托机关名义作出行政行为的，委托机关为被申请人、被告（《行政复议法》第十九条、《行政诉讼法》第二十六条第五款）";
        var remedies = $"对以{acting}名义作出的行政行为不服的，可以自知道或者应当知道之日起六十日内向{government}申请行政复议"
            + $"（《行政复议法》第二十条、第二十四条），或者自知道或者应当知道之日起六个月内向{court}提起行政诉讼"
            + $"（《行政诉讼法》第十八条、第四十六条）；被申请人、被告为{acting}（{basis}）。";
        return new Route(acting, Procedure(authority, departmentName), government, acting, court, remedies);
    }

    private static string Procedure(Authority authority, string departmentName) => authority switch
    {
        Authority.InspectionOnly => $"仅实施行政检查：执法人员不少于两人，出示执法证件（《行政处罚法》第四十二条、第五十五条）；发现违法行为需要给予行政处罚的，移送{departmentName}依法处理。",
        Authority.SummaryPenalty => "简易程序：违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的，当场作出行政处罚决定并报所属行政机关备案（《行政处罚法》第五十一条、第五十二条）；"
            + $"超出上述范围的，移送{departmentName}依法处理。",
        _ => "普通程序：立案，两名以上执法人员调查取证，告知拟作出的行政处罚内容及事实、理由、依据和陈述、申辩、要求听证的权利，"
            + "依法听证和法制审核，作出决定并送达（《行政处罚法》第五十四条至第六十五条）；符合条件的可以适用简易程序（第五十一条）。",
    };
}
