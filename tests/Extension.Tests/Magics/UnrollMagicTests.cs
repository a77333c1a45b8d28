using System.Xml.Linq;

namespace NotebookRnn.Notebook.Tests.Magics;

public class UnrollMagicTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static Sequential TrainedModel()
    {
        Sequential model = Fixtures.MaskedModel();
        model.Predict(Fixtures.Tokens()[..5], batchSize: 5);
        return model;
    }

    private static int StepCells(MimeBundle bundle) =>
        XDocument.Parse(bundle.Svg!).Descendants(Svg + "g").Count(g => ((string?)g.Attribute("class") ?? "").StartsWith("nbrnn-step", StringComparison.Ordinal));

    // The gap column's data-name: "389 hidden steps".
    private static int HiddenSteps(MimeBundle bundle) =>
        XDocument.Parse(bundle.Svg!).Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "nbrnn-hidden-steps")
            .Sum(g => int.Parse(((string)g.Attribute("data-name")!).Split(' ')[0], System.Globalization.NumberStyles.AllowThousands,
                System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void The_graph_is_drawn_from_the_first_recurrent_layer_last_plan()
    {
        Sequential model = TrainedModel();
        RecurrentPlan plan = ((LSTM)model.Layers[1]).LastPlan!;
        MimeBundle bundle = new MagicTestKit().With("model", model).Show("#!rnn-unroll model");
        Assert.Equal(plan.Steps, StepCells(bundle) + HiddenSteps(bundle));
        Assert.Contains($"batch {plan.Batch} × {plan.TimeSteps} time steps", bundle.PlainText);
    }

    [Fact]
    public void Input_runs_a_batch_of_its_first_32_samples_and_draws_that_plan()
    {
        Sequential model = Fixtures.MaskedModel();
        MimeBundle bundle = new MagicTestKit().With("model", model).With("x", Fixtures.Tokens()).Show("#!rnn-unroll model --input x --sample 3");
        RecurrentPlan plan = ((LSTM)model.Layers[1]).LastPlan!;
        Assert.Equal(32, plan.Batch);
        Assert.Equal(Fixtures.Lengths[..32].Max(), plan.Steps);
        int row = plan.Order.ToList().IndexOf(3);
        Assert.Contains($"Sample 3 has {plan.Lengths[row]} real steps", bundle.PlainText);
    }

    [Fact]
    public void A_padded_tensor_input_runs_through_the_embedding_mask()
    {
        Sequential model = Fixtures.MaskedModel();
        PaddedSequences padded = Sequences.PadSequences(Fixtures.Tokens()[..4], maxLen: 30);
        new MagicTestKit().With("model", model).With("x", padded).Show("#!rnn-unroll model --input x");
        RecurrentPlan plan = ((LSTM)model.Layers[1]).LastPlan!;
        Assert.Equal((4, 30, true), (plan.Batch, plan.TimeSteps, plan.Packed));
        Assert.Equal(Fixtures.Lengths[..4].Sum(l => Math.Min(l, 30)), plan.RealRowSteps);
    }

    [Fact]
    public void Layer_picks_a_layer_by_name_also_inside_a_bidirectional_wrapper()
    {
        var model = new Sequential(seed: 1);
        model.Add(new Bidirectional(new LSTM(2, returnSequences: true), inputShape: [5, 2], name: "bi"));
        model.Add(new GRU(2, name: "gru"));
        model.Predict(new Tensor(2, 5, 2));
        var kit = new MagicTestKit().With("model", model);
        Assert.Contains("Unroll graph: GRU 'gru'", kit.Show("#!rnn-unroll model --layer gru").PlainText);
        Assert.Contains("Unroll graph: Bidirectional 'bi'", kit.Show("#!rnn-unroll model").PlainText);
        Assert.Contains("Unroll graph: LSTM 'forward_lstm'", kit.Show("#!rnn-unroll model --layer forward_lstm").PlainText);
    }

    [Fact]
    public void Max_steps_compresses_the_graph()
    {
        var kit = new MagicTestKit().With("model", TrainedModel());
        Assert.Equal(4, StepCells(kit.Show("#!rnn-unroll model --max-steps 4")));
    }

    [Fact]
    public void A_layer_variable_is_drawn_directly()
    {
        LSTM lstm = Fixtures.LstmAfterBatch([2, 1], 3, Padding.Post);
        Assert.Contains("Unroll graph: LSTM 'lstm'", new MagicTestKit().With("lstm", lstm).Show("#!rnn-unroll lstm").PlainText);
    }

    [Fact]
    public void A_model_that_has_not_run_says_so_without_failing()
    {
        Assert.Contains("has not run a batch yet", new MagicTestKit().With("model", Fixtures.MaskedModel()).Show("#!rnn-unroll model").PlainText);
    }

    [Theory]
    [InlineData("#!rnn-unroll nope", "unknown variable 'nope'")]
    [InlineData("#!rnn-unroll text", "'text' is a string, expected a Sequential model or a recurrent layer")]
    [InlineData("#!rnn-unroll model --layer dense", "layer 'dense' is a Dense, not a recurrent layer; recurrent layers: lstm")]
    [InlineData("#!rnn-unroll model --layer gru", "model 'masked' has no layer 'gru'; recurrent layers: lstm")]
    [InlineData("#!rnn-unroll plain", "model 'plain' has no recurrent layer")]
    [InlineData("#!rnn-unroll model --sample 5", "--sample 5 is outside the batch of 5 samples")]
    [InlineData("#!rnn-unroll model --sample -1", "--sample must be ≥ 0, got -1")]
    [InlineData("#!rnn-unroll model --max-steps 1", "--max-steps must be ≥ 2, got 1")]
    [InlineData("#!rnn-unroll model --input nope", "unknown variable 'nope'")]
    [InlineData("#!rnn-unroll model --input text", "'text' is a string, expected a Tensor, int[][], float[][][] or PaddedSequences for --input")]
    [InlineData("#!rnn-unroll lstm --input x", "--input runs the model on the input, but 'lstm' is a layer; pass the model")]
    [InlineData("#!rnn-unroll lstm --layer lstm", "--layer picks a layer of a model, but 'lstm' is a layer already")]
    [InlineData("#!rnn-unroll model --input wrong", "x has shape (2, 3, 4), but model 'masked' expects input of shape (None, None)")]
    public void Errors_name_the_problem(string line, string problem)
    {
        var plain = new Sequential(name: "plain");
        plain.Add(new Dense(2, inputShape: [3]));
        var kit = new MagicTestKit().With("model", TrainedModel()).With("text", "hello").With("plain", plain)
            .With("lstm", Fixtures.LstmAfterBatch([1], 1, Padding.Pre)).With("x", Fixtures.Tokens()).With("wrong", new Tensor(2, 3, 4));
        Assert.Equal($"#!rnn-unroll: {problem}. Usage: {NotebookRnn.Notebook.Magics.MagicCommands.Info("#!rnn-unroll").Usage}", kit.Fail(line));
    }
}
