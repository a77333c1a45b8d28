using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.CSharp;

namespace NotebookRnn.Cli.Kernel;

/// <summary>
/// Makes the C# kernel compile submissions with debug information, so that the stack trace of an exception names the
/// line of the cell. The kernel compiles without it (its frames carry no line), and its script options are private:
/// they are set through reflection on the one kernel version nbrnn is built against. Debug information changes no code
/// the kernel runs and no message it shows, only what a stack trace can say.
/// </summary>
internal static class SubmissionDebugInfo
{
    private static readonly FieldInfo ScriptOptions =
        typeof(CSharpKernel).GetField("_scriptOptions", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new MissingFieldException(typeof(CSharpKernel).FullName, "_scriptOptions");

    /// <summary>Compiles what <paramref name="kernel"/> runs from now on with debug information.</summary>
    public static void Emit(CSharpKernel kernel)
    {
        var options = (ScriptOptions)ScriptOptions.GetValue(kernel)!;
        ScriptOptions.SetValue(kernel, options.WithEmitDebugInformation(true).WithFileEncoding(Encoding.UTF8));
    }
}
