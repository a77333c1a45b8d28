#!/usr/bin/env bash
# Makes this repository's NotebookRnn loadable in Jupyter and VS Code notebooks, as if it came from a public feed:
#   1. packs src/Extension (NotebookRnn) and src/TorchSharp (NotebookRnn.TorchSharp, the libtorch backend) (Release)
#      into out/packages with one version stamped from the clock (0.1.YYYYMMDD.HHMMSS), so a kernel started afterwards
#      loads this build, never an older copy cached in ~/.nuget/packages;
#   2. copies the package into a per-user feed outside the clone (~/.local/share/NotebookRnn/packages, keeping the
#      newest five of each) and registers that feed as the user's NuGet source "notebookrnn-local": a source inside a clone
#      would break every later `dotnet restore` of the user (NU1301) once that clone is deleted;
#   3. installs the real kernel: Debian's jupyter-client, jupyter-nbconvert, python3-nbclient and python3-nbformat, the
#      dotnet tool Microsoft.dotnet-interactive 1.0.712001, and its Jupyter kernel .net-csharp, whose command is made
#      absolute so that the kernel starts whether or not ~/.dotnet/tools is on PATH.
# A notebook then needs only `#r "nuget: NotebookRnn"`. Each step does nothing when it is done already, except the pack.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

packages="$(pwd)/out/packages"
# The feed is registered before the pack: a source left by an older run of this script in a deleted clone would make
# the pack's restore fail.
feed="${XDG_DATA_HOME:-$HOME/.local/share}/NotebookRnn/packages"
mkdir -p "$feed"
if dotnet nuget list source --format short | grep -q " $feed\$"; then
  echo "== NuGet source $feed is registered"
else
  dotnet nuget remove source notebookrnn-local >/dev/null 2>&1 || true
  dotnet nuget add source "$feed" --name notebookrnn-local
fi

version="0.1.$(date -u +%Y%m%d).$(date -u +%H%M%S | sed 's/^0*//; s/^$/0/')"
echo "== packing NotebookRnn and NotebookRnn.TorchSharp $version into $packages"
mkdir -p "$packages"
dotnet pack src/Extension -c Release -o "$packages" -p:PackageVersion="$version" --nologo -v quiet -clp:ErrorsOnly
# NotebookRnn.TorchSharp depends on NotebookRnn of the same version and on TorchSharp; never on a libtorch runtime.
dotnet pack src/TorchSharp -c Release -o "$packages" -p:PackageVersion="$version" --nologo -v quiet -clp:ErrorsOnly
echo "$version" >"$packages/latest-version"

for id in NotebookRnn NotebookRnn.TorchSharp; do
  cp "$packages/$id.$version.nupkg" "$feed/"
  ls -1t "$feed/$id".[0-9]*.nupkg | tail -n +6 | xargs -r rm -f
done

missing=()
for package in jupyter-client jupyter-nbconvert python3-nbclient python3-nbformat; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]} (apt-get)"
  apt-cache show "${missing[0]}" >/dev/null 2>&1 || as_root apt-get update >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi

tools="$HOME/.dotnet/tools"
if ! dotnet tool list -g | grep -q '^microsoft.dotnet-interactive  *1.0.712001'; then
  echo "== installing the dotnet tool Microsoft.dotnet-interactive 1.0.712001"
  dotnet tool uninstall -g Microsoft.dotnet-interactive >/dev/null 2>&1 || true
  dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001
fi
spec="$(jupyter --data-dir)/kernels/.net-csharp/kernel.json"
if [ ! -f "$spec" ]; then
  echo "== registering the .NET Interactive kernels with Jupyter"
  PATH="$PATH:$tools" "$tools/dotnet-interactive" jupyter install
fi
/usr/bin/python3 - "$spec" "$tools/dotnet-interactive" <<'PY'
import json, sys
path, tool = sys.argv[1], sys.argv[2]
spec = json.load(open(path))
argv = spec["argv"]
if argv[:2] == ["dotnet", "interactive"]:
    spec["argv"] = [tool] + argv[2:]
    json.dump(spec, open(path, "w"), indent=2)
PY
echo "setup-notebooks: NotebookRnn and NotebookRnn.TorchSharp $version in $packages; Jupyter kernel .net-csharp -> $(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['argv'][0])" "$spec")"
