using NotebookRnn.Data;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Tensors;

namespace NotebookRnn.Notebook.Tests.Views;

public class SummaryViewTests
{
    private static string[] TextRow(MimeBundle bundle, string layer) =>
        bundle.PlainText!.Split('\n').Single(l => l.StartsWith(layer, StringComparison.Ordinal))
            .Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Rows_carry_the_model_summary_names_shapes_and_parameter_counts()
    {
        Sequential model = Fixtures.MaskedModel();
        MimeBundle bundle = Renderers.Render(model, Fixtures.Options())!;
        foreach (LayerSummary layer in model.Summary().Layers)
        {
            string[] row = TextRow(bundle, layer.Name);
            Assert.Equal($"{layer.Name} ({layer.TypeName})", row[0]);
            Assert.Equal(Tensor.ShapeText([null, .. layer.OutputShape]), row[1]);
            Assert.Equal(layer.Parameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), row[2]);
        }
        Assert.Contains($"Total params: {model.Summary().TotalParameters:N0}", bundle.PlainText);
    }

    [Fact]
    public void An_embedding_with_mask_zero_sends_a_mask_to_the_lstm_which_consumes_it()
    {
        MimeBundle bundle = Renderers.Render(Fixtures.MaskedModel(), Fixtures.Options())!;
        Assert.Equal(["embedding (Embedding)", "(None, None, 4)", "40", "if ragged", "yes", "—", "any", "—"], TextRow(bundle, "embedding"));
        Assert.Equal(["lstm (LSTM)", "(None, 3)", "96", "yes", "—", "loop, packed", "any", "not run yet"], TextRow(bundle, "lstm"));
        Assert.Equal(["dense (Dense)", "(None, 2)", "8", "—", "—", "—", "—", "—"], TextRow(bundle, "dense"));
    }

    [Fact]
    public void A_fixed_length_unrolled_lstm_shows_its_time_steps_and_no_mask()
    {
        var model = new Sequential(name: "fixed", seed: 1);
        model.Add(new LSTM(4, unroll: true, returnSequences: true, inputShape: [12, 3], name: "lstm"));
        model.Add(new Dense(1, name: "dense"));
        MimeBundle bundle = Renderers.Render(model.Summary(), Fixtures.Options())!;
        string[] lstm = TextRow(bundle, "lstm");
        Assert.Equal(["—", "—", "unrolled, packed", "12"], lstm[3..7]);
        Assert.Equal("12", TextRow(bundle, "dense")[6]);
    }

    [Fact]
    public void The_last_batch_column_reads_the_layer_plan()
    {
        Sequential model = Fixtures.MaskedModel();
        model.Predict(Fixtures.Tokens(), batchSize: 40);
        RecurrentPlan plan = ((LSTM)model.Layers[1]).LastPlan!;
        string lastBatch = TextRow(Renderers.Render(model, Fixtures.Options())!, "lstm")[7];
        Assert.StartsWith($"{plan.Batch}×{plan.TimeSteps}: {plan.Steps} steps, ", lastBatch);
        Assert.Contains(((double)plan.ComputedRowSteps / (plan.Batch * plan.TimeSteps)).ToString("0.0%", System.Globalization.CultureInfo.InvariantCulture), lastBatch);
    }

    [Fact]
    public void A_layer_that_cannot_take_the_mask_it_receives_is_flagged()
    {
        var model = new Sequential(name: "broken", seed: 1);
        model.Add(new Masking(inputShape: [5, 2], name: "masking"));
        model.Add(new Flatten(name: "flatten"));
        MimeBundle bundle = Renderers.Render(model, Fixtures.Options())!;
        Assert.Equal("yes (unsupported)", TextRow(bundle, "flatten")[3]);
        Assert.Contains("Layer 'flatten' (Flatten) does not support masking, but a mask reaches it: Fit fails there.", bundle.PlainText);
    }

    [Fact]
    public void An_unbuilt_model_says_how_to_build_it()
    {
        var model = new Sequential(name: "empty");
        model.Add(new Dense(3));
        MimeBundle bundle = Renderers.Render(model, Fixtures.Options())!;
        Assert.StartsWith("Model \"empty\" has 1 layer and is not built yet", bundle.PlainText);
        Assert.Equal([MimeTypes.Html, MimeTypes.PlainText], bundle.MimeTypes);
    }

    [Fact]
    public void Summary_of_the_masked_model_html()
    {
        Approvals.Verify(Renderers.Render(Fixtures.MaskedModel(), Fixtures.Options())!.Html!, "html");
    }

    [Fact]
    public void Summary_of_the_masked_model_text()
    {
        Approvals.Verify(Renderers.Render(Fixtures.MaskedModel(), Fixtures.Options())!.PlainText!, "txt");
    }
}
