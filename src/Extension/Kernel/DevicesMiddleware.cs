using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;

namespace NotebookRnn.Notebook.Kernel;

/// <summary>
/// <c>#!rnn-devices --use</c> in the kernel: every code submission runs inside a <see cref="NotebookRnn.Devices.Devices.Use"/>
/// scope of the devices the notebook requested (<see cref="NotebookSettings.UseDevices"/>), so models compiled in it
/// without <c>devices:</c> train on them, while other notebooks and code in the same process keep their own default.
/// </summary>
internal static class DevicesMiddleware
{
    /// <summary>Adds the middleware to <paramref name="csharp"/>.</summary>
    public static void Add(CSharpKernel csharp, NotebookSettings settings) =>
        csharp.AddMiddleware(async (command, context, next) =>
        {
            using IDisposable? devices = command is SubmitCode ? settings.UseDevices() : null;
            await next(command, context);
        });
}
