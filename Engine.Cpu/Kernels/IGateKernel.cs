using System.Numerics;
using QSim.Cpu.Parallel;

namespace QSim.Cpu.Kernels;

/// <summary>
/// A kernel that applies one prepared matrix over a range of groups. Groups are numbered in index
/// order, so the groups of a block of consecutive amplitudes are a contiguous counter range: that is
/// what lets <see cref="BlockedSweep"/> run a prepared kernel on one block at a time.
/// </summary>
internal interface IGateKernel : IRangeJob
{
    /// <summary>Prepares a dense (or diagonal) matrix on targets where all controls are 1; returns the group count for the whole state.</summary>
    long Prepare(int qubits, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls, bool diagonal);
}
