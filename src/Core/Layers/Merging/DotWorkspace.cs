using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Merging;

/// <summary>One input of <see cref="Dot"/> seen as (batch, Outer, Depth, Inner): the axes before, at and after the summed one.</summary>
internal readonly record struct DotOperand(int Outer, int Depth, int Inner)
{
    /// <summary>The rows of the matrix the input becomes, one per (outer, inner) pair.</summary>
    public int Rows => Outer * Inner;
}

/// <summary>
/// The buffers of one <see cref="Dot"/> call, sized in one place (<see cref="Plan"/>): each input rearranged so its summed
/// axis is last, as a (rows, depth) matrix per sample, which makes the product one GEMM per sample.
/// </summary>
internal sealed class DotWorkspace
{
    private Tensor? _firstRows, _secondRows, _firstRowsGradient, _secondRowsGradient, _firstNorms, _secondNorms, _output, _firstGradient, _secondGradient;

    public bool IsPlanned => _output is not null;
    public int Batch { get; private set; }
    public int Depth { get; private set; }
    public DotOperand First { get; private set; }
    public DotOperand Second { get; private set; }

    /// <summary>x₁ as rows: (batch, P·Q, d).</summary>
    public Tensor FirstRows => _firstRows!;
    /// <summary>x₂ as rows: (batch, R·S, d).</summary>
    public Tensor SecondRows => _secondRows!;
    /// <summary>Gradient of <see cref="FirstRows"/>: (batch, P·Q, d).</summary>
    public Tensor FirstRowsGradient => _firstRowsGradient!;
    /// <summary>Gradient of <see cref="SecondRows"/>: (batch, R·S, d).</summary>
    public Tensor SecondRowsGradient => _secondRowsGradient!;
    /// <summary>1 / norm of each row of <see cref="FirstRows"/>: (batch, P·Q).</summary>
    public Tensor FirstInverseNorms => _firstNorms!;
    /// <summary>1 / norm of each row of <see cref="SecondRows"/>: (batch, R·S).</summary>
    public Tensor SecondInverseNorms => _secondNorms!;
    /// <summary>The layer's output: (batch, …) as <c>ComputeOutputShape</c> says.</summary>
    public Tensor Output => _output!;
    /// <summary>dx₁ in x₁'s shape.</summary>
    public Tensor FirstGradient => _firstGradient!;
    /// <summary>dx₂ in x₂'s shape.</summary>
    public Tensor SecondGradient => _secondGradient!;

    /// <summary>Sizes every buffer for inputs <paramref name="first"/> and <paramref name="second"/> summed over axes <paramref name="firstAxis"/> and <paramref name="secondAxis"/>.</summary>
    public void Plan(Tensor first, int firstAxis, Tensor second, int secondAxis, int?[] outputShape, string layer)
    {
        Batch = first.Dim(0);
        First = Operand(first, firstAxis);
        Second = Operand(second, secondAxis);
        if (First.Depth != Second.Depth)
            throw new ArgumentException(
                $"Dot '{layer}' has incompatible inputs: size {First.Depth} at axis {firstAxis} of {Tensor.ShapeText(first.Shape)} != size " +
                $"{Second.Depth} at axis {secondAxis} of {Tensor.ShapeText(second.Shape)}.", "inputs");
        Depth = First.Depth;
        Tensor.Reuse(ref _firstRows, Batch, First.Rows, Depth);
        Tensor.Reuse(ref _secondRows, Batch, Second.Rows, Depth);
        Tensor.Reuse(ref _firstRowsGradient, Batch, First.Rows, Depth);
        Tensor.Reuse(ref _secondRowsGradient, Batch, Second.Rows, Depth);
        Tensor.Reuse(ref _firstNorms, Batch, First.Rows);
        Tensor.Reuse(ref _secondNorms, Batch, Second.Rows);
        Tensor.Reuse(ref _output, [Batch, .. outputShape.Select(d => d!.Value)]);
        Tensor.Reuse(ref _firstGradient, [.. first.Shape]);
        Tensor.Reuse(ref _secondGradient, [.. second.Shape]);
    }

    // x: (batch, outer, depth, inner) → rows: (batch, outer·inner, depth)
    public void GatherRows(ReadOnlySpan<float> source, DotOperand operand, Span<float> rows)
    {
        int block = operand.Depth * operand.Inner;
        for (int n = 0; n < Batch; n++)
            for (int p = 0; p < operand.Outer; p++)
            {
                ReadOnlySpan<float> x = source.Slice((n * operand.Outer + p) * block, block);
                Span<float> target = rows.Slice((n * operand.Outer + p) * block, block);
                for (int q = 0; q < operand.Inner; q++)
                    for (int k = 0; k < operand.Depth; k++) target[q * operand.Depth + k] = x[k * operand.Inner + q];
            }
    }

    // rows: (batch, outer·inner, depth) → x: (batch, outer, depth, inner), the inverse of GatherRows
    public void ScatterRows(ReadOnlySpan<float> rows, DotOperand operand, Span<float> destination)
    {
        int block = operand.Depth * operand.Inner;
        for (int n = 0; n < Batch; n++)
            for (int p = 0; p < operand.Outer; p++)
            {
                ReadOnlySpan<float> source = rows.Slice((n * operand.Outer + p) * block, block);
                Span<float> x = destination.Slice((n * operand.Outer + p) * block, block);
                for (int q = 0; q < operand.Inner; q++)
                    for (int k = 0; k < operand.Depth; k++) x[k * operand.Inner + q] = source[q * operand.Depth + k];
            }
    }

    private static DotOperand Operand(Tensor x, int axis)
    {
        int outer = 1, inner = 1;
        for (int d = 1; d < axis; d++) outer *= x.Dim(d);
        for (int d = axis + 1; d < x.Rank; d++) inner *= x.Dim(d);
        return new DotOperand(outer, x.Dim(axis), inner);
    }
}
