using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using NotebookRnn.Notebook.Live;

namespace NotebookRnn.Notebook.Kernel;

/// <summary>
/// <c>#!rnn-live</c> in the kernel: while it is on, every model among the notebook's variables when a code submission
/// starts shows one live output below that cell if the code trains it (<see cref="LiveTraining.Observe"/>).
/// </summary>
internal static class LiveTrainingMiddleware
{
    /// <summary>Adds the middleware to <paramref name="csharp"/>.</summary>
    public static void Add(CSharpKernel csharp, KernelVariables variables, NotebookSettings settings) =>
        csharp.AddMiddleware(async (command, context, next) =>
        {
            if (command is not SubmitCode || !settings.LiveTraining)
            {
                await next(command, context);
                return;
            }
            using IDisposable views = LiveTraining.Observe(variables.Values, bundle => KernelOutput.Display(context, bundle), settings);
            await next(command, context);
        });
}
