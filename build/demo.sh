#!/usr/bin/env bash
# The main job on a sample: packs Scalyz.SecureBuild into a local feed, adds it to a copy of a sample project
# (as a team adds it once in Directory.Build.props) and runs a real `dotnet build`, offline on the package's own data.
# Usage: build/demo.sh [SampleName]   (default: VulnerableWebApp; see tests/samples/)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sample="${1:-VulnerableWebApp}"
[ -d "$root/tests/samples/$sample" ] || { echo "demo: no sample '$sample' in tests/samples/" >&2; exit 2; }

work="$root/artifacts/demo"
version="0.1.0-demo.$(date -u +%Y%m%d%H%M%S)"
rm -rf "$work" && mkdir -p "$work/feed"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== Packing Scalyz.SecureBuild $version"
dotnet pack "$root/src/Scalyz.SecureBuild/Scalyz.SecureBuild.csproj" -c Release -o "$work/feed" -p:Version="$version" -nr:false -v:q -clp:NoSummary

echo "== Building tests/samples/$sample with it"
cp -r "$root/tests/samples" "$work/samples"
find "$work/samples" -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
cat > "$work/samples/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="securebuild-demo" value="$work/feed" />
  </packageSources>
</configuration>
CONFIG
export SecureBuildPackageVersion="$version" NUGET_PACKAGES="$work/packages"
set +e
dotnet build "$work/samples/$sample/$sample.csproj" -nr:false -clp:NoSummary -v:m
status=$?
set -e

echo
echo "== What SecureBuild wrote (obj/securebuild/)"
ls -l "$work/samples/$sample/obj/securebuild/" 2>/dev/null || echo "(nothing: the build stopped before SecureBuild ran)"
echo
echo "dotnet build exited with $status (a planted critical problem is expected to fail the build)."
