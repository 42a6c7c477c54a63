using System.Diagnostics;
using System.Text;
using QSim.Circuits;
using QSim.Gates;
using QSim.Qasm;

namespace QSim.Tests.Qasm;

/// <summary>
/// Includes are read only from the main file's folder and the include paths the caller gives, only as regular files,
/// within the size and depth limits; nothing in a diagnostic tells whether a path outside those folders exists or
/// what any file other than the program holds.
/// </summary>
public class IncludeConfinementTests : TempFolderFixture
{
    private const string Header = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    private QasmException ParseMainFails(string body, IncludeResolver? includes = null) =>
        Assert.Throws<QasmException>(() => QasmParser.ParseFile(Write("main/main.qasm", Header + body), includes))!;

    [TestCase("/etc/passwd")]
    [TestCase("../../../../../../etc/passwd")]
    [TestCase("/nonexistent/passwd")]
    [TestCase("../../../../../../nonexistent/passwd")]
    public void ParseFile_IncludeOutsideTheAllowedFolders_IsNotFoundWhetherOrNotItExists(string name)
    {
        var error = ParseMainFails($"include \"{name}\";\n");

        Assert.That(error.Diagnostics, Has.Count.EqualTo(1));
        Assert.That(error.Diagnostics[0].Message, Is.EqualTo(
            $"include file '{name}' not found in the including file's folder (includes are confined to the main file's folder and the include paths)"));
        Assert.That(error.Message, Does.Not.Contain("root:"));
    }

    [Test]
    public void ParseFile_LinkInsideTheFolderPointingOutside_IsNotFound()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "main"));
        File.CreateSymbolicLink(Path.Combine(Folder, "main", "secret.inc"), "/etc/passwd");

        var error = ParseMainFails("include \"secret.inc\";\n");

        Assert.That(error.Diagnostics[0].Message, Does.StartWith("include file 'secret.inc' not found"));
    }

    [TestCase("/dev/zero")]
    [TestCase("/dev/stdin")]
    [TestCase("/dev/null")]
    public void ParseFile_LinkToADevice_IsNotFound(string device)
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("No Unix devices here.");
        Directory.CreateDirectory(Path.Combine(Folder, "main"));
        File.CreateSymbolicLink(Path.Combine(Folder, "main", "device.inc"), device);

        var error = ParseMainFails("include \"device.inc\";\n");

        Assert.That(error.Diagnostics[0].Message, Does.StartWith("include file 'device.inc' not found"));
    }

    [Test]
    public void ParseFile_IncludePathHoldingADevice_RefusesItAsNotARegularFile()
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("No Unix devices here.");

        var error = ParseMainFails("include \"zero\";\n", new IncludeResolver(["/dev"]));

        Assert.That(error.Diagnostics[0].Message, Is.EqualTo("cannot read include file 'zero': it is not a regular file"));
    }

    [Test]
    public void ParseFile_IncludeOfAFifo_RefusesItWithoutWaitingForAWriter()
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("No FIFOs here.");
        Directory.CreateDirectory(Path.Combine(Folder, "main"));
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(Folder, "main", "pipe.inc"))) mkfifo.WaitForExit();

        var error = ParseMainFails("include \"pipe.inc\";\n");

        Assert.That(error.Diagnostics[0].Message, Is.EqualTo("cannot read include file 'pipe.inc': it is not a regular file"));
    }

    [Test]
    public void ParseFile_IncludeOfAFolder_SaysItIsAFolder()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "main", "lib"));

        var error = ParseMainFails("include \"lib\";\n");

        Assert.That(error.Diagnostics[0].Message, Is.EqualTo("include file 'lib' is a folder, not a file"));
    }

    [Test]
    public void ParseFile_IncludeThatIsNotOpenQasm_IsReportedWithoutQuotingIt()
    {
        Write("main/secret.inc", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");

        var error = ParseMainFails("include \"secret.inc\";\n");

        Assert.That(error.Diagnostics, Has.Count.EqualTo(1));
        Assert.That(error.Diagnostics[0].Message, Is.EqualTo(
            "include file 'secret.inc' is not an OpenQASM file (its first statement does not parse; its content is not shown)"));
        Assert.That(error.Diagnostics[0].File, Does.EndWith("main.qasm"));
        Assert.That(error.Message, Does.Not.Contain("root").And.Not.Contain("daemon"));
    }

    [Test]
    public void ParseFile_BinaryInclude_IsReportedWithoutQuotingIt()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "main"));
        File.WriteAllBytes(Path.Combine(Folder, "main", "blob.inc"), [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe]);

        var error = ParseMainFails("include \"blob.inc\";\n");

        Assert.That(error.Diagnostics[0].Message, Does.StartWith("include file 'blob.inc' is not an OpenQASM file"));
    }

    [Test]
    public void ParseFile_IncludeWithAnErrorAfterItsFirstStatement_IsReportedInThatFile()
    {
        Write("main/lib.inc", "gate flip a { x a; }\ngate broken a { y a }\n");

        var error = ParseMainFails("include \"lib.inc\";\n");

        Assert.That(error.Diagnostics[0].File, Does.EndWith("lib.inc"));
        Assert.That(error.Diagnostics[0].Line, Is.EqualTo(2));
    }

    [Test]
    public void ParseFile_IncludeInASubfolderAndParentInsideTheMainFolder_AreFound()
    {
        Write("main/lib/outer.inc", "include \"../common/inner.inc\";\ngate twice a { flip a; flip a; }\n");
        Write("main/common/inner.inc", "gate flip a { x a; }\n");
        string main = Write("main/main.qasm", Header + "include \"lib/outer.inc\";\nqreg q[1];\ntwice q[0];\n");

        var circuit = QasmParser.ParseFile(main);

        Assert.That(circuit.Operations.Select(op => ((GateOperation)op).Gate), Is.EqualTo(new[] { GateLibrary.X, GateLibrary.X }));
    }

    [Test]
    public void ParseFile_IncludeFoundInAnIncludePath_IsReadAndItsOwnIncludesResolveBesideIt()
    {
        Write("lib/gates.inc", "include \"more.inc\";\n");
        Write("lib/more.inc", "gate flip a { x a; }\n");
        string main = Write("main/main.qasm", Header + "include \"gates.inc\";\nqreg q[1];\nflip q[0];\n");

        var circuit = QasmParser.ParseFile(main, new IncludeResolver([Path.Combine(Folder, "lib")]));

        Assert.That(circuit.Operations, Has.Count.EqualTo(1));
    }

    [Test]
    public void Parse_TextWithoutIncludePaths_IncludesOnlyTheStandardFiles()
    {
        Write("gates.inc", "gate flip a { x a; }\n");
        string previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Folder);
        try
        {
            var error = Assert.Throws<QasmException>(() => QasmParser.Parse(Header + "include \"gates.inc\";\n", "<stdin>"))!;

            Assert.That(error.Diagnostics[0].Message, Is.EqualTo("include file 'gates.inc' not found " +
                "(a program given as text or on standard input can include only qelib1.inc and stdgates.inc unless include paths are given)"));
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Test]
    public void Parse_TextWithAnIncludePath_ReadsIncludesFromIt()
    {
        Write("gates.inc", "gate flip a { x a; }\n");

        var circuit = QasmParser.Parse(Header + "include \"gates.inc\";\nqreg q[1];\nflip q[0];\n", "<stdin>", new IncludeResolver([Folder]));

        Assert.That(circuit.Operations, Has.Count.EqualTo(1));
    }

    [Test]
    public void ParseFile_ChainOfAThousandIncludes_StopsAtTheDepthLimitNamingTheChain()
    {
        for (int i = 0; i < 1_000; i++) Write($"main/i{i}.inc", $"include \"i{i + 1}.inc\";\n");

        var error = ParseMainFails("include \"i0.inc\";\n");

        Assert.That(error.Diagnostics, Has.Count.EqualTo(1));
        Assert.That(error.Diagnostics[0].Message, Does.StartWith(
            $"includes nested too deeply (more than {QasmLimits.MaxIncludeDepth} levels): main.qasm -> i0.inc -> i1.inc"));
        Assert.That(error.Diagnostics[0].File, Does.EndWith($"i{QasmLimits.MaxIncludeDepth - 1}.inc"));
    }

    [Test]
    public void ParseFile_IncludesPastTheSourceBudget_AreRefused()
    {
        // One include of 100 MiB of comment, included three times: the third passes the 256 MiB budget.
        var comment = new StringBuilder("// ").Append('x', 100 << 20).Append('\n').ToString();
        Write("main/big.inc", comment);

        var error = ParseMainFails("include \"big.inc\";\ninclude \"big.inc\";\ninclude \"big.inc\";\n");

        Assert.That(error.Diagnostics[0].Line, Is.EqualTo(5));
        Assert.That(error.Diagnostics[0].Message, Does.StartWith("cannot read include file 'big.inc': it is larger than"));
    }
}
