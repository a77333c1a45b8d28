using NotebookRnn.Notebook.Magics;

namespace NotebookRnn.Notebook.Tests.Magics;

/// <summary>Runs magic lines through <see cref="MagicCommands.Run"/>, the entry point the kernel glue calls, with fresh settings.</summary>
internal sealed class MagicTestKit
{
    private readonly Dictionary<string, object?> _variables = [];

    public NotebookSettings Settings { get; } = new() { Render = Fixtures.Options(), AvailableDevices = () => ["cpu:0", "cpu:1"] };

    public MagicTestKit With(string name, object? value)
    {
        _variables[name] = value;
        return this;
    }

    public MagicResult Run(string line) => MagicCommands.Run(line, VariableLookup.FromDictionary(_variables), Settings);

    /// <summary>Runs a line that must succeed with one display, and returns it.</summary>
    public MimeBundle Show(string line)
    {
        MagicResult result = Run(line);
        Assert.True(result.Succeeded, result.Error);
        return Assert.Single(result.Displays);
    }

    /// <summary>Runs a line that must fail, checks the error is one line ending with the usage, and returns it.</summary>
    public string Fail(string line)
    {
        MagicResult result = Run(line);
        Assert.False(result.Succeeded, "expected an error");
        Assert.Empty(result.Displays);
        Assert.DoesNotContain('\n', result.Error!);
        string name = line.Split(' ')[0];
        if (MagicCommands.All.Any(m => m.Name == name)) Assert.EndsWith("Usage: " + MagicCommands.Info(name).Usage, result.Error);
        return result.Error!;
    }
}
