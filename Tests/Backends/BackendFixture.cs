using QSim.Backends;

namespace QSim.Tests.Backends;

/// <summary>
/// Base of the fixtures that run once per backend configuration (see <see cref="BackendConfigurations"/>):
/// the backend is created before the fixture's tests and disposed after them. A configuration that cannot
/// run here (a real GPU on a machine without one) is ignored while creating, and leaves nothing to dispose.
/// </summary>
public abstract class BackendFixture(string configuration)
{
    /// <summary>The backend of this fixture's configuration.</summary>
    protected IBackend Backend { get; private set; } = null!;

    [OneTimeSetUp] public void CreateBackend() => Backend = BackendConfigurations.Create(configuration);

    [OneTimeTearDown] public void DisposeBackend() => Backend?.Dispose();
}
