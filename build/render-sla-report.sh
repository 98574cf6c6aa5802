#!/usr/bin/env bash
# Renders the SLA report of the demo ledger (real advisories, tests/Scalyz.SecureBuild.Cli.Tests/TestData/sla) as HTML and
# screenshots it in headless Chromium, to check the page and its chart by eye. Not part of the test suite (too heavy for CI).
# Usage: build/render-sla-report.sh [OUTPUT_FOLDER]   (default: artifacts/sla-report; needs Debian's chromium package:
#        apt-get update && apt-get install -y chromium)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$root/artifacts/sla-report}" && cd "${1:-$root/artifacts/sla-report}" && pwd)"
demo="$root/tests/Scalyz.SecureBuild.Cli.Tests/TestData/sla"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

command -v chromium >/dev/null || { echo "chromium is not installed (apt-get install -y chromium)" >&2; exit 1; }

dotnet build "$root/src/Scalyz.SecureBuild.Cli" -nr:false -v:q --nologo -o "$out/cli" >/dev/null
cp "$demo/ledger.json" "$out/securebuild-ledger.json"
dotnet "$out/cli/securebuild.dll" sla report --ledger "$out/securebuild-ledger.json" --policy "$demo/policy.json" \
  --as-of 2026-11-21T12:00:00Z --format html --output "$out/sla-report.html"

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size=1280,1000 --screenshot="$out/sla-report.png" "file://$out/sla-report.html" 2>/dev/null
echo "$out/sla-report.html"
echo "$out/sla-report.png"
