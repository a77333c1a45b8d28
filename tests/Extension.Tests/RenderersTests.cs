using NotebookRnn.Data;
using NotebookRnn.Devices;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;
using NotebookRnn.Text;
using NotebookRnn.Training;

namespace NotebookRnn.Notebook.Tests;

public class RenderersTests
{
    private static LSTM RanLstm() => Fixtures.LstmAfterBatch([3, 1], 3, Padding.Post);

    private static T Ran<T>(T layer) where T : Layer
    {
        new Sequential([layer], seed: 3).Predict(new Tensor(2, 4, 2));
        return layer;
    }

    /// <summary>A value of every type <see cref="Renderers.Views"/> lists, and of the types drawn through a base type or interface.</summary>
    public static TheoryData<string, object> Samples { get; } = new()
    {
        { "Sequential, built", Fixtures.MaskedModel() },
        { "Sequential, not built", new Sequential([new LSTM(3)]) },
        { "ModelSummary", Fixtures.MaskedModel().Summary() },
        { "LSTM that ran", RanLstm() },
        { "LSTM that has not run", new LSTM(3) },
        { "GRU that ran", Ran(new GRU(3, inputShape: [4, 2])) },
        { "SimpleRNN that has not run", new SimpleRNN(3) },
        { "Bidirectional that ran", Ran(new Bidirectional(new LSTM(2), inputShape: [4, 2])) },
        { "Bidirectional that has not run", new Bidirectional(new GRU(2)) },
        { "RecurrentPlan", RanLstm().LastPlan! },
        { "Dense", new Dense(3) },
        { "Embedding", new Embedding(10, 4) },
        { "PaddingReport", PaddingReport.Analyse(Fixtures.Lengths) },
        { "PaddingView", PaddingView.FromLengths(Fixtures.Lengths) },
        { "PaddedSequences", NotebookRnn.Sequences.Sequences.PadSequences(Fixtures.Tokens(), maxLen: 25) },
        { "History", Fixtures.TwoDeviceHistory() },
        { "History[]", new[] { Fixtures.TwoDeviceHistory() } },
        { "List<History>", new List<History> { Fixtures.TwoDeviceHistory("a"), Fixtures.TwoDeviceHistory("b", 0.1) } },
        { "RunSet", History.Compare(Fixtures.TwoDeviceHistory("a"), Fixtures.TwoDeviceHistory("b", 0.1)) },
        { "Tensor", new Tensor(2, 2) },
        { "Device", Device.Cpu(0) },
        { "DeviceSet", DeviceSet.FromCount(2) },
        { "GeneratedText", new GeneratedText("se", "ed", 0.5) },
        { "GeneratedText[]", new[] { new GeneratedText("se", "ed", 0.5) } },
        { "AttentionMap", new Layers.Attention.AttentionMap(["o"], ["a", "b"], new float[,] { { 0.25f, 0.75f } }) },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_value_is_drawn_with_exactly_the_mime_types_listed_for_its_type(string name, object value)
    {
        IReadOnlyList<string> listed = Renderers.MimeTypesOf(value.GetType()) ?? throw new Xunit.Sdk.XunitException($"{name}: no view listed");
        Assert.Equal(listed, Renderers.Render(value, Fixtures.Options())!.MimeTypes);
    }

    [Fact]
    public void Views_list_charts_with_svg_and_tables_without()
    {
        string[] chart = [MimeTypes.Html, MimeTypes.Svg, MimeTypes.PlainText], table = [MimeTypes.Html, MimeTypes.PlainText];
        Assert.Equal(chart, Renderers.MimeTypesOf(typeof(GRU)));
        Assert.Equal(chart, Renderers.MimeTypesOf(typeof(PaddingReport)));
        Assert.Equal(chart, Renderers.MimeTypesOf(typeof(RunSet)));
        Assert.Equal(table, Renderers.MimeTypesOf(typeof(Sequential)));
        Assert.Equal(table, Renderers.MimeTypesOf(typeof(Dense)));
        Assert.Equal(table, Renderers.MimeTypesOf(typeof(GeneratedText[])));
    }

    [Fact]
    public void The_samples_cover_every_type_with_a_view()
    {
        var drawn = Samples.Select(row => Renderers.Views.First(v => v.Type.IsInstanceOfType(row[1])).Type).Distinct();
        Assert.Equal(Renderers.Views.Select(v => v.Type.ToString()).Order(), drawn.Select(t => t.ToString()).Order());
    }

    [Fact]
    public void Other_values_are_left_to_the_notebook()
    {
        Assert.Null(Renderers.Render("text"));
        Assert.Null(Renderers.Render(null));
        Assert.Null(Renderers.Render(new[] { 1, 2 }));
        Assert.Null(Renderers.MimeTypesOf(typeof(string)));
    }

    [Fact]
    public void A_bundle_keeps_its_order_and_refuses_a_second_form_of_a_type()
    {
        var bundle = new MimeBundle().Add(MimeTypes.PlainText, "a").Add(MimeTypes.Html, "<b>a</b>");
        Assert.Equal([MimeTypes.PlainText, MimeTypes.Html], bundle.MimeTypes);
        Assert.Throws<ArgumentException>(() => bundle.Add(MimeTypes.Html, "again"));
        Assert.Contains("has text/plain, text/html", Assert.Throws<KeyNotFoundException>(() => bundle[MimeTypes.Svg]).Message);
    }
}
