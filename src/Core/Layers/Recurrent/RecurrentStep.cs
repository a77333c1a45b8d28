namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// The workspace rows that one step of n active rows works on, as its cell sees them; every span is row-major with
/// n rows (U units, G·U the gate width). The forward step reads <see cref="Gates"/> (x·W + b), <see cref="PreviousH"/>
/// and <see cref="PreviousC"/> and writes the activated gates, <see cref="H"/>, <see cref="C"/> and
/// <see cref="Cache"/>; the backward step reads those and <see cref="HGradient"/>, <see cref="CGradient"/> and writes
/// dL/d(x·W + b) into <see cref="Gates"/>, <see cref="PreviousHGradient"/> and <see cref="PreviousCGradient"/>.
/// After the backward sweep the same view over all computed row-steps carries the weight-gradient GEMMs' inputs.
/// </summary>
internal readonly ref struct RecurrentStep
{
    /// <summary>Active rows n.</summary>
    public int Rows { get; init; }

    /// <summary>(n, G·U): x·W + b in, the activated gates out; backward: dL/d(x·W + b) out.</summary>
    public Span<float> Gates { get; init; }

    /// <summary>(n, U): the previous h as the cell sees it (after recurrent dropout).</summary>
    public ReadOnlySpan<float> PreviousH { get; init; }

    /// <summary>(n, U): the previous c (LSTM only).</summary>
    public ReadOnlySpan<float> PreviousC { get; init; }

    /// <summary>(n, U): the new h, written forward and read backward.</summary>
    public Span<float> H { get; init; }

    /// <summary>(n, U): the new c (LSTM only).</summary>
    public Span<float> C { get; init; }

    /// <summary>(n, cache width): what the cell keeps of the step for its backward (LSTM tanh(c'), GRU h̃'s recurrent part).</summary>
    public Span<float> Cache { get; init; }

    /// <summary>(n, G·U): dL/d(h·U + b_rec) of a reset-after GRU (backward only).</summary>
    public Span<float> RecurrentGateGradients { get; init; }

    /// <summary>(n, scratch width): the cell's scratch for one step.</summary>
    public Span<float> Scratch { get; init; }

    /// <summary>(G·U): one row's gate gradient on the unfused paths.</summary>
    public Span<float> RowScratch { get; init; }

    /// <summary>(n, U): dL/dh of the new h (backward only).</summary>
    public ReadOnlySpan<float> HGradient { get; init; }

    /// <summary>(n, U): dL/dc of the new c (LSTM backward only).</summary>
    public ReadOnlySpan<float> CGradient { get; init; }

    /// <summary>(n, U): dL/dh of the previous h as the cell saw it, written (not added) by the backward step.</summary>
    public Span<float> PreviousHGradient { get; init; }

    /// <summary>(n, U): dL/dc of the previous c, written (not added) by the LSTM backward step.</summary>
    public Span<float> PreviousCGradient { get; init; }
}
