#!/usr/bin/env bash
# Runs the whole test suite (unit, CLI and end-to-end tests) on a fresh machine that has the .NET SDK.
# Whatever the suite needs beyond the SDK is set up here, so CI and developers run exactly the same thing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

# The SBOM tests check output with the official schemas through npm packages pinned in tests/sbom-validator.
if [ ! tests/sbom-validator/node_modules -nt tests/sbom-validator/package-lock.json ]; then
  (cd tests/sbom-validator && npm ci --no-audit --no-fund)
fi

# The PostgreSQL ledger tests start their own throwaway cluster with the installed initdb/pg_ctl; as root they run it as
# the postgres user (initdb refuses root).
if ! command -v initdb >/dev/null 2>&1 && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if [ "$(id -u)" = 0 ] && ! id -u postgres >/dev/null 2>&1; then
  useradd --system --no-create-home postgres
fi

dotnet test Scalyz.SecureBuild.sln --nologo -v:q "$@"
