#!/usr/bin/env bash
# The GPU check-and-benchmark run (issue 6), in two halves:
#   Perf/gpu/run.sh publish      here, with the .NET SDK: self-contained linux-x64 build of Perf.Gpu,
#                                compressed to artifacts/gpu-carry/qsim-perf-gpu.tar.xz (ignored by git;
#                                the device tool carries it with carry: ["artifacts/gpu-carry"])
#   Perf/gpu/run.sh run [ARGS]   on the GPU machine (no SDK, no network): unpacks and runs the checks
#                                and benchmarks, tees the output to $OUT/gpu-perf.txt when $OUT is set
#   Perf/gpu/run.sh dry-run      here: the same program on ILGPU's CPU accelerator at small sizes
# ARGS go to the program: --gate-sizes 26,28,30 --hea-sizes 20,24 --batch 10x4096 --repeats 5 (the defaults).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
carry="$root/artifacts/gpu-carry"
archive="$carry/qsim-perf-gpu.tar.xz"

case "${1:-}" in
  publish)
    rm -rf "$root/artifacts/perf-gpu" && mkdir -p "$carry"
    dotnet publish "$root/Perf.Gpu/Perf.Gpu.csproj" -c Release -r linux-x64 --self-contained \
      -p:InvariantGlobalization=true -p:DebugType=none -o "$root/artifacts/perf-gpu"
    tar -C "$root/artifacts/perf-gpu" -cJf "$archive" .
    ls -l "$archive"
    ;;
  run)
    shift
    dir="$(mktemp -d)"
    tar -C "$dir" -xJf "$archive"
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
    out="${OUT:-$dir}/gpu-perf.txt"
    set +e
    timeout 330 "$dir/QSim.Perf.Gpu" "$@" 2>&1 | tee "$out"
    status=${PIPESTATUS[0]}
    echo "exit code $status (0: all checks passed; 1: a check failed; 2: no GPU; 124: over 330 s)"
    exit "$status"
    ;;
  dry-run)
    dotnet run --project "$root/Perf.Gpu" -c Release -- --cpu-accelerator --gate-sizes 10 --hea-sizes 8 --batch 6x64 --repeats 3
    ;;
  *)
    sed -n '2,10p' "$0"
    exit 64
    ;;
esac
