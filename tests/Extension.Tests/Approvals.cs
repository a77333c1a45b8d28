using System.Runtime.CompilerServices;
using System.Text;

namespace NotebookRnn.Notebook.Tests;

/// <summary>
/// Approval files: <c>Approved/&lt;TestName&gt;.&lt;ext&gt;</c> beside the tests' sources, compared byte for byte.
/// On a mismatch (or when none exists) the output is written to <c>&lt;TestName&gt;.received.&lt;ext&gt;</c> next
/// to it and the test fails with both paths: review the received file and rename it over the approved one.
/// With NOTEBOOKRNN_APPROVE=1 in the environment the output is written as approved instead.
/// </summary>
internal static class Approvals
{
    public static void Verify(string content, string extension, [CallerMemberName] string testName = "")
    {
        string folder = Path.Combine(TestPaths.ProjectDirectory, "Approved");
        string approved = Path.Combine(folder, $"{testName}.{extension}");
        string received = Path.Combine(folder, $"{testName}.received.{extension}");
        byte[] bytes = Encoding.UTF8.GetBytes(content);
        if (Environment.GetEnvironmentVariable("NOTEBOOKRNN_APPROVE") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(approved, bytes);
            File.Delete(received);
            return;
        }
        if (File.Exists(approved) && File.ReadAllBytes(approved).AsSpan().SequenceEqual(bytes))
        {
            File.Delete(received);
            return;
        }
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(received, bytes);
        Assert.Fail(File.Exists(approved)
            ? $"Output differs from the approved file {approved}; see {received}. If the change is intended, rename it over the approved file."
            : $"No approved file {approved} yet; review {received} and rename it to approve it.");
    }
}
