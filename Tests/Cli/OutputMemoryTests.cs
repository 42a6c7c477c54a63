using QSim.Backends;
using static QSim.Tests.Cli.CliHarness;

namespace QSim.Tests.Cli;

/// <summary>The memory guard covers what a run will allocate for its outputs, not only the state.</summary>
public class OutputMemoryTests
{
    [Test]
    public void StateVectorOutput_ThatWouldNotFitBesideTheState_IsRefusedBeforeAnythingIsAllocated()
    {
        // The largest complex64 state that fits here: its host copy (16 bytes per amplitude) then cannot fit beside it.
        long available = MemoryGuard.AvailableHostBytes();
        int qubits = (int)Math.Floor(Math.Log2(available / 8.0));
        string qasm = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n" + $"qreg q[{qubits}];\nh q[0];\n";

        var result = RunWithStdin(qasm, "run", "-", "-o", "statevector", "--precision", "single");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.StartWith($"error: Printing the state vector of {qubits} qubits").And.Contain("is available in host memory"));
        Assert.That(result.Out, Is.Empty);
    }
}
