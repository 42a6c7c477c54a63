using QSim.Observables;

namespace QSim.Cli.Commands;

/// <summary>One <c>--observable</c>: the text as the user wrote it (the label in the output) and the parsed sum.</summary>
internal sealed record RequestedObservable(string Text, PauliSum Sum)
{
    /// <summary>Parses every <c>--observable</c> value, in order.</summary>
    /// <exception cref="CliException">A value is not a Pauli sum: the message names the option, the column, and shows a caret under it.</exception>
    public static List<RequestedObservable> ParseAll(IEnumerable<string> texts) => [.. texts.Select(Parse)];

    private static RequestedObservable Parse(string text)
    {
        try
        {
            return new RequestedObservable(text.Trim(), PauliSum.Parse(text));
        }
        catch (PauliSumFormatException e)
        {
            throw new CliException($"--observable \"{text}\": {e.Message}\n  {text}\n  {new string(' ', e.Column - 1)}^");
        }
    }

    /// <summary>Checks that the sum acts only on qubits of a circuit of <paramref name="qubits"/> qubits.</summary>
    /// <exception cref="CliException">A term acts on a qubit the circuit does not have.</exception>
    public void RequireFits(int qubits)
    {
        try
        {
            Sum.ValidateFor(qubits);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--observable \"{Text}\": {e.Message}");
        }
    }
}
