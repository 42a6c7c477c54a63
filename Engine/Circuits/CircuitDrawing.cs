namespace QSim.Circuits;

// Text diagrams of a circuit, in the manner of Qiskit's text drawer and Cirq's diagrams.
public sealed partial class Circuit
{
    /// <summary>The width <see cref="Draw"/> folds at unless told otherwise: a classic terminal's.</summary>
    public const int DefaultDrawingWidth = 80;

    /// <summary>The narrowest width <see cref="Draw"/> folds at: a wire name and a gate must fit on a line.</summary>
    public const int MinimumDrawingWidth = 20;

    /// <summary>
    /// A text diagram of the circuit: one wire per qubit (qubit 0 on top), operations left to right, each as early as
    /// the qubits and classical bits it uses allow. Gates show their names and parameters (<c>Rx(π/2)</c>, <c>U(θ,0,π)</c>);
    /// controls are <c>●</c> joined by <c>│</c> to their target (<c>⊕</c> for an X, <c>●</c> for a Z); swaps are
    /// <c>×</c>; measurements <c>M→c[0]</c> name their classical bit; resets are <c>|0⟩</c>; barriers <c>░</c>; a
    /// condition follows its gate (<c>X if c==3</c>). A gate on several qubits without controls shows its label on
    /// the first and <c>#2</c>, <c>#3</c>… on the others, unless it is symmetric in them. Diagrams wider than
    /// <paramref name="width"/> characters are folded into pages: a line ending in <c>»</c> goes on at the <c>«</c> of
    /// the next page.
    /// </summary>
    /// <param name="width">Characters per line (at least 20); 0 never folds.</param>
    /// <returns>The diagram, lines separated by <c>\n</c>, with a final newline.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is from 1 to 19 or negative.</exception>
    public string Draw(int width = DefaultDrawingWidth)
    {
        if (width != 0 && width < MinimumDrawingWidth)
            throw new ArgumentOutOfRangeException(nameof(width), width, $"A drawing needs at least {MinimumDrawingWidth} characters per line, or 0 for no folding.");
        return new CircuitTextDrawer(this).Render(width);
    }
}
