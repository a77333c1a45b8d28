// Keras's lstm_text_generation.py (the example keras-mxnet benchmarked), line for line in C#:
// character windows of a text, one-hot, LSTM(128, unroll) → Dense → softmax, RMSprop(lr=0.01),
// categorical cross-entropy, batch 128, and temperature sampling after each epoch.
//
//   dotnet run --project samples/TextGeneration -c Release -- --corpus ../shared/data/nietzsche.txt
//       [--epochs 60] [--generate 400] [--seed 42] [--max-loss 2.05] [--devices 1]
//
// With --max-loss the program exits with code 1 when the last epoch's mean training loss is above it
// (CI's data stage runs one epoch this way).
using NotebookRnn;
using TextGeneration;
using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Models.Callbacks;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using NotebookRnn.Text;
using NotebookRnn.Training;

Options options = Options.Parse(args);
string text = TextFile.Read(options.Corpus, TextEncoding.Latin1).ToLowerInvariant();
Console.WriteLine($"corpus length: {text.Length}");

var chars = CharacterVocabulary.FromText(text);
Console.WriteLine($"total chars: {chars.Count}");

// cut the text in semi-redundant sequences of maxlen characters
const int maxlen = 40;
const int step = 3;
CharacterWindows sentences = chars.Windows(text, maxlen, step);
Console.WriteLine($"nb sequences: {sentences.Count}");

Console.WriteLine("Vectorization...");
Tensor x = sentences.InputsOneHot();
Tensor y = sentences.TargetsOneHot();

// build the model: a single LSTM
Console.WriteLine("Build model...");
var model = new Sequential(seed: options.Seed);
model.Add(new LSTM(128, inputShape: [maxlen, chars.Count], unroll: true));
model.Add(new Dense(chars.Count));
model.Add(new Activation("softmax"));

var optimizer = new RMSprop(lr: 0.01);
model.Compile(loss: "categorical_crossentropy", optimizer: optimizer, devices: options.Devices);

var random = new RandomGenerator(options.Seed);
void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
{
    // Function invoked at end of each epoch. Prints generated text.
    Console.WriteLine();
    Console.WriteLine($"----- Generating text after Epoch: {epoch}");
    int startIndex = random.NextInt(0, text.Length - maxlen - 1);
    foreach (double diversity in new[] { 0.2, 0.5, 1.0, 1.2 })
    {
        Console.WriteLine($"----- diversity: {diversity}");
        string sentence = text.Substring(startIndex, maxlen);
        Console.WriteLine($"----- Generating with seed: \"{sentence}\"");
        Console.WriteLine(sentence + TextSampling.GenerateCharacters(model, chars, sentence, options.Generate, diversity, random));
    }
}

History history = model.Fit(x, y, batchSize: 128, epochs: options.Epochs,
    callbacks: [new LambdaCallback(onEpochEnd: OnEpochEnd)]);

double loss = history["loss"][^1];
Console.WriteLine();
Console.WriteLine(history);
Console.WriteLine($"final mean training loss: {loss:0.0000}, {history.SamplesPerSecond:0} samples/s");
if (options.MaxLoss is double maxLoss && !(loss <= maxLoss))
{
    Console.Error.WriteLine($"error: final mean training loss {loss:0.0000} is above --max-loss {maxLoss}.");
    return 1;
}
return 0;
