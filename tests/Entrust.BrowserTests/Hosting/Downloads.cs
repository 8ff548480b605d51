using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using MiniExcelLibs;

namespace Entrust.BrowserTests.Hosting;

/// <summary>A file a page offers, as the browser downloads it: its name, its bytes, and proof that it opens.</summary>
public sealed record Downloaded(string Name, byte[] Content)
{
    /// <summary>Clicks the link as a user would and waits for the browser's download (a JSON 401 would be no download).</summary>
    public static async Task<Downloaded> ByClickingAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Null(await download.FailureAsync());
        return new Downloaded(download.SuggestedFilename, await File.ReadAllBytesAsync(await download.PathAsync()));
    }

    /// <summary>The text of a .docx's body (opened with Open XML, which throws on a broken package).</summary>
    public string WordText()
    {
        Assert.EndsWith(".docx", Name);
        using var document = WordprocessingDocument.Open(new MemoryStream(Content), false);
        return document.MainDocumentPart?.Document.Body?.InnerText ?? "";
    }

    /// <summary>The first sheet of an .xlsx as rows of cells (opened with Open XML first, then read).</summary>
    public List<IDictionary<string, object?>> SheetRows()
    {
        Assert.EndsWith(".xlsx", Name);
        using (var document = SpreadsheetDocument.Open(new MemoryStream(Content), false))
        {
            Assert.NotEmpty(document.WorkbookPart!.WorksheetParts);
        }
        return new MemoryStream(Content).Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
    }

    /// <summary>
    /// LibreOffice converts every file to PDF (<c>soffice --headless --convert-to pdf</c>), as an official's office suite would
    /// open it; skipped where LibreOffice is not installed. One run converts them all.
    /// </summary>
    public static void AssertLibreOfficeOpens(params Downloaded[] files)
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/local/bin/soffice" }.FirstOrDefault(File.Exists);
        if (soffice is null)
        {
            return;
        }
        var folder = Directory.CreateTempSubdirectory("entrust-docs-").FullName;
        try
        {
            var paths = files.Select((f, i) =>
            {
                var path = Path.Combine(folder, $"{i}{Path.GetExtension(f.Name)}");
                File.WriteAllBytes(path, f.Content);
                return path;
            }).ToList();
            var start = new ProcessStartInfo(soffice)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // Its own profile, so a LibreOffice running elsewhere on the machine does not take the request.
            foreach (var argument in new[] { $"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf", "--outdir", folder }.Concat(paths))
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "LibreOffice did not finish");
            for (var i = 0; i < files.Length; i++)
            {
                var pdf = Path.ChangeExtension(paths[i], ".pdf");
                Assert.True(File.Exists(pdf) && new FileInfo(pdf).Length > 0,
                    $"LibreOffice could not open {files[i].Name}: {output.Result} {error.Result}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
