namespace NotebookRnn.Kernels;

/// <summary>
/// An elementwise function of up to three inputs, once on single floats and once for every vector width:
/// <see cref="ElementwiseLoop"/> runs it over spans. Operators of fewer inputs ignore the others.
/// </summary>
internal interface IElementwiseOperator
{
    /// <summary>The function on single floats (the loop's tail, and machines without SIMD).</summary>
    float Invoke(float x, float y, float z);

    /// <summary>The same function on every lane; it must round as the scalar form does, so every length gives the same values.</summary>
    TVector Invoke<TVector, TSimd>(TVector x, TVector y, TVector z) where TVector : struct where TSimd : ISimd<TVector>;
}
