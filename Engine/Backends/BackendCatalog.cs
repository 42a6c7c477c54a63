using System.Diagnostics.CodeAnalysis;

namespace QSim.Backends;

/// <summary>Settings a backend may take when it is opened by name (each backend uses those that apply to it).</summary>
public sealed record BackendSettings
{
    /// <summary>Threads of a CPU backend (null: every core).</summary>
    public int? Threads { get; init; }
}

/// <summary>One kind of backend that a <see cref="BackendCatalog"/> opens by name. Each backend ships its provider.</summary>
public abstract class BackendProvider
{
    /// <summary>The name users choose it by (e.g. "cpu").</summary>
    public abstract string Name { get; }

    /// <summary>One line for help texts (e.g. "GPU kernels on CUDA, then OpenCL").</summary>
    public abstract string Description { get; }

    /// <summary>Opens the backend, or says why it cannot be opened on this machine (no device, no driver). Settings that do not apply to it are ignored.</summary>
    public abstract bool TryCreate(BackendSettings settings, [NotNullWhen(true)] out IBackend? backend, out string reason);
}

/// <summary>A backend of the catalog could not be opened; the message says what was found.</summary>
public sealed class BackendUnavailableException(string message) : InvalidOperationException(message);

/// <summary>What <see cref="BackendCatalog.DescribeAuto"/> found.</summary>
/// <param name="Name">The backend <c>auto</c> opens here.</param>
/// <param name="Device">Its description (<see cref="IBackend.Description"/>).</param>
/// <param name="AvailableBytes">Memory its states may take.</param>
/// <param name="Capabilities">What it tells the optimizer.</param>
/// <param name="Skipped">For each preferred backend that could not be opened, why (empty when the first one opened).</param>
public sealed record BackendChoice(string Name, string Device, long AvailableBytes, BackendCapabilities Capabilities,
    IReadOnlyList<(string Backend, string Reason)> Skipped);

/// <summary>
/// Backend selection by name, a library service that the command line and library users share: each provider's name opens
/// that backend, and <see cref="Auto"/> opens the first provider, in the catalog's order of preference, that this machine
/// can run (e.g. a GPU when there is one, else the CPU). Adding a backend to an application is one provider in its catalog
/// (docs/backends.md).
/// </summary>
public sealed class BackendCatalog
{
    /// <summary>The name that picks the first backend this machine can run.</summary>
    public const string Auto = "auto";

    private readonly BackendProvider[] _providers;

    /// <summary>A catalog of <paramref name="providers"/>, most preferred first (what <see cref="Auto"/> tries in order).</summary>
    /// <exception cref="ArgumentException">There is none, or two share a name, or one is named <see cref="Auto"/>.</exception>
    public BackendCatalog(IEnumerable<BackendProvider> providers)
    {
        _providers = [.. providers];
        if (_providers.Length == 0) throw new ArgumentException("A catalog needs at least one backend.", nameof(providers));
        var names = _providers.Select(p => p.Name).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count || names.Contains(Auto))
            throw new ArgumentException($"Backend names must be distinct and not '{Auto}': {string.Join(", ", names)}.", nameof(providers));
    }

    /// <summary>The names <see cref="Create"/> accepts: every provider's, then <see cref="Auto"/>.</summary>
    public IReadOnlyList<string> Names => [.. _providers.Select(p => p.Name), Auto];

    /// <summary>The providers, most preferred first.</summary>
    public IReadOnlyList<BackendProvider> Providers => _providers;

    /// <summary>
    /// Opens the backend named <paramref name="name"/>. With <see cref="Auto"/>, each preferred backend that cannot be opened
    /// is skipped with one line to <paramref name="notes"/> saying why and what is used instead.
    /// </summary>
    /// <exception cref="ArgumentException">No backend has that name.</exception>
    /// <exception cref="BackendUnavailableException">The named backend (or, for auto, every backend) cannot be opened here.</exception>
    public IBackend Create(string name, BackendSettings? settings = null, TextWriter? notes = null)
    {
        settings ??= new BackendSettings();
        if (name != Auto)
        {
            var provider = _providers.FirstOrDefault(p => p.Name == name)
                ?? throw new ArgumentException($"Unknown backend '{name}'; choose one of {string.Join(", ", Names)}.", nameof(name));
            return provider.TryCreate(settings, out var backend, out string reason) ? backend : throw new BackendUnavailableException(reason);
        }
        var skipped = new List<string>();
        foreach (var provider in _providers)
        {
            if (provider.TryCreate(settings, out var backend, out string reason))
            {
                if (skipped.Count > 0) notes?.WriteLine($"qsim: {string.Join(" ", skipped)} Using the {provider.Name.ToUpperInvariant()} backend.");
                return backend;
            }
            skipped.Add(reason);
        }
        throw new BackendUnavailableException($"No backend could be opened: {string.Join(" ", skipped)}");
    }

    /// <summary>What <see cref="Auto"/> opens on this machine, and why it passed over the backends before it.</summary>
    /// <exception cref="BackendUnavailableException">No backend can be opened.</exception>
    public BackendChoice DescribeAuto()
    {
        var skipped = new List<(string, string)>();
        foreach (var provider in _providers)
        {
            if (provider.TryCreate(new BackendSettings(), out var backend, out string reason))
                using (backend)
                    return new BackendChoice(provider.Name, backend.Description, backend.AvailableBytes, backend.Capabilities, skipped);
            skipped.Add((provider.Name, reason));
        }
        throw new BackendUnavailableException($"No backend could be opened: {string.Join(" ", skipped.Select(s => s.Item2))}");
    }
}
