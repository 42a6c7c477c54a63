using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace QSim.Qasm.Includes;

/// <summary>Reads source text from files and streams without ever reading more than a limit.</summary>
internal static partial class SourceFile
{
    /// <summary>
    /// The text of a file or stream of at most <paramref name="maxBytes"/> bytes, decoded as UTF-8 unless a byte-order
    /// mark names another Unicode encoding (the mark is dropped), as <see cref="StreamReader"/> decodes it.
    /// </summary>
    /// <exception cref="SourceTooLargeException">There are more bytes than that.</exception>
    public static string ReadText(Stream stream, long maxBytes)
    {
        var (bytes, length) = ReadBytes(stream, maxBytes);
        var (encoding, markLength) = DetectEncoding(bytes.AsSpan(0, length));
        return encoding.GetString(bytes, markLength, length - markLength);
    }

    /// <summary>
    /// Every byte of <paramref name="stream"/>, reading at most one byte past <paramref name="maxBytes"/>. A file that
    /// says how long it is is read into one array of that size; a pipe into an array that doubles as it fills.
    /// </summary>
    private static (byte[] Bytes, int Length) ReadBytes(Stream stream, long maxBytes)
    {
        long capacityLimit = Math.Min(maxBytes + 1, Array.MaxLength);
        long expected = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) + 1 : 1 << 16;
        var buffer = new byte[Math.Min(expected, capacityLimit)];
        int length = 0, read;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length == capacityLimit) throw new SourceTooLargeException(maxBytes);
                Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, capacityLimit));
            }
            if ((read = stream.Read(buffer, length, buffer.Length - length)) == 0) return (buffer, length);
            length += read;
            if (length > maxBytes) throw new SourceTooLargeException(maxBytes);
        }
    }

    private static readonly UTF8Encoding Utf8WithoutMark = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The encoding a byte-order mark names and the mark's length, checked as <see cref="StreamReader"/> checks them; UTF-8 without one.</summary>
    private static (Encoding Encoding, int MarkLength) DetectEncoding(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        [0xFF, 0xFE, 0, 0, ..] => (Encoding.UTF32, 4),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0, 0, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: true), 4),
        _ => (Utf8WithoutMark, 0),
    };

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
