using System.Globalization;
using System.Reflection;
using System.Text;

namespace NotebookRnn.Notebook.Magics;

/// <summary>
/// The magic commands — <c>#!rnn-padding</c>, <c>#!rnn-unroll</c>, <c>#!rnn-devices</c>, <c>#!rnn-live</c>,
/// <c>#!rnn-summary</c> — parsed and run here, so that the kernel glue and the headless notebook runner share one
/// tested entry point, <see cref="Run"/>.
/// </summary>
/// <remarks>
/// The kernel glue declares each magic from <see cref="Info"/>, lets the kernel bind the options to a command
/// object, turns that back into a command line with <see cref="CommandLine"/> and calls <see cref="Run"/>; the
/// headless runner calls <see cref="Run"/> with the line as written in the cell.
/// </remarks>
public static class MagicCommands
{
    private delegate MagicResult Handler(ParsedMagic command, IVariableLookup variables, NotebookSettings settings);

    private static readonly (MagicInfo Info, Handler Run)[] Commands =
    [
        (PaddingMagic.Info, PaddingMagic.Run),
        (UnrollMagic.Info, UnrollMagic.Run),
        (DevicesMagic.Info, DevicesMagic.Run),
        (LiveMagic.Info, LiveMagic.Run),
        (SummaryMagic.Info, SummaryMagic.Run),
    ];

    /// <summary>Every magic command, in the order of the docs.</summary>
    public static IReadOnlyList<MagicInfo> All { get; } = [.. Commands.Select(c => c.Info)];

    /// <summary>The command named <paramref name="name"/> (with its <c>#!</c>).</summary>
    /// <exception cref="KeyNotFoundException">No such magic; the message lists them.</exception>
    public static MagicInfo Info(string name) => All.FirstOrDefault(i => i.Name == name)
        ?? throw new KeyNotFoundException($"No magic command \"{name}\"; known: {string.Join(", ", All.Select(i => i.Name))}.");

    /// <summary>
    /// Runs one magic command line, e.g. <c>#!rnn-padding seqs --max-len auto --padding post</c>.
    /// </summary>
    /// <param name="commandLine">The line, starting with the magic's name.</param>
    /// <param name="variables">The notebook's variables, which the command's arguments name.</param>
    /// <param name="settings">The session's settings, read and changed by the command; default <see cref="NotebookSettings.Default"/>.</param>
    /// <returns>
    /// Outputs to display, or — for an unknown variable, a value of the wrong type, a bad option or a failure of the
    /// engine — one line naming the problem and the command's usage, e.g.
    /// <c>#!rnn-padding: unknown variable 'seqs'. Usage: #!rnn-padding &lt;variable&gt; […]</c>. It never throws for bad input.
    /// </returns>
    public static MagicResult Run(string commandLine, IVariableLookup variables, NotebookSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(variables);
        settings ??= NotebookSettings.Default;
        IReadOnlyList<string> words;
        try
        {
            words = MagicCommandLine.Split(commandLine);
        }
        catch (MagicError error)
        {
            return MagicResult.Fail($"{error.Message} in '{commandLine.Trim()}'.");
        }
        string name = words.Count == 0 ? "" : words[0];
        int index = Array.FindIndex(Commands, c => c.Info.Name == name);
        if (index < 0)
            return MagicResult.Fail($"Unknown magic command '{name}'; known: {string.Join(", ", All.Select(i => i.Name))}.");
        var (info, handler) = Commands[index];
        try
        {
            return handler(MagicCommandLine.Bind(info, words.Skip(1).ToList()), variables, settings);
        }
        catch (Exception error) when (error is MagicError or ArgumentException or InvalidOperationException)
        {
            return MagicResult.Fail($"{info.Name}: {OneLine(Message(error))}. Usage: {info.Usage}");
        }
    }

    /// <summary>
    /// Turns a command object the kernel bound from a directive back into a command line: its own public properties
    /// (those declared on its type, not inherited), PascalCase → <c>--kebab-case</c>, in declaration order; null and
    /// false are left out, true becomes a bare flag, other values are written invariantly (quoted when they hold spaces).
    /// </summary>
    /// <param name="magicName">The magic, e.g. <c>#!rnn-padding</c>.</param>
    /// <param name="command">The bound command, e.g. an object with <c>Variable = "seqs"</c> and <c>MaxLen = "auto"</c>.</param>
    /// <returns>e.g. <c>#!rnn-padding --variable seqs --max-len auto</c>.</returns>
    public static string CommandLine(string magicName, object command)
    {
        ArgumentNullException.ThrowIfNull(magicName);
        ArgumentNullException.ThrowIfNull(command);
        var line = new StringBuilder(magicName);
        foreach (PropertyInfo property in command.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (!property.CanRead || property.GetIndexParameters().Length > 0) continue;
            object? value = property.GetValue(command);
            if (value is null or false || value is string { Length: 0 }) continue;
            line.Append(" --").Append(KebabCase(property.Name));
            if (value is true) continue;
            string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            line.Append(' ').Append(text.Any(char.IsWhiteSpace) ? $"\"{text}\"" : text);
        }
        return line.ToString();
    }

    private static string KebabCase(string name)
    {
        var text = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    // .NET appends " (Parameter 'x')" to argument errors; the message already names the argument.
    private static string Message(Exception error) =>
        error is ArgumentException { ParamName: { } parameter } argument
            ? argument.Message.Replace($" (Parameter '{parameter}')", "", StringComparison.Ordinal)
            : error.Message;

    private static string OneLine(string message)
    {
        string line = string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.TrimEnd('.');
    }
}
