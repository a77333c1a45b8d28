using System.Text.RegularExpressions;
using NotebookRnn.Notebook.Magics;

namespace NotebookRnn.Notebook.Tests.Magics;

/// <summary>The kernel glue cannot be compiled here (no kernel package), so these guard it against drifting from the assembly.</summary>
public partial class ExtensionDibTests
{
    private static string Dib => File.ReadAllText(Path.Combine(TestPaths.ProjectDirectory, "../../src/Extension/extension.dib"));

    [Fact]
    public void It_is_a_csharp_notebook_that_calls_the_two_entry_points()
    {
        Assert.StartsWith("#!meta", Dib);
        Assert.Contains("#!csharp", Dib);
        Assert.Contains("Renderers.Render(", Dib);
        Assert.Contains("Renderers.RenderedTypes", Dib);
        Assert.Contains("MagicCommands.Run(MagicCommands.CommandLine(", Dib);
        Assert.Contains("LiveTraining.Observe(", Dib);
        Assert.DoesNotContain(Dib.Split('\n'), line => line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#i ", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_magic_is_added_with_a_command_class_whose_properties_are_its_parameters()
    {
        foreach (MagicInfo magic in MagicCommands.All)
        {
            Match added = Regex.Match(Dib, $@"AddDirective<(\w+)>\(Directive\(""{Regex.Escape(magic.Name)}""\), \(command, context\) => RunMagic\(command, context, ""{Regex.Escape(magic.Name)}""\)\)");
            Assert.True(added.Success, $"{magic.Name} is not added");
            string commandClass = added.Groups[1].Value;
            Match body = Regex.Match(Dib, $@"public class {commandClass} : KernelDirectiveCommand\s*\{{(?<body>.*?)\n\}}", RegexOptions.Singleline);
            Assert.True(body.Success, $"no command class {commandClass}");
            var properties = PropertyPattern().Matches(body.Groups["body"].Value).Select(m => "--" + Kebab(m.Groups[1].Value));
            Assert.Equal(magic.Parameters.Select(p => p.Name), properties);
        }
    }

    private static string Kebab(string name) => Regex.Replace(name, "(?<!^)([A-Z])", "-$1").ToLowerInvariant();

    [GeneratedRegex(@"public string (\w+) \{ get; set; \}")]
    private static partial Regex PropertyPattern();
}
