namespace NotebookRnn.Notebook.Magics;

/// <summary>
/// <c>#!rnn-live [on|off]</c>: turns the live training view on (default) or off. While on, a <c>Fit</c> in a later
/// cell shows one output that updates in place (<see cref="NotebookRnn.Notebook.Live.LiveTraining"/>).
/// </summary>
internal static class LiveMagic
{
    public static MagicInfo Info { get; } = new("#!rnn-live",
        "#!rnn-live [on|off]",
        "Turns the live training view on or off: progress and per-device curves update in place while Fit runs.",
        [new("--mode", Implicit: true, Required: false, "on|off; default on")]);

    public static MagicResult Run(RnnLiveCommand command, IVariableLookup variables, NotebookSettings settings) =>
        MagicResult.Of(Info, () =>
        {
            settings.LiveTraining = (command.Mode ?? LiveMode.On) == LiveMode.On;
            string text = settings.LiveTraining
                ? "Live training view on: Fit in later cells shows progress and per-device curves, updated at most twice a second."
                : "Live training view off.";
            return MagicResult.Show(new MimeBundle()
                .Add(MimeTypes.Html, $"<div class=\"nbrnn-view nbrnn-live-setting\">{Html.Escape(text)}</div>")
                .Add(MimeTypes.PlainText, text + "\n"));
        });
}
