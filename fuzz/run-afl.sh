#!/usr/bin/env bash
# Coverage-guided fuzzing of the OpenQASM front end, optimizer and exact probabilities with AFL++ and SharpFuzz.
# Usage: fuzz/run-afl.sh [OUTPUT_DIR] [extra afl-fuzz options, e.g. -V 3600 to stop after an hour]
# Needs: afl++ (apt-get install afl++) and the SharpFuzz tool (dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo/fuzz/findings}"
shift || true
build="$repo/fuzz/bin/afl"
seeds="$repo/fuzz/bin/seeds"

rm -rf "$build"
dotnet publish "$repo/fuzz/QSim.Fuzz" -c Release -o "$build" --nologo -v quiet
# Coverage comes from instrumenting the engine assembly (front end, optimizer, execution) in place.
"${SHARPFUZZ:-$HOME/.dotnet/tools/sharpfuzz}" "$build/QSim.Engine.dll"

# Seeds: the examples, the shared conformance corpus when it is beside the repository, and the invalid-input cases.
rm -rf "$seeds" && mkdir -p "$seeds"
cp "$repo"/examples/*.qasm "$repo"/Tests/Qasm/Invalid/*.qasm "$seeds"/
if [ -d "$repo/../shared/qasm-corpus/circuits" ]; then
  find "$repo/../shared/qasm-corpus/circuits" -name '*.qasm' -size -8k -exec cp {} "$seeds"/ \;
fi

export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
# A resumed run keeps its queue: pass -i - to continue where OUTPUT_DIR left off.
exec afl-fuzz -i "$seeds" -o "$out" -t 5000 -m none -x "$repo/fuzz/qasm.dict" "$@" -- dotnet "$build/QSim.Fuzz.dll"
