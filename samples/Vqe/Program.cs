// dotnet run --project samples/Vqe -c Release [-- STEPS]
using QSim.Samples;

int steps = args.Length > 0 && int.TryParse(args[0], out int s) && s > 0 ? s : 400;
TfimVqe.Run(new VqeSettings(Steps: steps), Console.Out);
