// Keras's addition_rnn.py (keras-io examples/nlp/addition_rnn.py), line for line in C#: learn to add two numbers
// given as strings, "535+61" → "596". An encoder LSTM(128) reads the (reversed) question, RepeatVector hands its
// last output to each of the DIGITS + 1 answer steps, a decoder LSTM(128, returnSequences) and a softmax Dense
// (applied to the last axis of its 3-D input, as Keras 3's Dense is) pick one character per step; categorical
// cross-entropy, Adam, "accuracy" (per character, over every answer step), batch 32, one epoch per iteration with
// 10 validation questions printed after each.
//
//   dotnet run --project samples/AdditionRnn -c Release -- [--epochs 30] [--training-size 50000] [--seed 42]
//       [--min-val-accuracy 0.99]
//
// Keras's loop is `for epoch in range(1, epochs)`, 29 fits for epochs = 30; here --epochs N runs N fits. With
// --min-val-accuracy the program exits with code 1 when no epoch's val_accuracy reached it (the example "gets to" 99%;
// once there, Adam's steps make single epochs dip below it, in Keras's published log too). After each epoch it
// also prints the exact-match rate of whole answers on the validation set, which Keras's example does not.
using System.Diagnostics;
using AdditionRnn;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Reshaping;
using NotebookRnn.Models;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

Options options = Options.Parse(args);
var random = new RandomGenerator(options.Seed);

// Parameters for the model and dataset.
int TRAINING_SIZE = options.TrainingSize;
const int DIGITS = 3;
const bool REVERSE = true;

// Maximum length of input is 'int + int' (e.g., '345+678'). Maximum length of int is DIGITS.
const int MAXLEN = DIGITS + 1 + DIGITS;

// All the numbers, plus sign and space for padding.
const string chars = "0123456789+ ";
var ctable = new CharacterTable(chars);

var questions = new List<string>();
var expected = new List<string>();
var seen = new HashSet<(int, int)>();
Console.WriteLine("Generating data...");
while (questions.Count < TRAINING_SIZE)
{
    int f() => int.Parse(string.Concat(Enumerable.Range(0, random.NextInt(1, DIGITS + 1)).Select(_ => "0123456789"[random.NextInt(10)])));
    int a = f(), b = f();
    // Skip any addition questions we've already seen. Also skip any such that x+Y == Y+x (hence the sorting).
    var key = (Math.Min(a, b), Math.Max(a, b));
    if (!seen.Add(key)) continue;
    // Pad the data with spaces such that it is always MAXLEN.
    string q = $"{a}+{b}";
    string query = q.PadRight(MAXLEN);
    // Answers can be of maximum size DIGITS + 1.
    string ans = (a + b).ToString().PadRight(DIGITS + 1);
    // Reverse the query, e.g., '12+345  ' becomes '  543+21'. (Note the space used for padding.)
    if (REVERSE) query = new string([.. query.Reverse()]);
    questions.Add(query);
    expected.Add(ans);
}
Console.WriteLine($"Total questions: {questions.Count}");

Console.WriteLine("Vectorization...");
var x = new Tensor(questions.Count, MAXLEN, chars.Length);
var y = new Tensor(questions.Count, DIGITS + 1, chars.Length);
for (int i = 0; i < questions.Count; i++) ctable.Encode(questions[i], x.Row(i));
for (int i = 0; i < expected.Count; i++) ctable.Encode(expected[i], y.Row(i));

// Shuffle (x, y) in unison as the later parts of x will almost all be larger digits.
int[] indices = [.. Enumerable.Range(0, questions.Count)];
random.Shuffle<int>(indices);
x = x.Gather(indices);
y = y.Gather(indices);

// Explicitly set apart 10% for validation data that we never train over.
int split_at = x.Dim(0) - x.Dim(0) / 10;
Tensor x_train = x.SliceBatch(0, split_at), x_val = x.SliceBatch(split_at, x.Dim(0) - split_at);
Tensor y_train = y.SliceBatch(0, split_at), y_val = y.SliceBatch(split_at, y.Dim(0) - split_at);

Console.WriteLine("Training Data:");
Console.WriteLine(Tensor.ShapeText(x_train.Shape));
Console.WriteLine(Tensor.ShapeText(y_train.Shape));

Console.WriteLine("Validation Data:");
Console.WriteLine(Tensor.ShapeText(x_val.Shape));
Console.WriteLine(Tensor.ShapeText(y_val.Shape));

Console.WriteLine("Build model...");
const int num_layers = 1; // Try to add more LSTM layers!

var model = new Sequential(seed: options.Seed);
// "Encode" the input sequence using a LSTM, producing an output of size 128.
// Note: In a situation where your input sequences have a variable length, use inputShape: [null, numFeatures].
model.Add(new LSTM(128, inputShape: [MAXLEN, chars.Length]));
// As the decoder RNN's input, repeatedly provide with the last output of RNN for each time step. Repeat 'DIGITS + 1'
// times as that's the maximum length of output, e.g., when DIGITS=3, max output is 999+999=1998.
model.Add(new RepeatVector(DIGITS + 1));
// The decoder RNN could be multiple layers stacked or a single layer.
for (int layer = 0; layer < num_layers; layer++)
{
    // By setting returnSequences to true, return not only the last output but all the outputs so far in the form of
    // (num_samples, timesteps, output_dim). This is necessary as the Dense below is applied to every time step.
    model.Add(new LSTM(128, returnSequences: true));
}

// Apply a dense layer to the every temporal slice of an input. For each of step of the output sequence, decide which
// character should be chosen.
model.Add(new Dense(chars.Length, activation: "softmax"));
model.Compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
Console.WriteLine(model.Summary());

int epochs = options.Epochs;
const int batch_size = 32;

// Train the model each generation and show predictions against the validation dataset.
var total = Stopwatch.StartNew();
double valAccuracy = double.NaN;
int? reachedEpoch = null;
TimeSpan reachedAfter = TimeSpan.Zero;
for (int epoch = 1; epoch <= epochs; epoch++)
{
    Console.WriteLine();
    Console.WriteLine($"Iteration {epoch}");
    History history = model.Fit(x_train, y_train, batchSize: batch_size, epochs: 1, validationData: (x_val, y_val));
    valAccuracy = history["val_accuracy"][^1];
    if (reachedEpoch is null && options.MinValAccuracy is double target && valAccuracy >= target) (reachedEpoch, reachedAfter) = (epoch, total.Elapsed);
    // Select 10 samples from the validation set at random so we can visualize errors.
    for (int i = 0; i < 10; i++)
    {
        int ind = random.NextInt(x_val.Dim(0));
        Tensor rowx = x_val.SliceBatch(ind, 1), rowy = y_val.SliceBatch(ind, 1);
        Tensor preds = model.Predict(rowx);
        string q = ctable.Decode(rowx.Span);
        string correct = ctable.Decode(rowy.Span);
        string guess = ctable.Decode(preds.Span);
        Console.Write($"Q {(REVERSE ? new string([.. q.Reverse()]) : q)} ");
        Console.Write($"T {correct} ");
        Console.WriteLine(correct == guess ? "☑ " + guess : "☒ " + guess);
    }
    Console.WriteLine($"exact-match of whole answers on the validation set: {ExactMatch(model.Predict(x_val), y_val):0.0000} " +
        $"(epoch {history.WallTime.TotalSeconds:0.0} s, total {total.Elapsed.TotalSeconds:0} s)");
}

// You'll get to 99+% validation accuracy after ~30 epochs.
Console.WriteLine($"final val_accuracy: {valAccuracy:0.0000} after {epochs} epochs in {total.Elapsed.TotalSeconds:0} s");
if (options.MinValAccuracy is double minValAccuracy)
{
    if (reachedEpoch is null)
    {
        Console.Error.WriteLine($"error: no epoch's val_accuracy reached --min-val-accuracy {minValAccuracy} in {epochs} epochs.");
        return 1;
    }
    Console.WriteLine($"val_accuracy reached {minValAccuracy} at epoch {reachedEpoch}, after {reachedAfter.TotalSeconds:0} s");
}
return 0;

// The share of answers whose every character is predicted right.
double ExactMatch(Tensor predictions, Tensor targets)
{
    int right = 0;
    for (int i = 0; i < targets.Dim(0); i++)
        if (ctable.Decode(predictions.Row(i)) == ctable.Decode(targets.Row(i))) right++;
    return (double)right / targets.Dim(0);
}
