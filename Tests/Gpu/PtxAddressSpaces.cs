using System.Text.RegularExpressions;

namespace QSim.Tests.Gpu;

/// <summary>One address-space fault in a PTX function: the line, the instruction and what is wrong with it.</summary>
public sealed record PtxFault(string Function, int Line, string Instruction, string Reason)
{
    public override string ToString() => $"{Function}, line {Line}: {Instruction}  ({Reason})";
}

/// <summary>
/// Reads PTX text for address-space faults a GPU would hit and ILGPU's CPU accelerator cannot show. Per function, a
/// forward data-flow analysis over its basic blocks tracks which window each 64-bit register may hold an address in:
/// generic (kernel parameters, <c>cvta.global/shared/local</c>), the global window (<c>cvta.to.global</c>), or the raw
/// shared or local window (the address of a <c>.shared</c>/<c>.local</c> variable, <c>cvta.to.shared/local</c>);
/// arithmetic carries the windows of its operands. Faults:
/// <list type="bullet">
/// <item>a generic <c>ld</c>/<c>st</c>/<c>atom</c>/<c>red</c> whose address may be a raw shared or local offset (no <c>cvta</c>);</item>
/// <item>a <c>.shared</c>, <c>.local</c> or <c>.global</c> access whose address may come from another space;</item>
/// <item>a <c>cvta</c> whose source may be in a window other than the one it converts from.</item>
/// </list>
/// Registers are reused by ILGPU's allocator, hence flow-sensitive: a register's windows are those of the definitions
/// that reach the instruction. Functions are read one by one: a pointer passed to a called <c>.func</c> counts as a
/// generic parameter there (ILGPU inlines every helper of this engine's kernels, so their entries have no calls).
/// </summary>
public static partial class PtxAddressSpaces
{
    [Flags]
    private enum Window
    {
        None = 0,
        Generic = 1,
        Global = 2,
        Shared = 4,
        Local = 8,
    }

    private sealed record Instruction(int Line, string Text, string Opcode, string[] Operands, string? Label, bool Predicated);

    /// <summary>Every fault in every function of <paramref name="ptx"/>.</summary>
    public static IReadOnlyList<PtxFault> Analyze(string ptx)
    {
        var lines = ptx.Split('\n');
        var symbols = new Dictionary<string, Window>();
        var faults = new List<PtxFault>();
        string? function = null;
        var body = new List<Instruction>();
        int depth = 0;
        for (int n = 0; n < lines.Length; n++)
        {
            string line = StripComment(lines[n]).Trim();
            if (line.Length == 0) continue;
            var declaration = SymbolDeclaration().Match(line);
            if (declaration.Success) symbols[declaration.Groups["name"].Value] = SpaceOf(declaration.Groups["space"].Value);
            var header = FunctionHeader().Match(line);
            if (header.Success && depth == 0) function = header.Groups["name"].Value;
            depth += line.Count(c => c == '{') - line.Count(c => c == '}');
            if (function is null) continue;
            if (depth == 0 && line.Contains('}'))
            {
                faults.AddRange(AnalyzeFunction(function, body, symbols));
                function = null;
                body.Clear();
                continue;
            }
            if (depth > 0 && Parse(n + 1, line) is { } instruction) body.Add(instruction);
        }
        return faults;
    }

    private static string StripComment(string line)
    {
        int at = line.IndexOf("//", StringComparison.Ordinal);
        return at < 0 ? line : line[..at];
    }

    private static Window SpaceOf(string space) => space switch
    {
        "shared" => Window.Shared,
        "local" => Window.Local,
        "global" or "const" => Window.Global,
        _ => Window.None,
    };

    /// <summary>A label, an instruction, or null for declarations and braces.</summary>
    private static Instruction? Parse(int lineNumber, string line)
    {
        if (line.EndsWith(':')) return new Instruction(lineNumber, line, "", [], line[..^1], false);
        if (line.StartsWith('.') || line is "{" or "}" || !line.EndsWith(';')) return null;
        string text = line[..^1].Trim();
        bool predicated = text.StartsWith('@');
        if (predicated) text = text[(text.IndexOfAny([' ', '\t']) + 1)..].TrimStart();
        int space = text.IndexOfAny([' ', '\t']);
        string opcode = space < 0 ? text : text[..space];
        string operands = space < 0 ? "" : text[(space + 1)..];
        return new Instruction(lineNumber, line, opcode, SplitOperands(operands), null, predicated);
    }

    /// <summary>Operands split at top-level commas (not inside {vectors} or [addresses]).</summary>
    private static string[] SplitOperands(string operands)
    {
        var result = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < operands.Length; i++)
        {
            char c = operands[i];
            if (c is '{' or '[') depth++;
            else if (c is '}' or ']') depth--;
            else if (c == ',' && depth == 0)
            {
                result.Add(operands[start..i].Trim());
                start = i + 1;
            }
        }
        if (operands.Trim().Length > 0) result.Add(operands[start..].Trim());
        return [.. result];
    }

    private static IEnumerable<PtxFault> AnalyzeFunction(string function, List<Instruction> body, Dictionary<string, Window> symbols)
    {
        var blocks = BasicBlocks(body, out var successors);
        var entry = new Dictionary<string, Window>[blocks.Count];
        for (int b = 0; b < blocks.Count; b++) entry[b] = [];
        // Forward data flow to a fixed point: windows only grow, so it terminates.
        for (bool changed = true; changed;)
        {
            changed = false;
            for (int b = 0; b < blocks.Count; b++)
            {
                var state = new Dictionary<string, Window>(entry[b]);
                foreach (var instruction in blocks[b]) Transfer(instruction, state, symbols, faults: null, function);
                foreach (int s in successors[b])
                    foreach (var (register, window) in state)
                    {
                        var before = entry[s].GetValueOrDefault(register);
                        if ((before | window) == before) continue;
                        entry[s][register] = before | window;
                        changed = true;
                    }
            }
        }
        var faults = new List<PtxFault>();
        for (int b = 0; b < blocks.Count; b++)
        {
            var state = new Dictionary<string, Window>(entry[b]);
            foreach (var instruction in blocks[b]) Transfer(instruction, state, symbols, faults, function);
        }
        return faults;
    }

    /// <summary>Splits a body into basic blocks (at labels and after branches and returns) and links them.</summary>
    private static List<List<Instruction>> BasicBlocks(List<Instruction> body, out List<List<int>> successors)
    {
        var blocks = new List<List<Instruction>> { new() };
        foreach (var instruction in body)
        {
            if (instruction.Label is not null && blocks[^1].Count > 0) blocks.Add([]);
            blocks[^1].Add(instruction);
            if (IsBranch(instruction) || IsReturn(instruction)) blocks.Add([]);
        }
        var labels = new Dictionary<string, int>();
        for (int b = 0; b < blocks.Count; b++)
            if (blocks[b].Count > 0 && blocks[b][0].Label is { } label) labels[label] = b;
        successors = [];
        for (int b = 0; b < blocks.Count; b++)
        {
            var next = new List<int>();
            var last = blocks[b].Count > 0 ? blocks[b][^1] : null;
            bool fallsThrough = last is null || last.Predicated || !(IsBranch(last) || IsReturn(last));
            if (fallsThrough && b + 1 < blocks.Count) next.Add(b + 1);
            if (last is not null && IsBranch(last) && labels.TryGetValue(last.Operands[^1], out int target)) next.Add(target);
            successors.Add(next);
        }
        return blocks;
    }

    private static bool IsBranch(Instruction i) => i.Opcode.Split('.')[0] == "bra";

    private static bool IsReturn(Instruction i) => i.Opcode is "ret" or "exit";

    /// <summary>Applies one instruction to the register windows; with <paramref name="faults"/>, records what it does wrong.</summary>
    private static void Transfer(Instruction instruction, Dictionary<string, Window> state, Dictionary<string, Window> symbols,
        List<PtxFault>? faults, string function)
    {
        if (instruction.Label is not null || instruction.Operands.Length == 0) return;
        string[] parts = instruction.Opcode.Split('.');
        string operation = parts[0];
        void Fault(string reason) => faults?.Add(new PtxFault(function, instruction.Line, instruction.Text, reason));

        if (operation is "ld" or "ldu" or "st" or "atom" or "red" or "prefetch")
        {
            string address = instruction.Operands.First(o => o.StartsWith('['));
            var space = AccessedSpace(parts);
            var from = AddressWindows(address, state, symbols);
            if (space == Window.Generic && (from & (Window.Shared | Window.Local)) != 0)
                Fault($"generic {operation} on an address that may be a raw {Describe(from & (Window.Shared | Window.Local))} offset (no cvta)");
            else if (space == Window.Shared && (from & ~Window.Shared) != 0)
                Fault($"{operation}.shared on an address that may be {Describe(from & ~Window.Shared)}");
            else if (space == Window.Local && (from & ~Window.Local) != 0)
                Fault($"{operation}.local on an address that may be {Describe(from & ~Window.Local)}");
            else if (space == Window.Global && (from & (Window.Shared | Window.Local)) != 0)
                Fault($"{operation}.global on an address that may be {Describe(from & (Window.Shared | Window.Local))}");
            // A loaded value carries no address window we know (ILGPU passes pointers in parameters).
            if (operation is "ld" or "ldu" or "atom")
                foreach (string register in Registers(instruction.Operands[0])) state[register] = parts.Contains("param") ? Window.Generic : Window.None;
            return;
        }
        if (operation == "cvta")
        {
            bool toSpecific = parts.Length > 1 && parts[1] == "to";
            var space = SpaceOf(toSpecific ? parts[2] : parts[1]);
            var from = OperandWindows(instruction.Operands[1], state, symbols);
            var expected = toSpecific ? Window.Generic | Window.Global : space;
            if (space != Window.Global && (from & ~expected) != 0 || space == Window.Global && (from & (Window.Shared | Window.Local)) != 0)
                Fault($"{instruction.Opcode} of an address that may be {Describe(from & ~expected)}");
            Define(instruction.Operands[0], toSpecific ? space : Window.Generic, state);
            return;
        }
        if (operation is "bra" or "ret" or "exit" or "bar" or "setp" or "call" or "membar" or "fence") return;
        // Anything else that writes a register: its windows are those of its operands (address arithmetic).
        var windows = Window.None;
        foreach (string operand in instruction.Operands.Skip(1)) windows |= OperandWindows(operand, state, symbols);
        Define(instruction.Operands[0], windows, state);
    }

    private static void Define(string destination, Window windows, Dictionary<string, Window> state)
    {
        foreach (string register in Registers(destination)) state[register] = windows;
    }

    /// <summary>The state space a memory instruction names: none is generic; <c>shared::cta</c> is shared.</summary>
    private static Window AccessedSpace(string[] parts)
    {
        foreach (string part in parts.Skip(1))
        {
            string space = part.Split("::")[0];
            if (space is "global" or "shared" or "local" or "const") return SpaceOf(space);
            if (space == "param") return Window.None;
        }
        return Window.Generic;
    }

    private static Window AddressWindows(string address, Dictionary<string, Window> state, Dictionary<string, Window> symbols) =>
        OperandWindows(address.Trim('[', ']').Split('+')[0].Trim(), state, symbols);

    private static Window OperandWindows(string operand, Dictionary<string, Window> state, Dictionary<string, Window> symbols)
    {
        var windows = Window.None;
        foreach (string register in Registers(operand)) windows |= state.GetValueOrDefault(register);
        foreach (Match symbol in Symbol().Matches(operand))
            if (symbols.TryGetValue(symbol.Value, out var space)) windows |= space;
        return windows;
    }

    private static IEnumerable<string> Registers(string operand) => Register().Matches(operand).Select(m => m.Value);

    private static string Describe(Window windows) => string.Join(" or ", Enum.GetValues<Window>()
        .Where(w => w != Window.None && windows.HasFlag(w))
        .Select(w => w == Window.Generic ? "generic" : w.ToString().ToLowerInvariant()));

    [GeneratedRegex(@"^(?:\.extern\s+|\.visible\s+)*\.(?<space>shared|local|global|const)\b.*?\s(?<name>[A-Za-z_$][\w$]*)\s*(?:\[[^\]]*\])?\s*(?:=.*)?;$")]
    private static partial Regex SymbolDeclaration();

    [GeneratedRegex(@"^(?:\.visible\s+|\.weak\s+)?\.(?:entry|func)\s+(?:\([^)]*\)\s*)?(?<name>[A-Za-z_$][\w$]*)")]
    private static partial Regex FunctionHeader();

    [GeneratedRegex(@"%[a-z]+\d+\b")]
    private static partial Regex Register();

    [GeneratedRegex(@"(?<![%\w$])[A-Za-z_$][\w$]*")]
    private static partial Regex Symbol();
}
