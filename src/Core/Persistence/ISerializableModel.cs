using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Metrics;
using NotebookRnn.Optimizers;

namespace NotebookRnn.Persistence;

/// <summary>
/// A model as <see cref="ModelSerializer"/> sees it: a named, seeded stack of layers with compile settings, and the
/// steps that rebuild one from a file. <c>Sequential</c> implements it, so Persistence needs no model type.
/// </summary>
internal interface ISerializableModel
{
    /// <summary>The model's name.</summary>
    string Name { get; }

    /// <summary>The seed its random choices derive from.</summary>
    long Seed { get; }

    /// <summary>Input shape without batch, once built.</summary>
    int?[]? InputShape { get; }

    /// <summary>Whether the layers have weights.</summary>
    bool IsBuilt { get; }

    /// <summary>The layers, in order.</summary>
    IReadOnlyList<Layer> Layers { get; }

    /// <summary>The optimizer, loss and metrics given to <c>Compile</c>, or <c>null</c> before.</summary>
    (Optimizer Optimizer, Loss Loss, IReadOnlyList<Metric> Metrics)? CompileSettings { get; }

    /// <summary>Appends a layer, built at once when the model is, with weight values from <paramref name="weights"/>.</summary>
    /// <exception cref="ArgumentException">The layer does not fit the model.</exception>
    void Add(Layer layer, WeightCreation weights);

    /// <summary>Builds every layer for inputs of shape <paramref name="inputShape"/>, with weight values from <paramref name="weights"/>.</summary>
    /// <exception cref="ArgumentException">A layer cannot take the shape it receives.</exception>
    void Build(int?[] inputShape, WeightCreation weights);

    /// <summary>Configures training with saved settings, on the default devices.</summary>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    void Compile(Optimizer optimizer, Loss loss, IEnumerable<Metric> metrics);
}
