using Microsoft.DotNet.Interactive.Events;
using NotebookRnn.Notebook.Kernel.Tests.Hosting;

namespace NotebookRnn.Notebook.Kernel.Tests.Formatting;

/// <summary>
/// The formatters the extension registers: a value of every type of <c>Renderers.Views</c>, returned by a cell or passed
/// to <c>display(…)</c>, shows every form of our view, with exactly the MIME types the view lists for its type.
/// </summary>
[Collection(KernelTests.Name)]
public class FormatterTests(Kernels kernels)
{
    private NotebookSession Session => kernels.Shared;

    /// <summary>A value of each drawn type (the case's name), as a C# expression, and the kind of view that draws it.</summary>
    public static TheoryData<string, string, string> Values { get; } = new()
    {
        { "Sequential, built", "MaskedModel()", "summary" },
        { "Sequential, not built", "new Sequential([new LSTM(3)], name: \"unbuilt\")", "summary" },
        { "Model, functional", "Seq2Seq()", "summary" },
        { "ModelSummary", "MaskedModel().Summary()", "summary" },
        { "ModelSummary, functional", "Seq2Seq().Summary()", "summary" },
        { "LSTM that ran", "(LSTM)TrainedModel().Layers[1]", "unroll" },
        { "LSTM that has not run", "new LSTM(3)", "unroll" },
        { "GRU that ran", "Ran(new GRU(3, inputShape: [4, 2]))", "unroll" },
        { "GRU that has not run", "new GRU(3)", "unroll" },
        { "SimpleRNN that ran", "Ran(new SimpleRNN(3, inputShape: [4, 2]))", "unroll" },
        { "SimpleRNN that has not run", "new SimpleRNN(3)", "unroll" },
        { "Bidirectional that ran", "Ran(new Bidirectional(new LSTM(2), inputShape: [4, 2]))", "unroll" },
        { "Bidirectional that has not run", "new Bidirectional(new GRU(2))", "unroll" },
        { "RecurrentPlan", "((LSTM)TrainedModel().Layers[1]).LastPlan", "unroll" },
        { "Dense", "new Dense(3)", "layer" },
        { "Embedding, built", "MaskedModel().Layers[0]", "layer" },
        { "PaddingReport", "PaddingReport.Analyse(lengths)", "padding" },
        { "PaddingView", "PaddingView.FromLengths(lengths, 20)", "padding" },
        { "PaddedSequences", "Sequences.PadSequences(Tokens(), maxLen: 25)", "padding" },
        { "History", "TwoDeviceHistory()", "history" },
        { "History[]", "new[] { TwoDeviceHistory(\"a\"), TwoDeviceHistory(\"b\", 0.1) }", "history-comparison" },
        { "List<History>", "new List<History> { TwoDeviceHistory(\"a\"), TwoDeviceHistory(\"b\", 0.1) }", "history-comparison" },
        { "RunSet", "History.Compare(TwoDeviceHistory(\"a\"), TwoDeviceHistory(\"b\", 0.1))", "history-comparison" },
        { "Tensor", "new Tensor([1, 2, 3, 4, 5, 6], 2, 3)", "tensor" },
        { "Device", "Device.Cpu(1)", "devices" },
        { "DeviceSet", "DeviceSet.FromCount(2)", "devices" },
        { "GeneratedText", "new GeneratedText(\"the se\", \"ed grew\", 0.5)", "generated" },
        { "GeneratedText[]", "new[] { new GeneratedText(\"ab\", \"cd\", 0.2), new GeneratedText(\"ab\", \"ce\", 1.2) }", "generated" },
        { "AttentionMap", "new AttentionMap([\"o\"], [\"a\", \"b\"], new float[,] { { 0.25f, 0.75f } })", "attention" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task A_returned_value_shows_every_form_of_our_view(string name, string expression, string kind)
    {
        var (view, mimeTypes) = await ExpectedAsync(expression);
        ReturnValueProduced returned = (await Session.RunSucceedingAsync("value")).ReturnValue;
        AssertShows(returned, view, mimeTypes, kind, name);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public async Task A_displayed_value_shows_every_form_of_our_view(string name, string expression, string kind)
    {
        var (view, mimeTypes) = await ExpectedAsync(expression);
        Cell cell = await Session.RunSucceedingAsync("display(value);");
        Assert.Empty(cell.Events.OfType<ReturnValueProduced>());
        AssertShows(cell.Display, view, mimeTypes, kind, name);
    }

    [Fact]
    public async Task Every_type_with_a_view_has_a_value_here()
    {
        string values = string.Join(", ", Values.Select(row => (string)row[1]));
        string drawn = await Session.EvaluateAsync<string>($$"""
            string.Join(", ", new object[] { {{values}} }
                .Select(v => Renderers.Views.First(view => view.Type.IsInstanceOfType(v)).Type.ToString()).Distinct().Order())
            """);
        string all = await Session.EvaluateAsync<string>("string.Join(\", \", Renderers.Views.Select(view => view.Type.ToString()).Order())");
        Assert.Equal(all, drawn);
        Assert.Equal(17, all.Split(", ").Length);
    }

    [Theory]
    [InlineData("new MimeBundle().Add(\"text/html\", \"<b>bold</b>\").Add(\"text/plain\", \"bold\")", "<b>bold</b>", "bold")]
    [InlineData("new MimeBundle().Add(\"text/plain\", \"a < b\")", "a &lt; b", "a < b")]
    [InlineData("new MimeBundle().Add(\"image/svg+xml\", \"<svg/>\").Add(\"text/html\", \"<i>i</i>\").Add(\"text/plain\", \"i\")", "<i>i</i>", "i")]
    public async Task A_mime_bundle_shows_its_html_and_its_text(string expression, string html, string text)
    {
        await Session.RunSucceedingAsync($"var bundle = {expression};");
        ReturnValueProduced returned = (await Session.RunSucceedingAsync("bundle")).ReturnValue;
        DisplayedValueProduced displayed = (await Session.RunSucceedingAsync("display(bundle);")).Display;
        foreach (DisplayEvent output in new DisplayEvent[] { returned, displayed })
        {
            Assert.Equal(["text/html", "text/plain"], output.MimeTypes());
            Assert.Equal(html, output.Html());
            Assert.Equal(text, output.PlainText());
        }
    }

    // Declares `value` in the kernel and returns our view of it and the MIME types Renderers lists for its type.
    private async Task<((string, string)[] View, IReadOnlyList<string> MimeTypes)> ExpectedAsync(string expression)
    {
        await Session.RunSucceedingAsync($"object value = {expression};");
        var view = await Session.EvaluateAsync<(string, string)[]>("ViewOf(value)");
        var mimeTypes = await Session.EvaluateAsync<IReadOnlyList<string>>("Renderers.MimeTypesOf(value.GetType())");
        return (view, mimeTypes);
    }

    private static void AssertShows(DisplayEvent output, (string MimeType, string Content)[] view, IReadOnlyList<string> mimeTypes,
        string kind, string name)
    {
        Assert.True(mimeTypes.SequenceEqual(output.MimeTypes()), $"{name}: {string.Join(", ", output.MimeTypes())}");
        output.AssertIsView(view);
        Assert.Contains($"<div class=\"nbrnn-view nbrnn-{kind}\">", output.Html());
    }
}
