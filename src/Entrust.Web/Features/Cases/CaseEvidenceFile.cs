using Entrust.Web.Platform;

namespace Entrust.Web.Features.Cases;

/// <summary>
/// A photo or document attached to an item of evidence, kept in the database like an inspection's files (ADR 0004): in its own
/// table read only on download, written in the same transaction as the step, so a refused request leaves no orphan behind.
/// Its type is read from its content (<see cref="Inspections.FileSniffer"/>), never from its name.
/// </summary>
public sealed class CaseEvidenceFile
{
    public const int NameLength = 200;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid EvidenceId { get; private set; }
    public string Name { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public DateTimeOffset UploadedAt { get; private set; }
    public string UploadedBy { get; private set; } = "";

    private CaseEvidenceFile() { }

    public CaseEvidenceFile(CaseEvidence evidence, string name, string contentType, byte[] content, DateTimeOffset at, string by)
    {
        DistrictId = evidence.DistrictId;
        CaseId = evidence.CaseId;
        EvidenceId = evidence.Id;
        Name = FileNames.Display(name, NameLength);
        ContentType = contentType;
        Size = content.Length;
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        Content = content;
        UploadedAt = at.ToUniversalTime();
        UploadedBy = by;
    }
}
