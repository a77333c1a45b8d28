using NotebookRnn.Tensors;

namespace NotebookRnn.Persistence;

/// <summary>A tensor of a model file under its name, e.g. <c>lstm/kernel</c>, and where its data starts in the file.</summary>
/// <param name="Name">The tensor's name in the file.</param>
/// <param name="Value">Its values and shape.</param>
/// <param name="ByteOffset">Offset of its first data byte from the start of the file (0 for tensors not read from a file).</param>
internal sealed record NamedTensor(string Name, Tensor Value, long ByteOffset = 0);
