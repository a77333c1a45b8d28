#!/usr/bin/env bash
# The README's main job: runs every teaching notebook (notebooks/*.ipynb) headless with nbrnn in the real C# kernel and
# writes the executed notebooks and their HTML pages to out/. Extra arguments go to `nbrnn run` (e.g. --param epochs=2).
# The notebooks restore their packages into this repository's out/notebook-packages (scripts/notebook-packages.sh says
# why: notebook 06 needs libtorch's shim to load on Debian 12 too).
set -euo pipefail
cd "$(dirname "$0")/.."
packages=$(bash scripts/notebook-packages.sh)
NUGET_PACKAGES="$packages" dotnet run --project src/Cli -c Release -- run notebooks --out out "$@"
