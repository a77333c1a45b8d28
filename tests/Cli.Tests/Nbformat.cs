using System.Diagnostics;

namespace NotebookRnn.Cli.Tests;

/// <summary>Validates .ipynb files against the nbformat 4 schema with Debian's python3-nbformat.</summary>
internal static class Nbformat
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Fails the test with nbformat's message when <paramref name="path"/> is not a valid nbformat 4 notebook.</summary>
    public static void AssertValid(string path)
    {
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", path },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"Validating notebooks needs {Python} with nbformat: apt-get install python3-nbformat.");
        }
        using (process)
        {
            string output = process.StandardOutput.ReadToEnd(), error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (error.Contains("No module named 'nbformat'", StringComparison.Ordinal))
                throw new InvalidOperationException("Validating notebooks needs Debian's python3-nbformat: apt-get install python3-nbformat.");
            Assert.True(process.ExitCode == 0 && output.Trim() == "valid", $"{path} is not valid nbformat 4:\n{error}");
        }
    }
}
