using NotebookRnn.Layers;

namespace NotebookRnn.Persistence;

/// <summary>A Sequential model as <see cref="ModelSerializer"/> rebuilds it from a file: layer by layer, then built for the saved input shape.</summary>
internal interface ISerializableStack : ISerializableModel
{
    /// <summary>Appends a layer, built at once when the model is, with weight values from <paramref name="weights"/>.</summary>
    /// <exception cref="ArgumentException">The layer does not fit the model.</exception>
    void Add(Layer layer, WeightCreation weights);

    /// <summary>Builds every layer for inputs of shape <paramref name="inputShape"/>, with weight values from <paramref name="weights"/>.</summary>
    /// <exception cref="ArgumentException">A layer cannot take the shape it receives.</exception>
    void Build(int?[] inputShape, WeightCreation weights);
}
