#!/usr/bin/env bash
# Assembles every kernel of the GPU engine with NVIDIA's ptxas and prints, per kernel and architecture, registers,
# stack frame, spills and shared memory, and the memory instructions of the machine code (global LDG/STG, shared
# LDS/STS, local LDL/STL, generic LD/ST). No GPU, driver or CUDA installation is needed: ptxas comes from Debian's
# non-free nvidia-cuda-toolkit 11.8.89 package, downloaded once with a private apt state into a cache folder and
# unpacked with dpkg -x (nothing is installed; the system's apt sources and state are not touched).
#
# Usage: scripts/ptxas-check.sh
# Environment: QSIM_PTXAS_CACHE (default ~/.cache/qsim-ptxas), QSIM_PTXAS_FETCH_TIMEOUT (seconds per apt step, default
# 120), QSIM_PTXAS_MIRROR (default: the Debian mirror of the system's apt sources, else deb.debian.org)
# Exit codes: 0 every kernel assembled; 1 ptxas rejected a kernel or the PTX export failed; 2 ptxas could not be had
# (not Debian, no network, package gone): the check is skipped.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${QSIM_PTXAS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qsim-ptxas}"
fetch_timeout="${QSIM_PTXAS_FETCH_TIMEOUT:-120}"
package="nvidia-cuda-toolkit"
version_prefix="11.8.89"
tools="$cache/bin"

skip() { echo "ptxas: $*"; exit 2; }

# Downloads the package with apt into the cache and keeps ptxas, cuobjdump and nvdisasm (which cuobjdump runs) from it.
fetch() {
  [ -r /etc/os-release ] && . /etc/os-release
  [ "${ID:-}" = debian ] && [ -n "${VERSION_CODENAME:-}" ] || skip "not a Debian system; cannot fetch $package"
  command -v apt-get >/dev/null && command -v dpkg >/dev/null || skip "apt-get or dpkg missing"
  local mirror="${QSIM_PTXAS_MIRROR:-}"
  [ -n "$mirror" ] || mirror="$(grep -hoE '^URIs: *[^ ]+' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -E '/debian/?$' | head -n 1)"
  [ -n "$mirror" ] || mirror="$(grep -hoE '^deb +[^ ]+/debian/? ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -n 1)"
  [ -n "$mirror" ] || mirror="http://deb.debian.org/debian"
  local apt="$cache/apt"
  rm -rf "$apt" && mkdir -p "$apt/sources" "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/download"
  printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: non-free\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$mirror" "$VERSION_CODENAME" > "$apt/sources/non-free.sources"
  local options=(-o "Dir::Etc::sourcelist=/dev/null" -o "Dir::Etc::sourceparts=$apt/sources" -o "Dir::State::Lists=$apt/lists"
    -o "Dir::Cache=$apt/cache" -o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)" -q)
  echo "ptxas: fetching $package $version_prefix from $mirror $VERSION_CODENAME non-free into $cache"
  timeout "$fetch_timeout" apt-get "${options[@]}" --error-on=any update > "$cache/apt-update.log" 2>&1 \
    || skip "apt-get update of $mirror non-free failed or timed out: $(grep -m 1 -E '^(E|W):' "$cache/apt-update.log")"
  local version
  version="$(apt-cache "${options[@]}" madison "$package" | awk -F'|' '{gsub(/ /, "", $2); print $2}' | grep -E "^$version_prefix" | head -n 1)"
  [ -n "$version" ] || skip "$package $version_prefix is not in $mirror $VERSION_CODENAME non-free"
  (cd "$apt/download" && timeout "$fetch_timeout" apt-get "${options[@]}" download "$package=$version" >/dev/null) \
    || skip "downloading $package $version failed or timed out"
  local unpacked="$apt/unpacked"
  dpkg -x "$apt"/download/*.deb "$unpacked" || skip "dpkg -x of the package failed"
  mkdir -p "$tools" && cp "$unpacked"/usr/bin/{ptxas,cuobjdump,nvdisasm} "$tools/" || skip "ptxas, cuobjdump or nvdisasm not in the package"
  rm -rf "$apt"
}

[ -x "$tools/nvdisasm" ] && "$tools/ptxas" --version >/dev/null 2>&1 || fetch
"$tools/ptxas" --version | tail -n 1
export PATH="$tools:$PATH"

# The PTX of every kernel for sm_80 and sm_90, as ILGPU writes it for a CUDA device.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
app="$root/Perf.Gpu/bin/Release/net10.0/QSim.Perf.Gpu.dll"
if [ ! -f "$app" ]; then
  dotnet build "$root/Perf.Gpu/Perf.Gpu.csproj" -c Release -v quiet -nologo >/dev/null || { echo "ptxas: building Perf.Gpu failed"; exit 1; }
fi
dotnet "$app" ptx "$work/ptx" || { echo "ptxas: the PTX export failed"; exit 1; }

printf '%-44s %-5s %4s %6s %11s %6s %9s %9s %9s %7s\n' kernel arch regs stack "spill st/ld" smem "LDG/STG" "LDS/STS" "LDL/STL" "LD/ST"
failed=0
for ptx in "$work"/ptx/*.ptx; do
  name="$(basename "$ptx" .ptx)"
  arch="${name##*.}"
  kernel="${name%.*}"
  # ptxas 11.8 reads PTX ISA up to 7.8; ILGPU writes 8.8 for a CUDA 12.9+ driver, with the same instructions.
  sed -e 's/^\.version 8\.8$/.version 7.8/' "$ptx" > "$work/in.ptx"
  if ! "$tools/ptxas" -arch="$arch" -v -o "$work/out.cubin" "$work/in.ptx" > "$work/info" 2>&1; then
    echo "$kernel $arch: ptxas failed:"
    sed 's/^/    /' "$work/info"
    failed=$((failed + 1))
    continue
  fi
  regs="$(grep -oE 'Used [0-9]+ registers' "$work/info" | grep -oE '[0-9]+' | head -n 1)"
  stack="$(grep -oE '[0-9]+ bytes stack frame' "$work/info" | grep -oE '^[0-9]+' | head -n 1)"
  spill_st="$(grep -oE '[0-9]+ bytes spill stores' "$work/info" | grep -oE '^[0-9]+' | head -n 1)"
  spill_ld="$(grep -oE '[0-9]+ bytes spill loads' "$work/info" | grep -oE '^[0-9]+' | head -n 1)"
  smem="$(grep -oE '[0-9]+ bytes smem' "$work/info" | grep -oE '^[0-9]+' | head -n 1)"
  sass="$("$tools/cuobjdump" -sass "$work/out.cubin" | grep -oE '^\s+/\*[0-9a-f]+\*/\s+(@!?U?P[0-9T] )?[A-Z0-9.]+' | awk '{print $NF}' | cut -d. -f1)"
  count() { printf '%s\n' "$sass" | grep -cx "$1"; }
  printf '%-44s %-5s %4s %6s %11s %6s %9s %9s %9s %7s\n' "$kernel" "$arch" "${regs:-?}" "${stack:-0}" "${spill_st:-0}/${spill_ld:-0}" "${smem:-0}" \
    "$(count LDG)/$(count STG)" "$(count LDS)/$(count STS)" "$(count LDL)/$(count STL)" "$(count LD)/$(count ST)"
done
total="$(ls "$work"/ptx/*.ptx | wc -l)"
echo "ptxas: $((total - failed)) of $total kernel files assembled"
[ "$failed" -eq 0 ]
