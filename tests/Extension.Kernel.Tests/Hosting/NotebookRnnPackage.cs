namespace NotebookRnn.Notebook.Kernel.Tests.Hosting;

/// <summary>The tests that load the packed package: it is packed once for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class NotebookRnnPackage : ICollectionFixture<PackedNotebookRnn>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "NotebookRnn package";
}
