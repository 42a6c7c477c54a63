// dotnet run --project samples/QaoaMaxCut -c Release [-- STEPS]
using QSim.Samples;

int steps = args.Length > 0 && int.TryParse(args[0], out int s) && s > 0 ? s : 150;
MaxCutQaoa.Run(new QaoaSettings(Steps: steps), MaxCutQaoa.WagnerGraph, Console.Out);
