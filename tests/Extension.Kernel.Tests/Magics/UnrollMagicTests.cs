using NotebookRnn.Notebook.Kernel.Tests.Hosting;

namespace NotebookRnn.Notebook.Kernel.Tests.Magics;

[Collection(KernelTests.Name)]
public class UnrollMagicTests(Kernels kernels)
{
    private NotebookSession Session => kernels.Shared;

    [Fact]
    public async Task The_graph_is_drawn_from_the_plan_of_the_first_recurrent_layer_last_batch()
    {
        await Session.RunSucceedingAsync("var model = TrainedModel(); var plan = ((LSTM)model.Layers[1]).LastPlan;");
        var output = await Session.ShowAsync("#!rnn-unroll model");
        Assert.Equal(["text/html", "image/svg+xml", "text/plain"], output.MimeTypes());
        output.AssertIsView(await Session.EvaluateAsync<(string, string)[]>("ViewOf(model.Layers[1])"));
        // A long plan shows the steps that fit legibly and counts the others in its gap column.
        Assert.Equal(await Session.EvaluateAsync<int>("plan.Steps"), Outputs.StepCells(output.Svg()) + Outputs.HiddenSteps(output.Svg()));
        Assert.InRange(Outputs.StepCells(output.Svg()), 8, 13);
        Assert.Contains(await Session.EvaluateAsync<string>("$\"batch {plan.Batch} × {plan.TimeSteps} time steps\""), output.PlainText());
    }

    [Fact]
    public async Task Input_runs_a_batch_of_its_first_32_samples_and_draws_that_plan()
    {
        await Session.RunSucceedingAsync("var model = MaskedModel(); var x = Tokens();");
        var output = await Session.ShowAsync("#!rnn-unroll model --input x --sample 3");
        await Session.RunSucceedingAsync("var plan = ((LSTM)model.Layers[1]).LastPlan;");
        Assert.Equal(32, await Session.EvaluateAsync<int>("plan.Batch"));
        Assert.Equal(await Session.EvaluateAsync<int>("lengths[..32].Max()"), await Session.EvaluateAsync<int>("plan.Steps"));
        Assert.Contains(await Session.EvaluateAsync<string>("$\"Sample 3 has {plan.Lengths[plan.Order.ToList().IndexOf(3)]} real steps\""),
            output.PlainText());
    }

    [Fact]
    public async Task A_padded_input_runs_through_the_embedding_mask()
    {
        await Session.RunSucceedingAsync("var model = MaskedModel(); var padded = Sequences.PadSequences(Tokens()[..4], maxLen: 30);");
        await Session.ShowAsync("#!rnn-unroll model --input padded");
        await Session.RunSucceedingAsync("var plan = ((LSTM)model.Layers[1]).LastPlan;");
        Assert.Equal("4 30 True", await Session.EvaluateAsync<string>("$\"{plan.Batch} {plan.TimeSteps} {plan.Packed}\""));
        Assert.Equal(await Session.EvaluateAsync<int>("lengths[..4].Sum(l => Math.Min(l, 30))"), await Session.EvaluateAsync<int>("plan.RealRowSteps"));
    }

    [Fact]
    public async Task Layer_picks_a_layer_by_name_also_inside_a_bidirectional_wrapper()
    {
        await Session.RunSucceedingAsync("""
            var stacked = new Sequential(seed: 1);
            stacked.Add(new Bidirectional(new LSTM(2, returnSequences: true), inputShape: [5, 2], name: "bi"));
            stacked.Add(new GRU(2, name: "gru"));
            stacked.Predict(new Tensor(2, 5, 2));
            """);
        Assert.StartsWith("Unroll graph: Bidirectional 'bi'", (await Session.ShowAsync("#!rnn-unroll stacked")).PlainText());
        Assert.StartsWith("Unroll graph: GRU 'gru'", (await Session.ShowAsync("#!rnn-unroll stacked --layer gru")).PlainText());
        Assert.StartsWith("Unroll graph: LSTM 'forward_lstm'", (await Session.ShowAsync("#!rnn-unroll stacked --layer forward_lstm")).PlainText());
    }

    [Fact]
    public async Task Max_steps_compresses_the_graph()
    {
        await Session.RunSucceedingAsync("var model = TrainedModel();");
        Assert.Equal(4, Outputs.StepCells((await Session.ShowAsync("#!rnn-unroll model --max-steps 4")).Svg()));
    }

    [Fact]
    public async Task A_layer_variable_is_drawn_directly()
    {
        await Session.RunSucceedingAsync("var lstm = (LSTM)TrainedModel().Layers[1];");
        var output = await Session.ShowAsync("#!rnn-unroll lstm");
        output.AssertIsView(await Session.EvaluateAsync<(string, string)[]>("ViewOf(lstm)"));
        Assert.StartsWith("Unroll graph: LSTM 'lstm'", output.PlainText());
    }

    [Fact]
    public async Task A_model_that_has_not_run_says_so_without_failing()
    {
        await Session.RunSucceedingAsync("var fresh = MaskedModel();");
        var output = await Session.ShowAsync("#!rnn-unroll fresh");
        Assert.Equal(["text/html", "image/svg+xml", "text/plain"], output.MimeTypes());
        Assert.Contains("has not run a batch yet", output.PlainText());
    }

    [Fact]
    public async Task In_a_seq2seq_model_the_encoder_and_the_decoder_are_drawn_with_the_handover_of_h_and_c()
    {
        await Session.RunSucceedingAsync("var seq2seq = Seq2Seq(); var batch = Seq2SeqBatch();");
        var output = await Session.ShowAsync("#!rnn-unroll seq2seq --input batch");
        Assert.StartsWith("Unroll graph: LSTM 'encoder' → LSTM 'decoder'\n", output.PlainText());
        Assert.Contains("<g class=\"nbrnn-state-handover\" data-name=\"(h, c)\">", output.Svg());
        Assert.Equal(6 + 4, Outputs.StepCells(output.Svg()));
        Assert.Equal("2 6 2 4", await Session.EvaluateAsync<string>(
            "$\"{((LSTM)seq2seq.Layers[4]).LastPlan.Batch} {((LSTM)seq2seq.Layers[4]).LastPlan.TimeSteps} {((LSTM)seq2seq.Layers[5]).LastPlan.Batch} {((LSTM)seq2seq.Layers[5]).LastPlan.TimeSteps}\""));
        Assert.Equal(output.Svg(), (await Session.ShowAsync("#!rnn-unroll seq2seq --layer decoder")).Svg());
    }

    [Theory]
    [InlineData("#!rnn-unroll nope", "unknown variable 'nope'")]
    [InlineData("#!rnn-unroll text", "'text' is a string, expected a model or a recurrent layer")]
    [InlineData("#!rnn-unroll nothing", "variable 'nothing' is null")]
    [InlineData("#!rnn-unroll", "<modelVariable> is missing")]
    [InlineData("#!rnn-unroll --max-steps 4", "<modelVariable> is missing")]
    [InlineData("#!rnn-unroll model --layer dense", "layer 'dense' is a Dense, not a recurrent layer; recurrent layers: lstm")]
    [InlineData("#!rnn-unroll model --layer gru", "model 'masked' has no layer 'gru'; recurrent layers: lstm")]
    [InlineData("#!rnn-unroll plain", "model 'plain' has no recurrent layer")]
    [InlineData("#!rnn-unroll model --sample 5", "--sample 5 is outside the batch of 5 samples")]
    [InlineData("#!rnn-unroll model --sample -1", "--sample must be an integer ≥ 0, got '-1'")]
    [InlineData("#!rnn-unroll model --sample first", "--sample must be an integer ≥ 0, got 'first'")]
    [InlineData("#!rnn-unroll model --max-steps 1", "--max-steps must be an integer ≥ 2, got '1'")]
    [InlineData("#!rnn-unroll model --max-steps many", "--max-steps must be an integer ≥ 2, got 'many'")]
    [InlineData("#!rnn-unroll model --input nope", "unknown variable 'nope'")]
    [InlineData("#!rnn-unroll model --input text", "'text' is a string, expected a Tensor, int[][], float[][][], PaddedSequences or Tensor[] for --input")]
    [InlineData("#!rnn-unroll lstm --input x", "--input runs the model on the input, but 'lstm' is a layer; pass the model")]
    [InlineData("#!rnn-unroll lstm --layer lstm", "--layer picks a layer of a model, but 'lstm' is a layer already")]
    [InlineData("#!rnn-unroll model --input wrong", "x has shape (2, 3, 4), but model 'masked' expects input of shape (None, None)")]
    public async Task Errors_name_the_problem_and_end_with_the_usage(string line, string problem)
    {
        await Session.RunSucceedingAsync("""
            var model = TrainedModel();
            string text = "hello";
            object nothing = null;
            var plain = new Sequential(name: "plain");
            plain.Add(new Dense(2, inputShape: [3]));
            var lstm = (LSTM)TrainedModel().Layers[1];
            var x = Tokens();
            var wrong = new Tensor(2, 3, 4);
            """);
        await Session.FailAsync(line, problem, Usage.Unroll);
    }
}
