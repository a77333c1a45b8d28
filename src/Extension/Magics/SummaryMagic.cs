using NotebookRnn.Models;

namespace NotebookRnn.Notebook.Magics;

/// <summary><c>#!rnn-summary &lt;modelVariable&gt;</c>: the model's summary with masks, unroll modes and time steps.</summary>
internal static class SummaryMagic
{
    public static MagicInfo Info { get; } = new("#!rnn-summary",
        "#!rnn-summary <modelVariable>",
        "Shows a model's summary: layers, shapes, parameters, masks in and out, unroll mode and time steps.",
        [new("--model", Implicit: true, Required: true, "a model (functional or Sequential) or a ModelSummary")]);

    public static MagicResult Run(RnnSummaryCommand command, IVariableLookup variables, NotebookSettings settings) =>
        MagicResult.Of(Info, () =>
        {
            string name = MagicVariables.Name(command.Model, "<modelVariable>");
            object value = MagicVariables.Require(variables, name);
            return value is Model or ModelSummary
                ? MagicResult.Show(Renderers.Render(value, settings.Render)!)
                : throw new MagicError($"{MagicVariables.Is(name, value)}, expected a model");
        });
}
