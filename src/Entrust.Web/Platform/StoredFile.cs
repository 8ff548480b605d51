using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Platform;

/// <summary>
/// A photo or document kept as evidence (ADR 0004): the bytes in the database, in the table of what it is attached to (an
/// inspection's files, a case's evidence files), read only on download and written in the same transaction as the record, so a
/// refused request leaves no orphan behind and a backup of the database is a backup of the evidence. Its type is read from its
/// content (<see cref="Features.Inspections.FileSniffer"/>), never from its name; its SHA-256 is taken when it is kept.
/// </summary>
public abstract class StoredFile
{
    public const int NameLength = 200;

    public string Name { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public DateTimeOffset UploadedAt { get; private set; }
    public string UploadedBy { get; private set; } = "";

    protected StoredFile() { }

    protected StoredFile(string name, string contentType, byte[] content, DateTimeOffset at, string by)
    {
        Name = FileNames.Display(name, NameLength);
        ContentType = contentType;
        Size = content.Length;
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        Content = content;
        UploadedAt = at.ToUniversalTime();
        UploadedBy = by;
    }

    /// <summary>The columns every stored file's table has.</summary>
    public static void Configure<T>(EntityTypeBuilder<T> b) where T : StoredFile
    {
        b.Property(x => x.Name).HasMaxLength(NameLength);
        b.Property(x => x.ContentType).HasMaxLength(50);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.UploadedBy).HasMaxLength(256);
    }
}
