#!/usr/bin/env bash
# The NuGet package folder the teaching notebooks restore into when this repository runs them (the README's main job,
# scripts/run-notebooks.sh, and the notebook tests): out/notebook-packages, never the user's ~/.nuget/packages. Prints it.
#
# Notebook 06 trains on libtorch. TorchSharp 0.107.0's native shim libLibTorchSharp.so asks for GLIBCXX_3.4.32 (GCC 13's
# libstdc++); Debian 12 has 3.4.30, so there it does not load. Its one symbol of that version, std::ios_base_library_init,
# is never called, and in a notebook TorchSharp loads the shim from the package folder. So this restores TorchSharp-cpu
# into that folder (from ~/.nuget/packages when it has it, so nothing is downloaded twice) and marks that version need
# weak in the shims there (bench/weak-glibcxx-version.py, as the bench and the TorchSharp tests do in their bin/). That
# is this repository's output: no package we ship and nothing in the user's package folder is patched, and where
# libstdc++ has GLIBCXX_3.4.32 the script changes nothing.
#
# The kernel caches the resolution of #r "nuget: …" in ~/.packagemanagement/nuget/Cache by package list, whatever the
# package folder; an entry that resolved TorchSharp in another folder would load that folder's shim, so it is removed.
set -euo pipefail
cd "$(dirname "$0")/.."
folder="$PWD/out/notebook-packages"
seed="$PWD/out/notebook-packages-seed"
mkdir -p "$seed"
cat > "$seed/seed.csproj" <<'PROJECT'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="TorchSharp-cpu" Version="0.107.0" /></ItemGroup>
</Project>
PROJECT
user_packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
sources=()
[ -d "$user_packages" ] && [ "$user_packages" != "$folder" ] && sources=("-p:RestoreAdditionalProjectSources=$user_packages")
NUGET_PACKAGES="$folder" dotnet restore "$seed/seed.csproj" --packages "$folder" --nologo "${sources[@]}" >&2

mapfile -t shims < <(find "$folder/torchsharp" -name libLibTorchSharp.so)
[ "${#shims[@]}" -gt 0 ] || { echo "error: no libLibTorchSharp.so under $folder/torchsharp after the restore" >&2; exit 1; }
if ! command -v python3 >/dev/null; then
  echo "== installing python3 (apt-get), which marks the shim's GLIBCXX need weak" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update >/dev/null && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 >/dev/null
fi
python3 bench/weak-glibcxx-version.py "${shims[@]}" >&2

cache="$HOME/.packagemanagement/nuget/Cache"
for paths in "$cache"/*.resolvedReferences.paths; do
  [ -e "$paths" ] || continue
  if grep -i ',/[^,]*/torchsharp/' "$paths" | grep -qv ",$folder/"; then
    rm -f "$paths" "${paths%.resolvedReferences.paths}.csx"
  fi
done
echo "$folder"
