#!/usr/bin/env bash
# Builds the API reference and guides site (docs/docfx.json) with docfx, the dotnet tool pinned in
# .config/dotnet-tools.json: API pages from the XML docs of Engine, Engine.Cpu and Engine.Gpu, and the guides of docs/.
# Warnings are errors, so a broken link between pages, a cross-reference that resolves to nothing or a missing table
# of contents fails the check. The site lands in artifacts/docs/site (open index.html, or serve it with
# `dotnet docfx serve artifacts/docs/site`).
#
# Usage: scripts/docs-check.sh
# Environment: QSIM_DOCS_RESTORE_TIMEOUT (seconds for `dotnet tool restore`, default 120)
# Exit codes: 0 the site built without warnings; 1 docfx reported a warning or an error; 2 docfx could not be restored
# (no package source reachable): the check is skipped.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root" || exit 1
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

if ! timeout "${QSIM_DOCS_RESTORE_TIMEOUT:-120}" dotnet tool restore > "$log" 2>&1; then
  echo "docs: docfx could not be restored: $(grep -m 1 -iE 'error|fail' "$log")"
  exit 2
fi

# metadata writes the API's YAML into docs/api (ignored by git); build turns it and the guides into HTML.
rm -rf docs/api
for step in metadata build; do
  if ! dotnet docfx "$step" docs/docfx.json --warningsAsErrors > "$log" 2>&1; then
    grep -E 'warning|error' "$log"
    echo "docs: docfx $step failed"
    exit 1
  fi
done
echo "docs: $(find artifacts/docs/site/api -name '*.html' | wc -l) API pages and the guides built in artifacts/docs/site"
