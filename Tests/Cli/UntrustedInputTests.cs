using static QSim.Tests.Cli.CliHarness;

namespace QSim.Tests.Cli;

/// <summary>The command line on input it did not write: includes, standard input, and what error messages show.</summary>
public class UntrustedInputTests : TempFolderFixture
{
    [Test]
    public void Run_StandardInputWithAByteOrderMark_RunsLikeTheSameFile()
    {
        var piped = RunWithStdin("\uFEFF" + Bell, "run", "-", "--seed", "3", "--shots", "8", "--format", "json");
        var file = Run("run", Write("bom.qasm", "\uFEFF" + Bell), "--seed", "3", "--shots", "8", "--format", "json");

        Assert.That(piped.ExitCode, Is.EqualTo(0), piped.Error);
        Assert.That(piped.Out, Is.EqualTo(file.Out));
    }

    [Test]
    public void Run_FileIncludingPasswd_ExitsTwoWithoutShowingItOrWhetherItExists()
    {
        var result = Run("run", Write("main.qasm", "OPENQASM 2.0;\ninclude \"/etc/passwd\";\n"));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("include file '/etc/passwd' not found"));
        Assert.That(result.Error, Does.Not.Contain("root"));
    }

    [Test]
    public void Info_IncludePathOption_AllowsThatFolder()
    {
        Write("lib/gates.inc", "gate flip a { x a; }\n");
        string main = Write("circuits/main.qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\ninclude \"gates.inc\";\nqreg q[1];\nflip q[0];\n");

        var without = Run("info", main);
        var with = Run("info", main, "--include-path", Path.Combine(Folder, "lib"));

        Assert.That(without.ExitCode, Is.EqualTo(2));
        Assert.That(without.Error, Does.Contain("include file 'gates.inc' not found"));
        Assert.That(with.ExitCode, Is.EqualTo(0), with.Error);
    }

    [Test]
    public void Run_StandardInputIncludingALocalFile_NeedsAnIncludePath()
    {
        Write("gates.inc", "gate flip a { x a; }\n");
        string program = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\ninclude \"gates.inc\";\nqreg q[1];\nflip q[0];\n";

        var refused = RunWithStdin(program, "run", "-");
        var allowed = RunWithStdin(program, "run", "-", "-I", Folder, "-o", "probabilities");

        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.Error, Does.StartWith("<stdin>:3:1: error: include file 'gates.inc' not found"));
        Assert.That(allowed.ExitCode, Is.EqualTo(0), allowed.Error + allowed.Out);
    }

    [Test]
    public void Run_IncludePathThatIsNotAFolder_IsAnInputError()
    {
        var result = RunWithStdin(Bell, "run", "-", "--include-path", Path.Combine(Folder, "missing"));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("error: --include-path '").And.Contain("is not a folder"));
    }

    [Test]
    public void Run_ThousandsOfErrorsOnOneLine_PrintsTheCappedListOnly()
    {
        var result = RunWithStdin("OPENQASM 2.0;\n" + new string('`', 10_000), "run", "-");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error.Length, Is.LessThan(40_000));
        Assert.That(result.Error, Does.Contain("too many errors in this file"));
    }
}
