namespace NotebookRnn.Cli.Execution;

/// <summary>Receives the progress of a run: notebooks and their code cells as they start and finish.</summary>
internal interface IRunProgress
{
    /// <summary>A notebook with <paramref name="codeCells"/> code cells starts.</summary>
    void NotebookStarted(string name, int codeCells);

    /// <summary>The <paramref name="codeCell"/>-th code cell (from 1), notebook cell <paramref name="cellNumber"/>, starts.</summary>
    void CellStarted(int cellNumber, int codeCell);

    /// <summary>The cell that started last finished, or failed.</summary>
    void CellFinished(int cellNumber, TimeSpan elapsed, bool succeeded);

    /// <summary>The notebook finished, or stopped at a failing cell.</summary>
    void NotebookFinished(string name, TimeSpan elapsed, bool succeeded);
}
