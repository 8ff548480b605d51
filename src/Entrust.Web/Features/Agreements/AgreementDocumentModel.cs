namespace Entrust.Web.Features.Agreements;

/// <summary>
/// Everything the printed agreement (委托执法协议书) shows, already resolved to text. Built from an agreement by
/// the agreements feature; rendered to .docx by <c>AgreementDocument</c>.
/// </summary>
public sealed record AgreementDocumentModel(
    string Number,                 // e.g. 北碚委托〔2026〕3号
    string DistrictName,           // 北碚区
    bool IsGrant,                  // 赋权 (township acts in its own name) instead of 委托
    string? GrantDecisionNumber,   // the province's granting decision, for a grant
    string DepartmentName,         // 甲方 / 委托方: the entrusting department
    string TownshipName,           // 乙方 / 受托方: the township government, e.g. 歇马镇人民政府
    IReadOnlyList<AgreementDocumentMatter> Matters,
    DateOnly TermStart,
    DateOnly TermEnd,
    string RightsAndObligations,   // free text, paragraphs separated by new lines
    decimal? FundingAmount,        // 工作经费, yuan per year
    string? FundingNote,
    string? DepartmentSignatory,
    string? TownshipSignatory,
    DateOnly? SignedOn,
    int Version);

public sealed record AgreementDocumentMatter(
    string Code,
    string Name,
    string AuthorityText,          // 仅检查 / 简易程序处罚 / 一般程序处罚（罚款上限 …元）
    string LegalBasis);            // 《中华人民共和国森林法》第七十六条
