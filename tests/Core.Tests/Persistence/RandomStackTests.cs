using FsCheck;
using FsCheck.Fluent;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Persistence;

/// <summary>Property: any valid stack of layers, saved and loaded, predicts bit-identically and has the same configuration.</summary>
public class RandomStackTests
{
    internal sealed record RecurrentSpec(string Cell, int Units, bool Bidirectional, string MergeMode, bool GoBackwards, bool Packing,
        bool Unroll, double Dropout, bool DropoutAfter, bool TimeDistributedAfter);

    internal sealed record StackSpec(string Input, int Steps, bool FixedSteps, int Features, RecurrentSpec[] Recurrent,
        bool LastReturnsSequences, string Head, int Seed);

    private static readonly Gen<RecurrentSpec> Recurrent =
        from cell in Gen.Elements("simple_rnn", "lstm", "gru", "gru_reset_before")
        from units in Gen.Choose(1, 5)
        from bidirectional in Gen.Elements(false, true)
        from mergeMode in Gen.Elements("concat", "sum", "mul", "ave")
        from goBackwards in Gen.Elements(false, true)
        from packing in Gen.Elements(true, false)
        from unroll in Gen.Elements(false, true)
        from dropout in Gen.Elements(0.0, 0.3)
        from dropoutAfter in Gen.Elements(false, true)
        from timeDistributedAfter in Gen.Elements(false, true)
        select new RecurrentSpec(cell, units, bidirectional, mergeMode, goBackwards, packing, unroll, dropout, dropoutAfter, timeDistributedAfter);

    private static readonly Arbitrary<StackSpec> Stacks =
        (from input in Gen.Elements("tokens", "masked_tokens", "features", "masked_features", "flat")
         from steps in Gen.Choose(1, 6)
         from fixedSteps in Gen.Elements(false, true)
         from features in Gen.Choose(1, 4)
         from recurrent in Gen.Choose(0, 3).SelectMany(n => Recurrent.ArrayOf(n))
         from lastReturnsSequences in Gen.Elements(false, true)
         from head in Gen.Elements("dense", "softmax", "time_distributed", "flatten")
         from seed in Gen.Choose(0, 100_000)
         select new StackSpec(input, steps, fixedSteps, features, recurrent, lastReturnsSequences, head, seed)).ToArbitrary();

    [Fact]
    public void Property_random_layer_stacks_saved_and_loaded_predict_bit_identically()
    {
        using var folder = new TempFolder();
        string path = folder.File("stack.nbrnn");
        Prop.ForAll(Stacks, spec =>
        {
            var (model, x) = Build(spec);
            Tensor expected = model.Predict(x).Clone();
            model.Save(path);
            Sequential loaded = Sequential.Load(path);
            TestModels.AssertBitIdentical(expected, loaded.Predict(x), spec.ToString());
            Assert.Equal(ModelSerializerTests.ConfigText(model), ModelSerializerTests.ConfigText(loaded));
        }).QuickCheckThrowOnFailure();
    }

    private static (Sequential Model, Tensor X) Build(StackSpec spec)
    {
        var layers = new List<Layer>();
        int? steps = spec.FixedSteps ? spec.Steps : null;
        bool sequence = spec.Input != "flat", masked = spec.Input.StartsWith("masked", StringComparison.Ordinal);
        int?[] firstShape = spec.Input switch
        {
            "flat" => [spec.Features],
            "tokens" or "masked_tokens" => [steps],
            _ => [steps, spec.Features],
        };
        if (spec.Input.EndsWith("tokens", StringComparison.Ordinal)) layers.Add(new Embedding(8, spec.Features, maskZero: masked, inputShape: firstShape));
        else if (spec.Input == "masked_features") layers.Add(new Masking(0, inputShape: firstShape));
        else if (spec.Input == "flat") layers.Add(new Dense(3, activation: "relu", inputShape: firstShape));
        for (int i = 0; sequence && i < spec.Recurrent.Length; i++)
        {
            bool returnSequences = i < spec.Recurrent.Length - 1 || spec.LastReturnsSequences;
            RecurrentSpec r = spec.Recurrent[i];
            int?[]? inputShape = layers.Count == 0 ? firstShape : null;
            layers.Add(RecurrentLayerFor(r, returnSequences, spec.FixedSteps, inputShape));
            if (!returnSequences) sequence = false;
            if (sequence && r.DropoutAfter) layers.Add(new Dropout(0.2));
            if (sequence && r.TimeDistributedAfter) layers.Add(new TimeDistributed(new Dense(2, activation: "tanh")));
        }
        bool canFlatten = sequence && spec.FixedSteps && !masked && layers.Count > 0;
        int?[]? headShape = layers.Count == 0 ? firstShape : null;
        layers.AddRange(spec.Head switch
        {
            "time_distributed" when sequence => [new TimeDistributed(new Dense(2), inputShape: headShape)],
            "flatten" when canFlatten => [new Flatten(), new Dense(2)],
            "softmax" => [new Dense(3, inputShape: headShape), new Activation("softmax")],
            _ => [new Dense(2, activation: "sigmoid", inputShape: headShape)],
        });
        var model = new Sequential(layers, seed: spec.Seed);
        return (model, Input(spec));
    }

    private static Layer RecurrentLayerFor(RecurrentSpec r, bool returnSequences, bool fixedSteps, int?[]? inputShape)
    {
        bool unroll = r.Unroll && fixedSteps;
        RecurrentLayer Create(int?[]? shape) => r.Cell switch
        {
            "simple_rnn" => new SimpleRNN(r.Units, returnSequences: returnSequences, goBackwards: r.GoBackwards, unroll: unroll, dropout: r.Dropout, inputShape: shape),
            "lstm" => new LSTM(r.Units, returnSequences: returnSequences, goBackwards: r.GoBackwards, unroll: unroll, recurrentDropout: r.Dropout, inputShape: shape),
            "gru" => new GRU(r.Units, returnSequences: returnSequences, goBackwards: r.GoBackwards, unroll: unroll, dropout: r.Dropout, inputShape: shape),
            _ => new GRU(r.Units, returnSequences: returnSequences, goBackwards: r.GoBackwards, unroll: unroll, resetAfter: false, inputShape: shape),
        };
        RecurrentLayer layer = Create(r.Bidirectional ? null : inputShape);
        layer.Packing = r.Packing;
        return r.Bidirectional ? new Bidirectional(layer, r.MergeMode, inputShape: inputShape) : layer;
    }

    private static Tensor Input(StackSpec spec) => spec.Input switch
    {
        "flat" => TestModels.Uniform(spec.Seed, 3, spec.Features),
        "tokens" or "masked_tokens" => TestModels.Ids(spec.Seed, 3, spec.Steps, 8),
        "masked_features" => TestModels.Padded(spec.Seed, 3, spec.Steps, spec.Features, 0),
        _ => TestModels.Uniform(spec.Seed, 3, spec.Steps, spec.Features),
    };
}
