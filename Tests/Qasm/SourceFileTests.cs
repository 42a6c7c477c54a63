using System.Text;
using QSim.Numerics;
using QSim.Qasm.Includes;

namespace QSim.Tests.Qasm;

/// <summary>Reading source bytes: decoded exactly as <see cref="StreamReader"/> decodes them, and never past the size limit.</summary>
public class SourceFileTests
{
    private static IEnumerable<TestCaseData> Encodings()
    {
        string text = "OPENQASM 2.0; // é, π, 𝄞\nqreg q[1];\n";
        yield return Case("utf-8", Encoding.UTF8.GetBytes(text));
        yield return Case("utf-8 with mark", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        yield return Case("utf-16 little endian", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)]);
        yield return Case("utf-16 big endian", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)]);
        yield return Case("utf-32 little endian", [0xFF, 0xFE, 0, 0, .. Encoding.UTF32.GetBytes(text)]);
        yield return Case("utf-32 big endian", [0, 0, 0xFE, 0xFF, .. new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetBytes(text)]);
        yield return Case("invalid bytes", [(byte)'h', 0xC3, 0x28, 0xFF, (byte)'q', 0xE2, 0x82, (byte)';']);
        yield return Case("truncated sequence at the end", [(byte)'h', (byte)' ', 0xE2, 0x82]);
        yield return Case("utf-16 mark alone", [0xFF, 0xFE]);
        yield return Case("utf-32 mark alone", [0xFF, 0xFE, 0, 0]);
        yield return Case("half a mark", [0xEF, 0xBB]);
        yield return Case("one byte", [0xEF]);
        yield return Case("empty", []);
        yield return Case("two utf-8 marks", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, (byte)'x']);
    }

    private static TestCaseData Case(string name, byte[] bytes) => new TestCaseData(bytes).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Encodings))]
    public void ReadText_AnyEncoding_DecodesAsStreamReaderDoes(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        string expected = reader.ReadToEnd();

        Assert.That(SourceFile.ReadText(new MemoryStream(bytes), 1 << 20), Is.EqualTo(expected));
        Assert.That(SourceFile.ReadText(new PipeLikeStream(bytes), 1 << 20), Is.EqualTo(expected));
    }

    [Test]
    public void ReadText_LargePipe_ReadsEveryByte()
    {
        var rng = new SeededRandom(42);
        var text = new StringBuilder();
        while (text.Length < 300_000) text.Append(rng.NextDouble() < 0.1 ? "π" : "h q[0];\n");
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());

        Assert.That(SourceFile.ReadText(new PipeLikeStream(bytes), bytes.Length), Is.EqualTo(text.ToString()));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void ReadText_OneByteOverTheLimit_IsRefused(bool seekable)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(new string('x', 100_001));
        Stream Open(int length) => seekable ? new MemoryStream(bytes, 0, length) : new PipeLikeStream(bytes[..length]);

        Assert.That(SourceFile.ReadText(Open(100_000), 100_000), Has.Length.EqualTo(100_000));
        Assert.Throws<SourceTooLargeException>(() => SourceFile.ReadText(Open(100_001), 100_000));
    }

    [Test]
    public void ReadText_EndlessPipe_StopsOneBytePastTheLimit()
    {
        var endless = new PipeLikeStream(null);

        Assert.Throws<SourceTooLargeException>(() => SourceFile.ReadText(endless, 1 << 20));
        Assert.That(endless.BytesRead, Is.EqualTo((1 << 20) + 1));
    }

    /// <summary>A stream that cannot seek and hands out at most 1,000 bytes per read, as a pipe does; endless (zeros) without bytes.</summary>
    private sealed class PipeLikeStream(byte[]? bytes) : Stream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(Math.Min(count, 1000), bytes is null ? int.MaxValue : bytes.Length - BytesRead);
            if (bytes is null) Array.Clear(buffer, offset, n);
            else Array.Copy(bytes, BytesRead, buffer, offset, n);
            BytesRead += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
