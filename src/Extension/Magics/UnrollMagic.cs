using NotebookRnn.Data;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Notebook.Views;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Notebook.Magics;

/// <summary>
/// <c>#!rnn-unroll &lt;modelVariable&gt;</c>: the unroll graph of a recurrent layer, drawn from the plan of its last
/// batch — or, with <c>--input</c>, of a batch of the first 32 samples of that variable, which the model runs
/// (<c>Predict</c>) so that the plan drawn is the one the loop really executes. In a functional model where the layer
/// hands its final states to another recurrent layer's initial state, or takes them from one (an encoder–decoder),
/// both are drawn, the encoder above the decoder, with the handover between them (<see cref="EncoderDecoderView"/>).
/// </summary>
internal static class UnrollMagic
{
    /// <summary>Samples of <c>--input</c> the model runs as one batch.</summary>
    public const int InputBatch = 32;

    public static MagicInfo Info { get; } = new("#!rnn-unroll",
        "#!rnn-unroll <modelVariable> [--layer NAME] [--input VARIABLE] [--sample I] [--max-steps N]",
        "Draws the unroll graph of a recurrent layer from the plan its last batch (or a batch of --input) ran.",
        [
            new("--model", Implicit: true, Required: true, "a model (functional or Sequential), or a recurrent or Bidirectional layer"),
            new("--layer", Implicit: false, Required: false, "NAME of a recurrent or Bidirectional layer; default the first"),
            new("--input", Implicit: false, Required: false, "VARIABLE: Tensor, int[][], float[][][], PaddedSequences, or one Tensor per input (Tensor[])"),
            new("--sample", Implicit: false, Required: false, "I: the batch row followed (ragged input is sorted by length); default 0"),
            new("--max-steps", Implicit: false, Required: false, "N ≥ 2 step cells drawn; default 24"),
        ]);

    public static MagicResult Run(RnnUnrollCommand command, IVariableLookup variables, NotebookSettings settings) =>
        MagicResult.Of(Info, () =>
        {
            string name = MagicVariables.Name(command.Model, "<modelVariable>");
            object value = MagicVariables.Require(variables, name);
            int sample = command.Sample ?? 0;
            int maxSteps = command.MaxSteps ?? settings.Render.MaxUnrollSteps;
            Layer layer = value switch
            {
                Model model => FindLayer(model, command.Layer),
                RecurrentLayer or Bidirectional when command.Layer is not null =>
                    throw new MagicError($"--layer picks a layer of a model, but '{name}' is a layer already"),
                RecurrentLayer or Bidirectional => (Layer)value,
                _ => throw new MagicError($"{MagicVariables.Is(name, value)}, expected a model or a recurrent layer"),
            };
            if (command.Input is { } inputName)
            {
                if (value is not Model model)
                    throw new MagicError($"--input runs the model on the input, but '{name}' is a layer; pass the model");
                RunBatch(model, inputName, MagicVariables.Require(variables, inputName));
            }
            RecurrentPlan? plan = layer is Bidirectional both ? both.ForwardLayer.LastPlan : ((RecurrentLayer)layer).LastPlan;
            if (plan is not null && sample >= plan.Batch)
                throw new MagicError($"--sample {sample} is outside the batch of {Format.Plural(plan.Batch, "sample")}");
            var options = settings.Render with { UnrollSample = sample, MaxUnrollSteps = maxSteps };
            MimeBundle? handover = value is Model and not Sequential ? EncoderDecoderView.Render(ModelGraph.Of((Model)value), layer, options) : null;
            return MagicResult.Show(handover ?? Renderers.Render(layer, options)!);
        });

    private static Layer FindLayer(Model model, string? layerName)
    {
        var recurrent = model.Layers.Where(l => l is RecurrentLayer or Bidirectional).ToList();
        if (layerName is null)
            return recurrent.FirstOrDefault() ?? throw new MagicError($"model '{model.Name}' has no recurrent layer");
        Layer? found = model.Layers.FirstOrDefault(l => l.Name == layerName)
            ?? model.Layers.OfType<Bidirectional>().SelectMany(b => new Layer[] { b.ForwardLayer, b.BackwardLayer })
                .FirstOrDefault(l => l.Name == layerName);
        string known = recurrent.Count == 0 ? "none" : string.Join(", ", recurrent.Select(l => l.Name));
        if (found is null) throw new MagicError($"model '{model.Name}' has no layer '{layerName}'; recurrent layers: {known}");
        return found is RecurrentLayer or Bidirectional
            ? found
            : throw new MagicError($"layer '{layerName}' is a {found.GetType().Name}, not a recurrent layer; recurrent layers: {known}");
    }

    // Runs the first InputBatch samples as one batch, so every recurrent layer's LastPlan is that batch's plan.
    private static void RunBatch(Model model, string name, object input)
    {
        switch (input)
        {
            case IReadOnlyList<Tensor> perInput when perInput.Count > 0 && perInput.All(t => t is { Rank: >= 1 }):
                int rows = Math.Min(InputBatch, perInput.Min(t => t.Dim(0)));
                model.Predict([.. perInput.Select(t => t.SliceBatch(0, rows))], batchSize: Math.Max(1, rows));
                break;
            case Tensor tensor when tensor.Rank >= 1:
                int count = Math.Min(InputBatch, tensor.Dim(0));
                model.Predict(tensor.SliceBatch(0, count), batchSize: Math.Max(1, count));
                break;
            case PaddedSequences padded:
                RunBatch(model, name, padded.Values);
                break;
            case int[][] tokens:
                model.Predict(tokens[..Math.Min(InputBatch, tokens.Length)], batchSize: Math.Max(1, Math.Min(InputBatch, tokens.Length)));
                break;
            case float[][][] vectors:
                model.Predict(vectors[..Math.Min(InputBatch, vectors.Length)], batchSize: Math.Max(1, Math.Min(InputBatch, vectors.Length)));
                break;
            default:
                throw new MagicError($"{MagicVariables.Is(name, input)}, expected a Tensor, int[][], float[][][], PaddedSequences or Tensor[] for --input");
        }
    }
}
