using NotebookRnn.Cli;

return await Nbrnn.MainAsync(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
