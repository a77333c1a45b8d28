using System.Diagnostics;
using System.Runtime.ExceptionServices;
using NotebookRnn.Cli.Notebooks;
using NotebookRnn.Notebook;
using NotebookRnn.Notebook.Live;
using NotebookRnn.Notebook.Magics;

namespace NotebookRnn.Cli.Execution;

/// <summary>
/// Runs a notebook's code cells in order in one shared C# state, as a kernel would, with the notebook's folder as
/// working directory. Console output, <c>display(x)</c>, each cell's last expression and magic command outputs become
/// the cell's outputs; the first failing cell stops the run and gets an nbformat <c>error</c> output.
/// </summary>
/// <remarks>
/// Console redirection and the working directory are process-wide, so one notebook runs at a time. While
/// <c>#!rnn-live on</c> is set, training in a cell shows the extension's live view, updated in place; the executed
/// notebook keeps its last frame, the History of the run.
/// </remarks>
internal sealed class NotebookRunner(RenderOptions? renderOptions = null)
{
    private readonly RenderOptions _options = renderOptions ?? RenderOptions.Default;

    /// <summary>Runs <paramref name="notebook"/>, replacing its outputs and execution counts.</summary>
    /// <param name="notebook">The notebook; changed in place.</param>
    /// <param name="name">Its name in cell file paths and progress, e.g. <c>01-variable-length.ipynb</c>.</param>
    /// <param name="workingDirectory">The folder relative paths in the notebook refer to (the notebook's own).</param>
    /// <param name="progress">Told about every cell.</param>
    public async Task<NotebookRunResult> RunAsync(JupyterNotebook notebook, string name, string workingDirectory, IRunProgress progress)
    {
        var watch = Stopwatch.StartNew();
        foreach (NotebookCell cell in notebook.Cells.Where(c => c.IsCode))
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
        }
        progress.NotebookStarted(name, notebook.Cells.Count(c => c.IsCode));
        var run = new Run(_options, name);
        string previousDirectory = Directory.GetCurrentDirectory();
        CellFailure? failure = null;
        try
        {
            Directory.SetCurrentDirectory(workingDirectory);
            using var capture = new ConsoleCapture(() => run.Outputs);
            int codeCell = 0;
            for (int i = 0; i < notebook.Cells.Count && failure is null; i++)
            {
                if (!notebook.Cells[i].IsCode) continue;
                progress.CellStarted(i + 1, ++codeCell);
                var cellWatch = Stopwatch.StartNew();
                failure = await run.CellAsync(notebook.Cells[i], i + 1, codeCell);
                progress.CellFinished(i + 1, cellWatch.Elapsed, failure is null);
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
        }
        progress.NotebookFinished(name, watch.Elapsed, failure is null);
        return new NotebookRunResult(notebook, failure, watch.Elapsed);
    }

    /// <summary>The state of one run: the script session, the magics' settings and the running cell's outputs.</summary>
    private sealed class Run
    {
        private readonly string _name;
        private readonly NotebookSettings _settings;
        private readonly ScriptSession _session;
        private readonly IVariableLookup _variables;

        public Run(RenderOptions options, string name)
        {
            _name = name;
            _settings = new NotebookSettings { Render = options, AppliesDevices = true };
            NotebookRnn.Devices.Default = 1; // each notebook starts on one device, as a fresh kernel does
            _session = new ScriptSession(new ScriptGlobals(() => Outputs, options));
            _variables = new VariableLookup((string variable, out object? value) => _session.TryGetVariable(variable, out value));
        }

        public CellOutputs Outputs { get; private set; } = new();

        public async Task<CellFailure?> CellAsync(NotebookCell cell, int cellNumber, int executionCount)
        {
            Outputs = new CellOutputs();
            cell.ExecutionCount = executionCount;
            string cellPath = $"{_name}, cell {cellNumber}";
            int? partLine = null;
            CellFailure? failure = null;
            try
            {
                CheckLanguage(cell);
                using IDisposable live = LiveTraining.Observe(_session.VariableValues,
                    bundle => new DisplayHandle(Outputs.Display(bundle)), _settings);
                foreach (CellPart part in KernelDirectives.Split(cell.Source))
                {
                    partLine = part.Line;
                    await RunPartAsync(part, cellPath, executionCount);
                }
            }
            catch (Exception error)
            {
                failure = FailureAnalysis.Analyse(error, cellNumber, cellPath, cell.Source, partLine);
                Outputs.Error(new ErrorOutput(failure.ExceptionType, failure.Message,
                    [failure.Location(_name), .. failure.Traceback]));
            }
            cell.Outputs.AddRange(Outputs.ToOutputs());
            return failure;
        }

        private async Task RunPartAsync(CellPart part, string cellPath, int executionCount)
        {
            switch (part)
            {
                case PackagePart:
                    _session.BindNotebookRnn();
                    break;
                case MagicPart magic:
                    RunMagic(magic.CommandLine);
                    break;
                case CodePart code:
                    // Blank lines before the code keep the compiler's and the stack trace's line numbers the cell's own.
                    var (value, error) = await _session.RunAsync(new string('\n', code.Line - 1) + code.Code, cellPath);
                    if (error is not null) ExceptionDispatchInfo.Throw(error);
                    if (value is not null) Outputs.Display(ValueFormatter.Format(value, _settings.Render), executionCount);
                    break;
            }
        }

        private void RunMagic(string commandLine)
        {
            if (!_session.NotebookRnnBound)
                throw new MagicCommandException(
                    $"{commandLine.Split(' ')[0]} comes with the NotebookRnn extension: load it first with #r \"nuget: NotebookRnn\".");
            MagicResult result = MagicCommands.Run(commandLine, _variables, _settings);
            foreach (MimeBundle bundle in result.Displays) Outputs.Display(bundle);
            if (result.Error is not null) throw new MagicCommandException(result.Error);
        }

        private static void CheckLanguage(NotebookCell cell)
        {
            string? language = cell.KernelName;
            if (language is not null && !language.Equals("csharp", StringComparison.OrdinalIgnoreCase) && language != "C#")
                throw new DirectiveException($"This cell is {language}; nbrnn runs C# cells only.", 1);
        }
    }
}
