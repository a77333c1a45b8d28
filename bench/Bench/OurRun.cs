using System.Text.Json;
using NotebookRnn.Persistence;

namespace Bench;

/// <summary>
/// One round of our measurements. run.sh alternates rounds of PyTorch and of ours, so that load from other processes
/// on a shared machine hits both sides alike; <see cref="Best"/> keeps each configuration's fastest round.
/// </summary>
internal sealed record OurRun(string LoadAverage, IReadOnlyList<ModelMeasurement> Models, IReadOnlyList<GemmMeasurement> Gemms,
    ColdStartRun ColdStart)
{
    /// <summary>Runs every configuration of the plan once, printing each result as it comes.</summary>
    public static OurRun Measure(BenchPlan plan)
    {
        string load = Machine.ReadLoadAverage();
        var models = new List<ModelMeasurement>();
        foreach (ModelConfig config in plan.Models)
        {
            ModelMeasurement m = config.Kind == "predict" ? Measurements.Predict(config) : Measurements.Train(config);
            Console.WriteLine($"  {m.Name,-30} {m.MsPerBatch,9:0.00} ms/batch {m.SamplesPerSecond,10:#,0} samples/s " +
                $"{m.AllocatedBytesPerBatch / 1024,9:#,0.0} KB/batch, gen-2: {m.Gen2Collections}");
            models.Add(m);
        }
        var gemms = new List<GemmMeasurement>();
        foreach (GemmConfig config in plan.Gemms)
        {
            GemmMeasurement g = Measurements.MultiplyMatrices(config);
            Console.WriteLine($"  {g.Name,-24} {g.MsPerMultiply,9:0.000} ms {g.GigaflopsPerSecond,10:0.0} GFLOP/s ({g.Path})");
            gemms.Add(g);
        }
        ColdStartRun cold = Bench.ColdStart.Measure(plan);
        Console.WriteLine($"  {ColdStartPlan.TextGenerationName,-24} first epoch {cold.TextGeneration.FirstEpochMsPerBatch,7:0.00} ms/batch, " +
            $"last {cold.TextGeneration.SteadyEpochMsPerBatch:0.00} ms/batch ({cold.TextGeneration.Batches} batches, fresh process)");
        Console.WriteLine($"  {ColdStartPlan.NotebookName,-24} first Fit padded {cold.Notebook.FirstPaddedSeconds:0.000} s, " +
            $"ragged {cold.Notebook.FirstRaggedSeconds:0.000} s; with TieredCompilation=0 {cold.NotebookWithoutTiering.FirstPaddedSeconds:0.000} s, " +
            $"{cold.NotebookWithoutTiering.FirstRaggedSeconds:0.000} s");
        return new OurRun(load, models, gemms, cold);
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, BenchPlan.Json));

    public static OurRun Load(string path) =>
        JsonSerializer.Deserialize<OurRun>(File.ReadAllText(path), BenchPlan.Json)
        ?? throw new InvalidDataException($"\"{path}\" holds no measurements.");

    /// <summary>
    /// Per configuration the round with the lowest median time (GEMM: the highest GFLOP/s; cold rows: the lowest
    /// first-to-last epoch ratio and the fastest first Fits); allocation and gen-2 counts are the worst over all
    /// rounds, so the memory targets are never judged on a lucky round.
    /// </summary>
    public static OurRun Best(IReadOnlyList<OurRun> rounds)
    {
        ModelMeasurement[] models = [.. rounds[0].Models.Select(first =>
        {
            ModelMeasurement[] all = [.. rounds.Select(r => r.Models.Single(m => m.Name == first.Name))];
            return all.MinBy(m => m.MsPerBatch)! with
            {
                AllocatedBytesPerBatch = all.Max(m => m.AllocatedBytesPerBatch),
                Gen2Collections = all.Max(m => m.Gen2Collections),
            };
        })];
        GemmMeasurement[] gemms = [.. rounds[0].Gemms.Select(first =>
            rounds.Select(r => r.Gemms.Single(g => g.Name == first.Name)).MaxBy(g => g.GigaflopsPerSecond)!)];
        ColdStartRun cold = new(
            rounds.Select(r => r.ColdStart.TextGeneration).MinBy(t => t.FirstEpochMsPerBatch / t.SteadyEpochMsPerBatch)!,
            rounds.Select(r => r.ColdStart.Notebook).MinBy(n => n.FirstPaddedSeconds + n.FirstRaggedSeconds)!,
            rounds.Select(r => r.ColdStart.NotebookWithoutTiering).MinBy(n => n.FirstPaddedSeconds + n.FirstRaggedSeconds)!);
        return new OurRun(string.Join(" | ", rounds.Select(r => r.LoadAverage)), models, gemms, cold);
    }
}
