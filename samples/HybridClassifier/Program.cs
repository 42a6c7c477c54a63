// dotnet run --project samples/HybridClassifier -c Release [-- EPOCHS]
using QSim.Samples;

int epochs = args.Length > 0 && int.TryParse(args[0], out int e) && e > 0 ? e : 60;
HybridClassifier.Train(new HybridClassifierSettings(Epochs: epochs), Console.Out);
