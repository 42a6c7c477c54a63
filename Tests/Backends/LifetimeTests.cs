using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Execution;
using QSim.Observables;

namespace QSim.Tests.Backends;

/// <summary>
/// Safe lifetimes: after Dispose every member of a state, backend or estimator throws ObjectDisposedException; a call made
/// while another thread is in one throws InvalidOperationException; Dispose during work waits for the call in flight, and
/// nothing touches freed memory or hangs.
/// </summary>
public sealed class LifetimeTests
{
    private static readonly Action<IStateVector, IStateVector>[] EveryStateMember =
    [
        (s, _) => s.SetBasisState(1),
        (s, _) => s.ApplyMatrix([0], [0, 1, 1, 0], []),
        (s, _) => s.ApplyDiagonal([0], [1, -1], []),
        (s, _) => s.ProbabilityOfOne(0),
        (s, _) => s.Collapse(0, 0),
        (s, _) => s.GetProbabilities(new double[s.Length]),
        (s, _) => s.Sample([0.5], new long[1]),
        (s, _) => s.GetAmplitudes(new Complex[2]),
        (s, _) => s.SetAmplitudes(new Complex[s.Length]),
        (s, o) => s.CopyFrom(o),
        (s, o) => o.CopyFrom(s),
        (s, o) => s.InnerProduct(o),
        (s, o) => o.InnerProduct(s),
        (s, _) => s.NormSquared(),
        (s, _) => s.ExpectationPauli(1, 2),
        (s, _) => s.ApplySweep([new MatrixApplication([0], [], [0, 1, 1, 0], false)], 3),
        (s, _) => s.SwapQubits([0], [1]),
        (s, _) => s.ExpectationPauliGroup(1, [0], [1.0]),
        (s, o) => s.AddPauliGroup(o, 1, [0], [1.0]),
        (s, o) => o.AddPauliGroup(s, 1, [0], [1.0]),
        (s, o) => s.MatrixElement(o, [0], [1, 0, 0, 1], []),
        (s, o) => o.MatrixElement(s, [0], [1, 0, 0, 1], []),
        (s, o) => s.MatrixElements(o, [new MatrixApplication([0], [], [1, 0, 0, 1], false)], 3, new Complex[1]),
        (s, o) => s.ApplySweepThenMatrixElements([o], [], [new MatrixApplication([0], [], [1, 0, 0, 1], false)], 3, new Complex[1]),
    ];

    private static IEnumerable<TestCaseData> Members() =>
        from configuration in new[] { "Scalar/2", BackendConfigurations.GpuOnCpuAccelerator }
        from member in Enumerable.Range(0, EveryStateMember.Length)
        select new TestCaseData(configuration, member).SetArgDisplayNames(configuration, $"member{member}");

    [TestCaseSource(nameof(Members))]
    public void DisposedState_EveryMember_ThrowsObjectDisposed_EitherSide(string configuration, int member)
    {
        using var backend = BackendConfigurations.Create(configuration);
        using var live = backend.CreateState(6, Precision.Double);
        var disposed = backend.CreateState(6, Precision.Double);
        disposed.Dispose();
        disposed.Dispose(); // twice is harmless
        Assert.That(() => EveryStateMember[member](disposed, live), Throws.TypeOf<ObjectDisposedException>());
    }

    [TestCase("Scalar/2")]
    [TestCase(BackendConfigurations.GpuOnCpuAccelerator)]
    public void DisposedBackend_CreatesNoState_AndItsStatesStopWorking(string configuration)
    {
        var backend = BackendConfigurations.Create(configuration);
        var state = backend.CreateState(8, Precision.Single);
        backend.Dispose();
        Assert.That(() => backend.CreateState(8, Precision.Single), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => state.ApplyMatrix([0], [0, 1, 1, 0], []), Throws.TypeOf<ObjectDisposedException>());
        state.Dispose();
    }

    [Test]
    public void State_UsedFromTwoThreadsAtOnce_ThrowsInvalidOperation_AndStaysUsable()
    {
        using var backend = new CpuBackend(new CpuBackendOptions { Threads = 1 });
        using var state = backend.CreateState(20, Precision.Double);
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        // The threads start each call together (a pass over 2^20 amplitudes takes about a millisecond), until one collides.
        using var start = new Barrier(4);
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                start.SignalAndWait();
                if (!failures.IsEmpty) break;
                try
                {
                    state.ApplyMatrix([i % 20], [0, 1, 1, 0], []);
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            }
            start.RemoveParticipant();
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) Assert.That(thread.Join(TimeSpan.FromMinutes(2)), Is.True, "a thread hung");
        Assert.That(failures, Is.Not.Empty, "four threads on one state collide");
        Assert.That(failures.All(e => e is InvalidOperationException), string.Join("; ", failures.Select(e => e.GetType().Name).Distinct()));
        Assert.That(state.NormSquared(), Is.EqualTo(1).Within(1e-12), "the state is intact");
    }

    [Test]
    public void State_DisposedWhileAnotherThreadWorks_EndsThatWorkWithAnExceptionAndNoHang()
    {
        for (int run = 0; run < 10; run++)
        {
            using var backend = new CpuBackend(new CpuBackendOptions { Threads = 2 });
            var state = backend.CreateState(20, Precision.Double);
            var seen = DisposeDuringWork(() =>
            {
                for (int i = 0; i < 1000; i++) state.ApplyMatrix([i % 20], [0, 1, 1, 0], []);
            }, state.Dispose, TimeSpan.FromMilliseconds(run * 3));
            Assert.That(seen, Is.Null.Or.TypeOf<ObjectDisposedException>());
        }
    }

    [Test]
    public void Backend_DisposedWhileAnotherThreadRunsACircuit_EndsThatRunWithAnExceptionAndNoHang()
    {
        var circuit = new Circuit(18);
        for (int layer = 0; layer < 40; layer++)
            for (int q = 0; q < 18; q++) circuit.H(q).CX(q, (q + 1) % 18);
        for (int run = 0; run < 10; run++)
        {
            var backend = new CpuBackend(new CpuBackendOptions { Threads = 2, ParallelThresholdQubits = 2 });
            var seen = DisposeDuringWork(() =>
            {
                using var state = new Simulator(backend, optimizationLevel: 0).FinalState(circuit);
            }, backend.Dispose, TimeSpan.FromMilliseconds(run * 5));
            Assert.That(seen, Is.Null.Or.TypeOf<ObjectDisposedException>());
        }
    }

    [Test]
    public void Estimator_AfterDispose_ThrowsObjectDisposed_AndFromManyThreadsThrowsInvalidOperation()
    {
        using var backend = new CpuBackend(new CpuBackendOptions { Threads = 1 });
        var circuit = Ansatz.HardwareEfficient(14, 4);
        var rows = new double[2, circuit.Symbols.Count];
        var estimator = new Estimator(backend).Compile(circuit, [Hamiltonians.TransverseFieldIsing(14)]);
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            try
            {
                estimator.EvaluateWithGradient(rows);
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        });
        Assert.That(failures, Is.Not.Empty);
        Assert.That(failures.All(e => e is InvalidOperationException), string.Join("; ", failures.Select(e => e.GetType().Name).Distinct()));
        estimator.Dispose();
        Assert.That(() => estimator.Evaluate(rows), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => estimator.EvaluateWithGradient(rows), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => estimator.EvaluateSampled(rows, 10, 1), Throws.TypeOf<ObjectDisposedException>());
    }

    [Test]
    public void Estimator_DisposedDuringAGradient_StopsItWithObjectDisposed()
    {
        using var backend = new CpuBackend(new CpuBackendOptions { Threads = 1 });
        var circuit = Ansatz.HardwareEfficient(16, 8);
        var rows = new double[8, circuit.Symbols.Count];
        var estimator = new Estimator(backend, new EstimatorOptions { MaxParallelRows = 1 }).Compile(circuit, [Hamiltonians.TransverseFieldIsing(16)]);
        var seen = DisposeDuringWork(() => estimator.EvaluateWithGradient(rows, GradientMethod.ParameterShift), estimator.Dispose, TimeSpan.FromMilliseconds(200));
        Assert.That(seen, Is.TypeOf<ObjectDisposedException>());
    }

    /// <summary>Runs <paramref name="work"/> on a thread, disposes after <paramref name="delay"/>, and returns what the work threw (null if it finished first); fails if it hangs.</summary>
    private static Exception? DisposeDuringWork(Action work, Action dispose, TimeSpan delay)
    {
        Exception? seen = null;
        var worker = new Thread(() =>
        {
            try
            {
                work();
            }
            catch (Exception e)
            {
                seen = e;
            }
        });
        worker.Start();
        Thread.Sleep(delay);
        dispose();
        Assert.That(worker.Join(TimeSpan.FromMinutes(2)), Is.True, "the work hung after Dispose");
        return seen;
    }
}
