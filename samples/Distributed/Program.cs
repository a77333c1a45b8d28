// Data-parallel training over MPI (issue 20): every process builds the same small LSTM from --seed, reads the same
// synthetic sequences, and trains --shards token-balanced shards of each batch, --shards / P of them per process; the
// gradients are summed over MPI, so the weights after every step are bit-identical for any process count P dividing
// --shards, and equal to one process training all the shards on its own devices.
//
//   mpirun -np 4 --hostfile hosts dotnet samples/Distributed/bin/Release/net10.0/Distributed.dll [options]
//   dotnet samples/Distributed/bin/Release/net10.0/Distributed.dll [options]        (a world of one, --shards devices)
//
// Options (README.md): --shards K (4) --epochs N (3) --samples N (512) --batch-size B (64) --seed S (42) --units U (32)
// --weights-out PATH --checkpoint PATH --probe-out PATH --history-out PATH --pid-dir DIR --batch-delay-ms N (0).
// Files are written by rank 0 only, except the pid files, one per rank.
using Distributed;
using NotebookRnn.Distributed;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Models.Callbacks;
using NotebookRnn.Files;
using NotebookRnn.Training;

Options options = Options.Parse(args);
MpiWorld world = MpiWorld.Join();
if (options.PidDir is string pidDir)
    AtomicFile.WriteAllText(Path.Combine(pidDir, $"rank{world.Rank}.pid"), Environment.ProcessId.ToString());

var data = SyntheticSequences.Generate(options.Samples, options.Seed);
int[][] probe = SyntheticSequences.Probe(options.Seed);

var model = new Sequential(seed: options.Seed);
model.Add(new Embedding(SyntheticSequences.Vocabulary, 16, maskZero: true));
model.Add(new LSTM(options.Units, dropout: 0.1));
model.Add(new Dense(SyntheticSequences.Classes, activation: "softmax"));
model.Compile("rmsprop", "categorical_crossentropy", world: world, shards: options.Shards);
if (world.IsRoot)
    Console.WriteLine($"{world.Size} process(es), {options.Shards} shards per batch, {options.Samples} sequences, batch {options.BatchSize}, seed {options.Seed}");

History history = model.Fit(data.Sequences, data.OneHotLabels(), batchSize: options.BatchSize, epochs: options.Epochs, verbose: 0,
    callbacks: Callbacks());

if (world.IsRoot)
{
    if (options.WeightsOut is string weightsOut) Float32File.Write(weightsOut, model.Parameters.Select(p => p.Value));
    if (options.HistoryOut is string historyOut) history.Save(historyOut);
}
return 0;

// Checkpoint first, then the probe's predictions from the weights just saved: the kill test loads the one and compares
// it with the other. ModelCheckpoint writes on rank 0 by itself; the delay runs on every rank, so a slow epoch is slow
// everywhere.
List<Callback> Callbacks()
{
    var callbacks = new List<Callback>();
    if (options.Checkpoint is string checkpoint) callbacks.Add(new ModelCheckpoint(checkpoint));
    if (options.ProbeOut is string probeOut && world.IsRoot)
        callbacks.Add(new LambdaCallback(onEpochEnd: (_, _) => Float32File.Write(probeOut, [model.Predict(probe)])));
    if (options.BatchDelayMs > 0) callbacks.Add(new LambdaCallback(onBatchEnd: (_, _) => Thread.Sleep(options.BatchDelayMs)));
    if (world.IsRoot)
        callbacks.Add(new LambdaCallback(onEpochEnd: (epoch, logs) => Console.WriteLine($"epoch {epoch + 1}/{options.Epochs}: loss {logs["loss"]:0.0000}")));
    return callbacks;
}
