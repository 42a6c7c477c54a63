#!/usr/bin/env bash
# The GPU device run, in two halves (docs/gpu.md, "Device runs"):
#   Perf/gpu/run.sh publish      here, with the .NET SDK: a self-contained linux-x64 build of Perf.Gpu (no SDK and
#                                no ICU needed there), compressed to artifacts/gpu-carry/qsim-perf-gpu.tar.xz
#                                (ignored by git; the device call carries it: carry ["artifacts/gpu-carry"])
#   Perf/gpu/run.sh run [ARGS]   on the GPU machine (no SDK, no network): preflight, unpack, run the checks and
#                                timings; every row lands in $OUT/rows.tsv as it is measured, the log in $OUT/run.log
#   Perf/gpu/run.sh dry-run      here: the whole program on ILGPU's CPU accelerator at small sizes
# ARGS go to the program (defaults: --check-sizes 8,16 --gate-sizes 26,28,30 --random-circuit 30x20 --batch 10x4096
# --large-state 32 --repeats 5 --deadline 330).
# Exit codes: the program's (0 all checks passed, 1 a check failed, 2 no GPU, 3 a section threw, 4 both 1 and 3,
# 64 bad arguments); from this script: 20 no archive, 21 the archive could not be unpacked, 124 over the time limit.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
carry="$root/artifacts/gpu-carry"
archive="$carry/qsim-perf-gpu.tar.xz"
limit_seconds="${QSIM_GPU_RUN_LIMIT:-390}"

preflight() {
  echo "== preflight"
  if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=name,memory.total,memory.used,driver_version,compute_cap --format=csv,noheader \
      || echo "nvidia-smi: query failed"
  else
    echo "nvidia-smi: not found"
  fi
  # ILGPU asks the loader for libcuda.so; a driver-only system has libcuda.so.1 alone.
  local found
  found="$(ldconfig -p 2>/dev/null | awk '$1 == "libcuda.so" {print $NF; exit}')"
  if [ -n "$found" ]; then
    echo "libcuda.so: $found"
  else
    local one
    one="$(ldconfig -p 2>/dev/null | awk '$1 == "libcuda.so.1" {print $NF; exit}')"
    [ -z "$one" ] && one="$(ls /usr/local/nvidia/lib64/libcuda.so.1 /usr/lib/x86_64-linux-gnu/libcuda.so.1 2>/dev/null | head -n 1)"
    if [ -n "$one" ]; then
      mkdir -p "$work/cudalib" && ln -sf "$one" "$work/cudalib/libcuda.so"
      export LD_LIBRARY_PATH="$work/cudalib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
      echo "libcuda.so: not registered; linked to $one through LD_LIBRARY_PATH"
    else
      echo "libcuda.so: not found (the program will report no GPU)"
    fi
  fi
  if command -v xz >/dev/null; then echo "xz: $(command -v xz)"; else echo "xz: not found; unpacking with python3's lzma"; fi
}

unpack() {
  if command -v xz >/dev/null; then
    tar -C "$work/app" -xJf "$archive"
  else
    python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$archive" "$work/app"
  fi
}

case "${1:-}" in
  publish)
    set -e
    rm -rf "$root/artifacts/perf-gpu" && mkdir -p "$carry"
    dotnet publish "$root/Perf.Gpu/Perf.Gpu.csproj" -c Release -r linux-x64 --self-contained \
      -p:InvariantGlobalization=true -p:DebugType=none -o "$root/artifacts/perf-gpu"
    tar -C "$root/artifacts/perf-gpu" -cJf "$archive" .
    ls -l "$archive"
    ;;
  run)
    shift
    work="$(mktemp -d)"
    out="${OUT:-$work/out}"
    mkdir -p "$out" "$work/app"
    {
      preflight
      [ -f "$archive" ] || { echo "no archive at $archive: run 'Perf/gpu/run.sh publish' here and carry artifacts/gpu-carry"; exit 20; }
      unpack || { echo "could not unpack $archive"; exit 21; }
      echo "== run (limit ${limit_seconds} s)"
      timeout --kill-after=10 "$limit_seconds" "$work/app/QSim.Perf.Gpu" --out "$out" "$@"
      status=$?
      echo "exit code $status (0 passed, 1 check failed, 2 no GPU, 3 section error, 4 both, 64 bad arguments, 124 time limit)"
      exit "$status"
    } 2>&1 | tee "$out/run.log"
    exit "${PIPESTATUS[0]}"
    ;;
  dry-run)
    dotnet run --project "$root/Perf.Gpu" -c Release -- --cpu-accelerator --check-sizes 6,8 --gate-sizes 10 \
      --random-circuit 10x4 --batch 6x64 --large-state 12 --repeats 3
    ;;
  *)
    sed -n '2,14p' "$0"
    exit 64
    ;;
esac
