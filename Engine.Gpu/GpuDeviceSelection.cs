using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace QSim.Gpu;

/// <summary>Which kind of GPU the backend may use.</summary>
public enum GpuDevicePreference
{
    /// <summary>CUDA first, then an OpenCL GPU.</summary>
    Auto,
    /// <summary>Only a CUDA device.</summary>
    Cuda,
    /// <summary>Only an OpenCL GPU.</summary>
    OpenCL,
}

/// <summary>No usable GPU: the message names what was found instead (for the CLI to print).</summary>
public sealed class GpuUnavailableException(string message, Exception? inner = null) : InvalidOperationException(message, inner);

/// <summary>Finds a device by preference, and describes what there is when none fits.</summary>
internal static class GpuDeviceSelection
{
    /// <summary>The first usable device in preference order, or null with a description of what was found.</summary>
    public static Device? Pick(Context context, GpuDevicePreference preference, out string found)
    {
        var cuda = new List<CudaDevice>();
        foreach (var d in context.GetCudaDevices()) cuda.Add(d);
        var openCl = new List<CLDevice>();
        foreach (var d in context.GetCLDevices()) openCl.Add(d);
        var openClGpus = openCl.Where(d => d.DeviceType.HasFlag(CLDeviceType.CL_DEVICE_TYPE_GPU)).ToList();
        found = $"CUDA: {Describe(cuda.Select(d => d.Name))}; OpenCL: {Describe(openCl.Select(d => $"{d.Name} ({d.DeviceType})"))}";
        IEnumerable<Device> candidates = preference switch
        {
            GpuDevicePreference.Cuda => cuda,
            GpuDevicePreference.OpenCL => openClGpus,
            _ => cuda.Cast<Device>().Concat(openClGpus),
        };
        return candidates.FirstOrDefault();
    }

    private static string Describe(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "no device" : string.Join(", ", list);
    }
}
