namespace NotebookRnn.Data;

/// <summary>
/// Where a model's batches come from: samples addressed by index, assembled into batch tensors on request.
/// Tensors of a returned <see cref="Batch"/> belong to the source and stay valid until its next <see cref="Take"/>.
/// </summary>
internal abstract class DataSource
{
    /// <summary>Number of samples.</summary>
    public abstract int Count { get; }

    /// <summary>Whether the source has targets (training and evaluation need them; prediction does not).</summary>
    public abstract bool HasTargets { get; }

    /// <summary>Assembles the samples listed in <paramref name="indices"/>, in that order.</summary>
    public abstract Batch Take(ReadOnlySpan<int> indices);

    /// <summary>A source over the same samples with its own batch buffers, so each device can assemble its share.</summary>
    public abstract DataSource CreateView();

    /// <summary>Real time steps of sample <paramref name="index"/>, which data-parallel training balances across devices.</summary>
    public virtual int Tokens(int index) => 1;
}
