using NotebookRnn.Layers;
using NotebookRnn.Persistence;

namespace NotebookRnn.Models;

public sealed partial class Sequential
{
    /// <summary>
    /// Loads a Sequential model saved by <see cref="Model.Save"/> (Keras <c>load_model</c>): the same layers, weights and,
    /// when they were saved, compile settings and optimizer state. Its <see cref="Model.Predict(NotebookRnn.Tensors.Tensor, int)"/>
    /// is bit-identical to the saved model's. <see cref="Model.Load"/> loads functional models too.
    /// </summary>
    /// <remarks>
    /// The whole file is read and checked before any model object is made: layout, format version, checksums, finite
    /// values, known layer types, every weight present with its shape. A stateful layer starts with zero states.
    /// </remarks>
    /// <param name="path">The file.</param>
    /// <returns>The model, compiled when the saved model was.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ModelFormatException">
    /// The file is truncated, damaged, not a model file (or holds weights only, or a functional model), of a newer format
    /// version, holds a NaN or infinity, names an unknown layer type, or its weights do not fit its layers; the message names
    /// the file, the place (byte offset, weight, or configuration key) and the problem.</exception>
    public static new Sequential Load(string path) =>
        (Sequential)ModelSerializer.Load(path, (name, seed) => new Sequential(name: name, seed: seed), functional: null);

    // A model being loaded has no engine yet, so adding layers to it has none to renew.
    void ISerializableStack.Add(Layer layer, WeightCreation weights)
    {
        _stack.Add(layer, weights);
        _program = null;
    }

    void ISerializableStack.Build(int?[] inputShape, WeightCreation weights)
    {
        _stack.Build(inputShape, weights);
        _program = null;
    }
}
