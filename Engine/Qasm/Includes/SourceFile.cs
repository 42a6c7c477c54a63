using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace QSim.Qasm.Includes;

/// <summary>Reads source text from files and streams without ever reading more than a limit.</summary>
internal static partial class SourceFile
{
    /// <summary>
    /// The text of a file or stream of at most <paramref name="maxBytes"/> bytes, decoded as UTF-8 unless a byte-order
    /// mark names another Unicode encoding (the mark is dropped).
    /// </summary>
    /// <exception cref="SourceTooLargeException">There are more bytes than that.</exception>
    public static string ReadText(Stream stream, long maxBytes)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) throw new SourceTooLargeException(maxBytes);
        }
        buffer.Position = 0;
        using var reader = new StreamReader(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Reads the file at <paramref name="path"/>, which must be a regular file (not a device, pipe or folder).</summary>
    /// <exception cref="SourceTooLargeException">It holds more than <paramref name="maxBytes"/> bytes.</exception>
    /// <exception cref="IOException">It cannot be read, or is not a regular file.</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    public static string ReadRegularFile(string path, long maxBytes)
    {
        // Opening a FIFO blocks until a writer comes, and a device never ends: look before opening.
        if (!IsRegularFile(path)) throw new IOException("it is not a regular file");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return ReadText(stream, maxBytes);
    }

    /// <summary>
    /// True when <paramref name="path"/> names a regular file (links followed). On Unix this asks the runtime's own
    /// native layer for the file type, which managed APIs do not expose; where that is missing it falls back to
    /// "exists and is not a folder", and the size limit of the read still bounds a device.
    /// </summary>
    public static bool IsRegularFile(string path)
    {
        if (OperatingSystem.IsWindows())
            return File.Exists(path) && (File.GetAttributes(path) & (FileAttributes.Directory | FileAttributes.Device)) == 0;
        try
        {
            if (Stat(path, out var status) != 0) return false;
            return (status.Mode & FileTypeMask) == RegularFile;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return File.Exists(path);
        }
    }

    private const int FileTypeMask = 0xF000, RegularFile = 0x8000;

    /// <summary>The start of the runtime's <c>FileStatus</c> (pal_io.h: Flags, then Mode with POSIX S_IF* bits), padded past its full size.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FileStatusPrefix
    {
        public int Flags;
        public int Mode;
        public Padding Rest;
    }

    [InlineArray(64)]
    private struct Padding
    {
        private long _element;
    }

    // int32_t SystemNative_Stat(const char* path, FileStatus* output): stat(2) as .NET's own file APIs call it; 0 or -1.
    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, out FileStatusPrefix status);
}

/// <summary>A source is larger than the front end reads.</summary>
internal sealed class SourceTooLargeException(long maxBytes)
    : IOException($"it is larger than {maxBytes / (1 << 20)} MiB, the most source QSim reads for one program")
{
    public long MaxBytes { get; } = maxBytes;
}
