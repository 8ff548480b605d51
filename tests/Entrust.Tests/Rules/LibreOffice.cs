using System.Diagnostics;
using System.Text;

namespace Entrust.Tests.Rules;

/// <summary>Opens generated .docx files the way a user would: LibreOffice converts them to PDF, pdftotext reads the PDF back.</summary>
internal static class LibreOffice
{
    public static async Task<string> ConvertToPdf(string docx, string dir)
    {
        // A private profile: LibreOffice refuses a second instance on a shared one (parallel test runs).
        var profile = Directory.CreateDirectory(Path.Combine(dir, "profile")).FullName;
        await Run("soffice", profile,
            $"-env:UserInstallation={new Uri(profile + "/").AbsoluteUri}",
            "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, docx);
        var pdf = Path.ChangeExtension(docx, ".pdf");
        Assert.True(File.Exists(pdf), $"LibreOffice wrote no PDF into {dir}");
        return pdf;
    }

    public static async Task<string> Run(string program, string home, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["HOME"] = home;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within 120 s");
        }
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    /// <summary>The PDF's text in content-stream order (-raw), so that a wrapped line or table cell stays together.</summary>
    public static async Task<string> PdfText(string pdf, string home) =>
        await Run("pdftotext", home, "-raw", "-enc", "UTF-8", pdf, "-");
}
