using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using NotebookRnn.Notebook;

namespace NotebookRnn.Cli.Execution;

/// <summary>
/// The C# state a notebook's cells share, as in a kernel: each code part is a Roslyn script submission continuing
/// the previous one, so variables, functions, types and usings carry over. Imports are the C# kernel's defaults.
/// </summary>
internal sealed class ScriptSession
{
    /// <summary>The namespaces a .NET Interactive C# kernel imports by default.</summary>
    public static IReadOnlyList<string> DefaultImports { get; } =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    private static readonly Lazy<MetadataReference[]> PlatformReferences = new(LoadPlatformReferences);

    private readonly ScriptGlobals _globals;
    private ScriptOptions _options;
    private ScriptState<object>? _state;

    /// <summary>Creates an empty session whose code calls <paramref name="globals"/>.</summary>
    public ScriptSession(ScriptGlobals globals)
    {
        _globals = globals;
        _options = ScriptOptions.Default
            .WithReferences(PlatformReferences.Value)
            .WithImports(DefaultImports)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8);
    }

    /// <summary>The values of the notebook's variables (the latest of each name), for the live training view.</summary>
    public IEnumerable<object?> VariableValues => _state?.Variables.Select(v => v.Value) ?? [];

    /// <summary>Whether <see cref="BindNotebookRnn"/> has run.</summary>
    public bool NotebookRnnBound { get; private set; }

    /// <summary>The value of variable <paramref name="name"/>; false when no cell has declared it.</summary>
    public bool TryGetVariable(string name, out object? value)
    {
        ScriptVariable? variable = _state?.GetVariable(name);
        value = variable?.Value;
        return variable is not null;
    }

    /// <summary>References NotebookRnn.Core and NotebookRnn.Extension, the assemblies this runner was built with.</summary>
    public void BindNotebookRnn()
    {
        if (NotebookRnnBound) return;
        _options = _options.AddReferences(typeof(Sequential).Assembly, typeof(Renderers).Assembly);
        NotebookRnnBound = true;
    }

    /// <summary>Compiles and runs <paramref name="code"/> after the previous submissions.</summary>
    /// <param name="code">The submission.</param>
    /// <param name="filePath">The name its stack-trace frames and diagnostics carry.</param>
    /// <returns>The value of a final expression without semicolon, or null; and the exception the code threw, if any.</returns>
    /// <exception cref="CompilationErrorException">The code does not compile.</exception>
    public async Task<(object? Value, Exception? Error)> RunAsync(string code, string filePath)
    {
        ScriptOptions options = _options.WithFilePath(filePath);
        _state = _state is null
            ? await CSharpScript.Create(code, options, typeof(ScriptGlobals)).RunAsync(_globals, catchException: _ => true)
            : await _state.ContinueWithAsync(code, options, catchException: _ => true);
        return (_state.Exception is null ? _state.ReturnValue : null, _state.Exception);
    }

    // The framework's assemblies, as a kernel references them; scripting's own defaults do not resolve on .NET.
    private static MetadataReference[] LoadPlatformReferences()
    {
        string trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        return [.. trusted.Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) ||
                name is "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll" or "Microsoft.Win32.Primitives.dll"))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
