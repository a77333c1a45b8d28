using System.IO.Compression;
using System.Xml.Linq;

namespace NotebookRnn.TestSupport;

/// <summary>A packed <c>.nupkg</c> as the package tests read it: its entries, nuspec, metadata and files.</summary>
public sealed class NupkgContents
{
    public NupkgContents(string path)
    {
        Path = path;
        using ZipArchive zip = ZipFile.OpenRead(path);
        Entries = [.. zip.Entries.Select(e => e.FullName)];
        NuspecText = Read(Entries.Single(e => e.EndsWith(".nuspec", StringComparison.Ordinal)));
        Nuspec = XDocument.Parse(NuspecText);
    }

    public string Path { get; }

    public IReadOnlyList<string> Entries { get; }

    public string NuspecText { get; }

    public XDocument Nuspec { get; }

    /// <summary>Every <c>dependency</c> of the nuspec: (id, version).</summary>
    public IReadOnlyList<(string Id, string Version)> Dependencies =>
        [.. Nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => ((string)e.Attribute("id")!, (string)e.Attribute("version")!))];

    public string Metadata(string name) =>
        Nuspec.Descendants().First(e => e.Name.LocalName == "metadata").Elements().Single(e => e.Name.LocalName == name).Value;

    public string Read(string entry)
    {
        using ZipArchive zip = ZipFile.OpenRead(Path);
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    public byte[] ReadBytes(string entry)
    {
        using ZipArchive zip = ZipFile.OpenRead(Path);
        using Stream entryStream = zip.GetEntry(entry)!.Open();
        using var bytes = new MemoryStream();
        entryStream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
