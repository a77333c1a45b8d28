using NotebookRnn.Tests.Persistence;
using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Models.Callbacks;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Models.Callbacks;

public class CsvLoggerTests
{
    private static (Sequential Model, Tensor X, Tensor Y) Problem()
    {
        var (x, y) = Clusters.Generate(100, seed: 3, classes: 3, features: 4);
        var model = new Sequential([new Dense(3, activation: "softmax", inputShape: [4])], seed: 4);
        model.Compile(new SGD(0.1), "sparse_categorical_crossentropy", ["accuracy"]);
        return (model, x, y);
    }

    [Fact]
    public void One_row_per_epoch_under_a_header_of_sorted_keys()
    {
        using var folder = new TempFolder();
        var (model, x, y) = Problem();
        string path = folder.File("log.csv");
        var linesSeen = new List<int>();
        var watcher = new LambdaCallback(onEpochEnd: (_, _) => linesSeen.Add(File.ReadAllLines(path).Length));

        History history = model.Fit(x, y, epochs: 3, verbose: 0, validationSplit: 0.2, callbacks: [new CsvLogger(path), watcher]);

        string[] lines = File.ReadAllLines(path);
        Assert.Equal("epoch,accuracy,loss,val_accuracy,val_loss", lines[0]);
        Assert.Equal(4, lines.Length);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            string[] fields = lines[epoch + 1].Split(',');
            Assert.Equal(epoch.ToString(), fields[0]);
            Assert.Equal(history["loss"][epoch], double.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(history["val_accuracy"][epoch], double.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal([2, 3, 4], linesSeen);
        Assert.Empty(folder.TemporaryFiles());
    }

    [Fact]
    public void Append_adds_rows_after_the_existing_ones_without_a_second_header()
    {
        using var folder = new TempFolder();
        var (model, x, y) = Problem();
        string path = folder.File("log.csv");
        model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [new CsvLogger(path)]);

        model.Fit(x, y, epochs: 1, verbose: 0, callbacks: [new CsvLogger(path, append: true)]);
        string[] appended = File.ReadAllLines(path);
        model.Fit(x, y, epochs: 1, verbose: 0, callbacks: [new CsvLogger(path)]);

        Assert.Equal(["epoch,accuracy,loss", "0", "1", "0"], appended.Select(l => l.Split(',')[0] == "epoch" ? l : l.Split(',')[0]));
        Assert.Equal(2, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void Separators_quote_fields_that_contain_them_and_missing_values_are_NA()
    {
        using var folder = new TempFolder();
        string path = folder.File("log.csv");
        var logger = new CsvLogger(path, separator: ';');

        logger.OnEpochEnd(0, new Dictionary<string, double> { ["loss"] = 0.5, ["a;b"] = 1e-5 });
        logger.OnEpochEnd(1, new Dictionary<string, double> { ["loss"] = double.NaN });

        Assert.Equal(["epoch;\"a;b\";loss", "0;1E-05;0.5", "1;NA;NaN"], File.ReadAllLines(path));
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Equal("separator", Assert.Throws<ArgumentException>(() => new CsvLogger("log.csv", separator: '"')).ParamName);
        Assert.Throws<ArgumentException>(() => new CsvLogger(""));
    }
}
