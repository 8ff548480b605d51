using Entrust.Web.Platform;

namespace Entrust.Web.Features.Cases;

/// <summary>A photo or document attached to an item of evidence: a <see cref="StoredFile"/> like an inspection's files.</summary>
public sealed class CaseEvidenceFile : StoredFile
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid EvidenceId { get; private set; }

    private CaseEvidenceFile() { }

    public CaseEvidenceFile(CaseEvidence evidence, string name, string contentType, byte[] content, DateTimeOffset at, string by)
        : base(name, contentType, content, at, by)
    {
        DistrictId = evidence.DistrictId;
        CaseId = evidence.CaseId;
        EvidenceId = evidence.Id;
    }
}
