// The README's main job (until the notebook runner lands): trains a small Keras-style model end to end and
// prints its summary, training progress, History and held-out accuracy.
using NotebookRnn;
using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

Seeds.Set(2024);
var (x, y) = Blobs(samples: 4000, seed: 1);
var (testX, testY) = Blobs(samples: 1000, seed: 2);

var model = new Sequential();
model.Add(new Dense(64, activation: "relu", inputShape: [20]));
model.Add(new Dropout(0.1));
model.Add(new Dense(10, activation: "softmax"));
model.Compile(optimizer: new Adam(learningRate: 0.002), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
Console.WriteLine(model.Summary());

History history = model.Fit(x, y, batchSize: 32, epochs: 5, validationSplit: 0.1, verbose: 2);
Console.WriteLine();
Console.WriteLine(history);
Console.WriteLine($"Held-out: {model.Evaluate(testX, testY)}");

// Ten seeded Gaussian classes in 20 dimensions.
static (Tensor X, Tensor Y) Blobs(int samples, int seed)
{
    var centres = new RandomGenerator(7);
    var centre = new float[10, 20];
    for (int c = 0; c < 10; c++)
        for (int f = 0; f < 20; f++) centre[c, f] = (float)(3 * centres.NextGaussian());
    var random = new RandomGenerator(seed);
    var x = new Tensor(samples, 20);
    var y = new Tensor(samples);
    for (int i = 0; i < samples; i++)
    {
        int label = random.NextInt(10);
        y[i] = label;
        for (int f = 0; f < 20; f++) x[i, f] = centre[label, f] + (float)random.NextGaussian();
    }
    return (x, y);
}
