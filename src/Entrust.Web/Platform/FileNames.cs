namespace Entrust.Web.Platform;

/// <summary>
/// The name an uploaded file is kept and shown under: what follows the last '/' or '\' of what the browser or client sent
/// (never a path: "..\..\evil.jpg" is kept as "evil.jpg"), without control characters, at most <c>maxLength</c> characters;
/// "file" when nothing is left. The bytes are never found by this name.
/// </summary>
public static class FileNames
{
    public static string Display(string? sent, int maxLength)
    {
        var name = sent ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Trim('.').Length == 0)
        {
            name = "file";
        }
        return name.Length > maxLength ? name[..maxLength] : name;
    }
}
