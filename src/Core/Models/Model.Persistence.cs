using NotebookRnn.Layers.Functional;
using NotebookRnn.Metrics;
using NotebookRnn.Persistence;
using NotebookRnn.Training;

namespace NotebookRnn.Models;

public partial class Model : ISerializableModel
{
    /// <summary>
    /// Saves the model to one file (Keras <c>model.save</c>): its configuration (a functional model's graph in Keras's
    /// functional form — every layer's <c>GetConfig</c> and its calls — or a Sequential model's layers; name, seed), compile
    /// settings (every output's loss, loss weight and metrics), all weights, and, with <paramref name="includeOptimizer"/>,
    /// the optimizer's state, so that training resumes where it stopped. Safetensors with NotebookRnn metadata and CRC-32C
    /// checksums, written to a temporary file and renamed over <paramref name="path"/>: a crash mid-write leaves the old file.
    /// </summary>
    /// <remarks>
    /// Not saved: a stateful layer's carried states (a loaded model starts from zero states), the position of the
    /// shuffling and dropout random streams, and the devices and backend given to <c>Compile</c> (a loaded model trains on
    /// the managed backend until compiled with another).
    /// </remarks>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <param name="includeOptimizer">Whether to save the optimizer's state; default true.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">A weight is NaN or infinite (named with its element), or two weights would get the same name.</exception>
    /// <exception cref="NotSupportedException">
    /// <see cref="Load"/> could not restore the configuration (a custom layer, optimizer, loss or metric type, or an
    /// initializer without a Keras name); nothing was written. <see cref="SaveWeights"/> still works.</exception>
    /// <exception cref="IOException">Writing failed; the previous file at <paramref name="path"/> is unchanged.</exception>
    public void Save(string path, bool includeOptimizer = true) => ModelSerializer.Save(this, path, includeOptimizer);

    /// <summary>
    /// Saves the weights alone (Keras <c>save_weights</c>), named <c>&lt;layer&gt;/&lt;weight&gt;</c> (a shared layer's once), in
    /// the format of <see cref="Save"/>; <see cref="LoadWeights"/> reads them back into a model built the same way.
    /// </summary>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The model is not built, a weight is NaN or infinite, or two weights would get the same name.</exception>
    /// <exception cref="IOException">Writing failed; the previous file at <paramref name="path"/> is unchanged.</exception>
    public void SaveWeights(string path) => ModelSerializer.SaveWeights(this, path);

    /// <summary>
    /// Loads a model saved by <see cref="Save"/> (Keras <c>load_model</c>): a functional model, or a <see cref="Sequential"/>
    /// one when the file holds one, with the same layers and calls, weights and, when they were saved, compile settings and
    /// optimizer state. Its predictions are bit-identical to the saved model's.
    /// </summary>
    /// <remarks>
    /// The whole file is read and checked before any model object is made: layout, format version, checksums, finite
    /// values, known layer types, a graph whose calls name layers and calls it has and whose outputs come from its inputs,
    /// every weight present with its shape. A stateful layer starts with zero states.
    /// </remarks>
    /// <param name="path">The file.</param>
    /// <returns>The model, compiled when the saved model was.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ModelFormatException">
    /// The file is truncated, damaged, not a model file (or holds weights only), of a newer format version, holds a NaN
    /// or infinity, names an unknown layer type, a call of a layer it lacks, or a disconnected graph, or its weights do not
    /// fit its layers; the message names the file, the place (byte offset, weight, or configuration key) and the problem.</exception>
    public static Model Load(string path) => (Model)ModelSerializer.Load(path, (name, seed) => new Sequential(name: name, seed: seed),
        (name, seed, inputs, outputs) => new Model(inputs, outputs, name, seed));

    /// <summary>
    /// Loads weights saved by <see cref="SaveWeights"/> or <see cref="Save"/> into this model (Keras
    /// <c>load_weights</c>), matching them by name (<c>&lt;layer&gt;/&lt;weight&gt;</c>). Everything is checked before
    /// the first value is copied, so a failed load leaves the model as it was. Optimizer state in the file is ignored.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The model is not built, so it has no weights yet.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ModelFormatException">
    /// The file is damaged or foreign (see <see cref="Load"/>), or comes from another architecture: the message names the
    /// first weight the file lacks or holds with another shape (and both shapes), or a weight the model lacks.</exception>
    public void LoadWeights(string path) => ModelSerializer.LoadWeights(this, path);

    // A Sequential model has no graph of its own (it makes its linear one when built) and is saved as its list of layers.
    GraphProgram? ISerializableModel.FunctionalGraph => _graph;

    CompileSettings? ISerializableModel.CompileSettings => Trainer.Outputs is { } outputs
        ? new CompileSettings(Trainer.Optimizer!, [.. outputs.Select(o => o.Loss)], [.. outputs.Select(o => o.Weight)],
            [.. outputs.Select(o => UnprefixedMetrics(o, outputs.Count))])
        : null;

    void ISerializableModel.Compile(CompileSettings settings) =>
        Compile(settings.Optimizer, settings.Losses, settings.LossWeights, [.. settings.Metrics.Select(m => (IEnumerable<Metric>)m)]);

    // With several outputs the compiled metrics are named <output>_<metric>; compiling them again adds the prefix anew.
    private static Metric[] UnprefixedMetrics(OutputSettings output, int outputs)
    {
        int prefix = outputs > 1 ? output.Name.Length + 1 : 0;
        return [.. output.Metrics.Select(m => m.Fresh().Weighted(m.WeighsSamples, m.Name[prefix..]))];
    }
}
