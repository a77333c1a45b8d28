using NotebookRnn.Models;

namespace TorchReference;

/// <summary>
/// One torch-backend row: plain TorchSharp (<see cref="ReferenceNet"/>, torch's fused modules and optimizer) and our model on
/// libtorch (<see cref="OursOnTorch"/>), the best round of each (the lowest median ms per batch) and every round;
/// <paramref name="Error"/> says why ours did not run (a layer without a libtorch form yet).
/// </summary>
internal sealed record BackendRow(ModelTiming Plain, ModelTiming? Ours, IReadOnlyList<ModelTiming> PlainRounds,
    IReadOnlyList<ModelTiming> OursRounds, string? Error);

/// <summary>
/// The torch-backend rows of the bench (issue 19): for each configuration with a speed target, the same model, data, initial
/// weights and Keras optimizer settings once as plain TorchSharp and once built with NotebookRnn's API and compiled with
/// <c>backend: TorchBackend.Instance</c>, in one process with the same torch threads. The two run in turn batch by batch (Predict:
/// pass by pass), who goes first alternating, so that load from other processes hits both alike; each round does that
/// again, and each side keeps its best round.
/// </summary>
internal static class BackendRows
{
    /// <summary>The configurations measured: the training and Predict rows that have a speed target against libtorch.</summary>
    public static readonly string[] Configurations = ["textgen-lstm", "textgen-gru", "textgen-simplernn", "imdb-lstm", "predict-textgen-lstm"];

    public static Dictionary<string, BackendRow> Measure(Plan plan, int rounds, Action<string> log)
    {
        var plain = new Dictionary<string, List<ModelTiming>>();
        var ours = new Dictionary<string, List<ModelTiming>>();
        var errors = new Dictionary<string, string>();
        ModelConfig[] configs = [.. plan.Models.Where(c => c.Devices == 1 && Configurations.Contains(c.Name))];
        for (int round = 1; round <= rounds; round++)
        {
            foreach (ModelConfig c in configs)
            {
                uint checksum = plan.DataChecksums[c.Name];
                if (!errors.ContainsKey(c.Name))
                {
                    try
                    {
                        (ModelTiming p, ModelTiming o) = SideBySide(c, checksum);
                        Add(plain, c.Name, p, $"round {round}: plain TorchSharp", log);
                        Add(ours, c.Name, o, $"round {round}: ours on libtorch", log);
                    }
                    catch (NotSupportedException e)
                    {
                        errors[c.Name] = e.Message;
                        log($"  {c.Name,-24} ours on libtorch: not supported: {e.Message}");
                    }
                }
                if (errors.ContainsKey(c.Name))
                    Add(plain, c.Name, c.Kind == "predict" ? Timings.Predict(c, checksum) : Timings.Train(c, checksum, packed: true),
                        $"round {round}: plain TorchSharp alone", log);
                CollectGarbage();
            }
        }
        return configs.ToDictionary(c => c.Name, c =>
        {
            List<ModelTiming> o = ours.GetValueOrDefault(c.Name) ?? [];
            return new BackendRow(plain[c.Name].MinBy(t => t.MsPerBatch)!, o.MinBy(t => t.MsPerBatch), plain[c.Name], o,
                errors.GetValueOrDefault(c.Name));
        });
    }

    // Plain TorchSharp (imdb packed, as our Embedding(maskZero) → LSTM runs) and ours from the same initial weights, timed
    // batch by batch in turn. Throws NotSupportedException when a layer of ours has no libtorch form.
    private static (ModelTiming Plain, ModelTiming Ours) SideBySide(ModelConfig c, uint checksum)
    {
        Sequential ours = OursOnTorch.Build(c);
        void Initialize(ReferenceNet net) => KerasWeights.CopyInto(ours, c, net);
        ModelTiming[] t;
        if (c.Kind == "predict")
        {
            using var plain = new PlainPrediction(c, checksum, Initialize);
            t = Timings.TimePassesSideBySide(c, plain.Batches, [plain.Pass, OursOnTorch.PredictionPass(c, checksum, ours)]);
        }
        else
        {
            using var plain = new PlainTraining(c, checksum, packed: true, Initialize);
            t = Timings.TimeStepsSideBySide(c, [plain.Step, OursOnTorch.TrainingStep(c, checksum, ours)]);
        }
        return (t[0], t[1]);
    }

    private static void Add(Dictionary<string, List<ModelTiming>> side, string name, ModelTiming timing, string label, Action<string> log)
    {
        (side.TryGetValue(name, out List<ModelTiming>? list) ? list : side[name] = []).Add(timing);
        log($"  {name,-24} {label,-34} {timing.MsPerBatch,9:0.00} ms/batch ({timing.TimedBatches} timed)" +
            (timing.FirstLoss is double loss ? $", first loss {loss:0.000000}" : ""));
    }

    // The last configuration's models and libtorch tensors that only finalizers free must not be collected inside the next
    // one's timed window.
    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
