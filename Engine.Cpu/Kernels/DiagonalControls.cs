using System.Numerics;

namespace QSim.Cpu.Kernels;

/// <summary>
/// Turns the identity part of a diagonal gate into controls. When every entry where target t is 0 is exactly 1,
/// the gate acts only where t is 1: t becomes a control and the diagonal keeps its t = 1 half. CZ and Z shrink to
/// a phase on no target at all, CP, S, T and CRZ to fewer targets; a pass then visits only the groups where the
/// new controls are 1 (a quarter of the state for a CZ on two high qubits) instead of multiplying the rest by 1.
/// </summary>
internal sealed class DiagonalControls
{
    private readonly int[] _targets = new int[StateVectorLimits.MaxTargets];
    private readonly Complex[] _diagonal = new Complex[1 << StateVectorLimits.MaxTargets];
    private readonly int[] _controls = new int[StateVectorLimits.MaxQubits];
    private int _targetCount, _controlCount;

    /// <summary>The targets left after <see cref="Peel"/>.</summary>
    public ReadOnlySpan<int> Targets => _targets.AsSpan(0, _targetCount);

    /// <summary>The diagonal on <see cref="Targets"/>.</summary>
    public ReadOnlySpan<Complex> Diagonal => _diagonal.AsSpan(0, 1 << _targetCount);

    /// <summary>The gate's controls, then the targets that became controls.</summary>
    public ReadOnlySpan<int> Controls => _controls.AsSpan(0, _controlCount);

    /// <summary>Rewrites a (validated) diagonal gate; the result is read from the properties until the next call.</summary>
    public void Peel(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> diagonal, ReadOnlySpan<int> controls)
    {
        targets.CopyTo(_targets);
        diagonal.CopyTo(_diagonal);
        controls.CopyTo(_controls);
        _targetCount = targets.Length;
        _controlCount = controls.Length;
        for (int t = _targetCount - 1; t >= 0; t--)
        {
            if (!IdentityWhereZero(t)) continue;
            _controls[_controlCount++] = _targets[t];
            KeepOneHalf(t);
        }
    }

    private bool IdentityWhereZero(int target)
    {
        for (int i = 0; i < 1 << _targetCount; i++)
            if ((i >> target & 1) == 0 && _diagonal[i] != Complex.One) return false;
        return true;
    }

    /// <summary>Drops target <paramref name="target"/>, keeping the entries where its bit is 1, in index order.</summary>
    private void KeepOneHalf(int target)
    {
        int kept = 0;
        for (int i = 0; i < 1 << _targetCount; i++)
            if ((i >> target & 1) != 0) _diagonal[kept++] = _diagonal[i];
        for (int t = target; t < _targetCount - 1; t++) _targets[t] = _targets[t + 1];
        _targetCount--;
    }
}
