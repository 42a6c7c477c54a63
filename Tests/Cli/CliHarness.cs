using QSim.Cli;

namespace QSim.Tests.Cli;

/// <summary>Runs <c>qsim</c> verbs in-process with captured stdout and stderr.</summary>
internal static class CliHarness
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result RunWithStdin(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = QsimApp.Run(args, new CliConsole(output, error, new StringReader(stdin)));
        return new Result(code, output.ToString(), error.ToString());
    }

    public static Result Run(params string[] args) => RunWithStdin("", args);

    /// <summary>A temporary .qasm file holding <paramref name="text"/>.</summary>
    public static string TempFile(string text)
    {
        string path = Path.Combine(Path.GetTempPath(), $"qsim-cli-{Guid.NewGuid():N}.qasm");
        File.WriteAllText(path, text);
        return path;
    }

    public const string Bell = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q -> c;\n";
    public const string Unmeasured = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nx q[0];\n";
    public const string Parameterized = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] theta;\nqubit[1] q;\nrx(theta) q[0];\n";
}
