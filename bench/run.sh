#!/usr/bin/env bash
# The benchmark of issue 5 in one command: ensures PyTorch (Debian python3-torch on OpenBLAS), builds the bench in
# Release, runs the PyTorch reference with torch threads 1 and 2 (OPENBLAS_NUM_THREADS=1) and our bench in alternating
# rounds, and writes the comparison.
#
#   bash bench/run.sh           full bench (about 10 minutes): writes bench/results.md and bench/results.json and
#                               exits 1 when a target is missed
#   bash bench/run.sh --smoke   tiny shapes, 2 timed batches on both sides (CI, < 2 minutes): writes bench/out/smoke/
#                               and checks no target
#   bash bench/run.sh --avx2    the full bench with AVX-512 off on both sides, as on most laptops: writes
#                               bench/out/avx2/ (DOTNET_EnableAVX512=0; ATEN_CPU_CAPABILITY=avx2, OPENBLAS_CORETYPE=Haswell)
#   BENCH_ROUNDS=N overrides the number of rounds; BENCH_ENGINE labels the engine version (default: git describe).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
case "${1:-}" in
  "") ;;
  --smoke) mode=smoke ;;
  --avx2) mode=avx2 ;;
  *) echo "usage: bash bench/run.sh [--smoke | --avx2]" >&2; exit 2 ;;
esac
if [ "$mode" = avx2 ]; then
  # Each side ignores the other's switches: .NET reads DOTNET_*, PyTorch's own kernels ATEN_*, OpenBLAS OPENBLAS_*.
  export DOTNET_EnableAVX512=0 ATEN_CPU_CAPABILITY=avx2 OPENBLAS_CORETYPE=Haswell
fi
smoke_flag=()
[ "$mode" = smoke ] && smoke_flag=(--smoke)
python=/usr/bin/python3
export OPENBLAS_NUM_THREADS=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "error: '$*' needs root (or sudo) to install the PyTorch reference." >&2; exit 1
  fi
}

apt_install() {
  echo "== installing $* (apt-get)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null \
    || { as_root apt-get update >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null; }
}

# Debian's python3-torch loads whatever libblas.so.3 points to; without OpenBLAS that is the reference BLAS, which is
# not the baseline the issue asks for.
torch_uses_openblas() {
  "$python" - <<'PY' 2>/dev/null
import torch
torch.mm(torch.ones(2, 2), torch.ones(2, 2))
raise SystemExit(0 if any("openblas" in line for line in open("/proc/self/maps")) else 1)
PY
}

"$python" -c "import torch" 2>/dev/null || apt_install python3-torch
torch_uses_openblas || apt_install libopenblas0-pthread
torch_uses_openblas || { echo "error: torch does not load OpenBLAS (check the libblas.so.3 alternative)." >&2; exit 1; }

echo "== building bench (Release)"
dotnet build bench/Bench/Bench.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
bench=(dotnet bench/Bench/bin/Release/net10.0/Bench.dll "${smoke_flag[@]}")

work=bench/out/$mode
mkdir -p "$work"
"${bench[@]}" --list-configs >"$work/plan.json"

# Rounds alternate PyTorch and ours, so that load from other processes on a shared machine hits both sides alike;
# each side keeps its best round per configuration. BENCH_ROUNDS overrides the count (full 2, smoke 1).
if [ "$mode" = smoke ]; then rounds=${BENCH_ROUNDS:-1}; else rounds=${BENCH_ROUNDS:-2}; fi
results=()
for round in $(seq 1 "$rounds"); do
  for threads in 1 2; do
    echo "== round $round/$rounds: PyTorch reference, torch threads $threads"
    "$python" bench/pytorch_reference.py --plan "$work/plan.json" --threads "$threads" >"$work/pytorch-r$round-t$threads.json"
    results+=(--pytorch "$work/pytorch-r$round-t$threads.json")
  done
  echo "== round $round/$rounds: NotebookRnn bench"
  "${bench[@]}" --measure-only "$work/ours-r$round.json"
  results+=(--ours "$work/ours-r$round.json")
done

if [ "$mode" = full ]; then out=bench; else out=$work; fi
engine=${BENCH_ENGINE:-$(git describe --always --dirty 2>/dev/null || echo unknown)}
if [ "$mode" = avx2 ]; then engine="$engine, AVX-512 off on both sides"; fi
"${bench[@]}" "${results[@]}" --out "$out" --engine "$engine"
