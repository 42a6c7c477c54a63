using QSim.Cli;

// Composition only: the real console goes into the app; everything else lives in Commands/ and Output/.
return QsimApp.Run(args, new CliConsole(Console.Out, Console.Error, Console.In, ErrorIsTerminal: !Console.IsErrorRedirected));
