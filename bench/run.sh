#!/usr/bin/env bash
# The benchmark of issues 5 and 18 in one command: ensures PyTorch 1.13 (Debian python3-torch on OpenBLAS), builds the
# bench and the libtorch 2.10 reference (bench/TorchReference, TorchSharp-cpu) in Release, runs libtorch and PyTorch with
# torch threads 1 and 2 (OPENBLAS_NUM_THREADS=1) and our bench in alternating rounds, and writes the comparison.
#
#   bash bench/run.sh           full bench: writes bench/results.md and bench/results.json and exits 1 when a target is
#                               missed. On a CPU with AVX-512 it runs twice: as the machine is, then with AVX-512 off on
#                               every side (the --avx2 pass, bench/results-avx2.json); results.md holds both tables.
#   bash bench/run.sh --smoke   tiny shapes, 2 timed batches on every side (CI, < 3 minutes): writes bench/out/smoke/ and
#                               checks no target
#   bash bench/run.sh --avx2    only the AVX2 pass, AVX-512 off on every side as on most laptops: writes bench/out/avx2/
#                               (DOTNET_EnableAVX512=0; ATEN_CPU_CAPABILITY=avx2, MKL_ENABLE_INSTRUCTIONS=AVX2,
#                               ONEDNN_MAX_CPU_ISA=AVX2, OPENBLAS_CORETYPE=Haswell)
#   BENCH_ROUNDS=N overrides the number of rounds of libtorch and ours (full 2, smoke 1), and of the torch-backend rows;
#   BENCH_PYTORCH_ROUNDS=N those of PyTorch 1.13, the slow second column (1); BENCH_BACKEND_THREADS=N the torch threads of
#   the torch-backend rows (1); BENCH_ENGINE labels the engine version (default: git describe).
#
# Every round also runs the MPI row (issue 20): textgen on 2 processes under mpirun (Open MPI), 1 device each, against the
# in-process 2-device row; every pass then runs it twice more under Open MPI's pml monitoring to measure the bytes each
# process sends per batch.
#
# Every pass ends with the torch-backend rows (issue 19): TorchReference --backend-rows times our models compiled with
# backend: TorchBackend.Instance against plain TorchSharp in one process, the two in turn batch by batch; target overhead
# <= 10 %.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
case "${1:-}" in
  "") ;;
  --smoke) mode=smoke ;;
  --avx2) mode=avx2 ;;
  *) echo "usage: bash bench/run.sh [--smoke | --avx2]" >&2; exit 2 ;;
esac
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
command -v mpirun >/dev/null || apt_install openmpi-bin

echo "== building bench and the libtorch reference (Release)"
dotnet build bench/Bench/Bench.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
# TorchReference.csproj marks the GLIBCXX_3.4.32 need of its bin/ copy of libLibTorchSharp.so weak after the build
# (bench/weak-glibcxx-version.py; a no-op where libstdc++ is new enough).
dotnet build bench/TorchReference/TorchReference.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
bench=(dotnet bench/Bench/bin/Release/net10.0/Bench.dll "${smoke_flag[@]}")
libtorch=(dotnet bench/TorchReference/bin/Release/net10.0/linux-x64/TorchReference.dll)
engine=${BENCH_ENGINE:-$(git describe --always --dirty 2>/dev/null || echo unknown)}
# Not bound to cores (Open MPI binds each of 2 ranks to a core by default), as the in-process devices' threads are not.
mpirun=(mpirun --allow-run-as-root --oversubscribe --bind-to none -np 2)

# One pass: rounds alternate libtorch, PyTorch and ours, so that load from other processes on a shared machine hits every
# side alike; each side keeps its best round per configuration. PyTorch 1.13 runs in the first BENCH_PYTORCH_ROUNDS rounds
# only. Writes $work/results.{md,json}, and $work/missed when a target is missed (any other failure stops the script).
run_pass() {
  local pass=$1 work=bench/out/$1 rounds pytorch_rounds results=()
  mkdir -p "$work"
  rm -f "$work/missed"
  "${bench[@]}" --list-configs >"$work/plan.json"
  if [ "$mode" = smoke ]; then rounds=${BENCH_ROUNDS:-1}; else rounds=${BENCH_ROUNDS:-2}; fi
  pytorch_rounds=${BENCH_PYTORCH_ROUNDS:-1}
  for round in $(seq 1 "$rounds"); do
    for threads in 1 2; do
      echo "== $pass round $round/$rounds: libtorch reference, torch threads $threads"
      "${libtorch[@]}" --plan "$work/plan.json" --threads "$threads" >"$work/libtorch-r$round-t$threads.json"
      results+=(--torchsharp "$work/libtorch-r$round-t$threads.json")
      if [ "$round" -le "$pytorch_rounds" ]; then
        echo "== $pass round $round/$rounds: PyTorch reference, torch threads $threads"
        "$python" bench/pytorch_reference.py --plan "$work/plan.json" --threads "$threads" >"$work/pytorch-r$round-t$threads.json"
        results+=(--pytorch "$work/pytorch-r$round-t$threads.json")
      fi
    done
    echo "== $pass round $round/$rounds: NotebookRnn bench"
    "${bench[@]}" --measure-only "$work/ours-r$round.json"
    results+=(--ours "$work/ours-r$round.json")
    echo "== $pass round $round/$rounds: NotebookRnn on 2 processes (mpirun -np 2)"
    "${mpirun[@]}" "${bench[@]}" --mpi-measure "$work/mpi-r$round.json"
    results+=(--mpi "$work/mpi-r$round.json")
  done
  # Each rank writes the bytes it sent to each peer at MPI_Finalize (DIR/few.R.prof); the difference of a 2- and a 6-batch
  # run is 4 training steps, without the start (seed check, weights broadcast).
  echo "== $pass: bytes sent per batch on 2 processes (Open MPI pml monitoring, runs of 2 and 6 batches)"
  rm -rf "$work/exchange"
  mkdir -p "$work/exchange"
  for run in few:2 many:6; do
    "${mpirun[@]}" --mca pml_monitoring_enable 2 --mca pml_monitoring_enable_output 3 --mca pml_monitoring_filename "$work/exchange/${run%:*}" \
      "${bench[@]}" --mpi-measure "$work/exchange/${run%:*}.json" --batches "${run#*:}" >/dev/null
  done
  results+=(--mpi-exchange "$work/exchange")
  local backend_threads=${BENCH_BACKEND_THREADS:-1}
  echo "== $pass: torch-backend rows, ours on libtorch vs plain TorchSharp ($rounds rounds, torch threads $backend_threads)"
  "${libtorch[@]}" --plan "$work/plan.json" --threads "$backend_threads" --backend-rows --rounds "$rounds" >"$work/torch-backend.json"
  results+=(--torch-backend "$work/torch-backend.json")
  local label=$engine
  [ "$pass" = avx2 ] && label="$engine, AVX-512 off on every side"
  "${bench[@]}" "${results[@]}" --out "$work" --engine "$label" || touch "$work/missed"
}

# The AVX2 pass in a subshell: each side ignores the others' switches (.NET reads DOTNET_*, libtorch's and PyTorch's own
# kernels ATEN_*, libtorch's MKL MKL_* and oneDNN ONEDNN_*, OpenBLAS OPENBLAS_*).
run_avx2_pass() (
  export DOTNET_EnableAVX512=0 ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2 ONEDNN_MAX_CPU_ISA=AVX2 OPENBLAS_CORETYPE=Haswell
  run_pass avx2
)

case "$mode" in
  smoke) run_pass smoke; passes=(smoke) ;;
  avx2) run_avx2_pass; passes=(avx2) ;;
  full)
    run_pass full
    passes=(full)
    cp bench/out/full/results.json bench/results.json
    cp bench/out/full/results.md bench/results.md
    if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
      run_avx2_pass
      passes+=(avx2)
      cp bench/out/avx2/results.json bench/results-avx2.json
      { echo; cat bench/out/avx2/results.md; } >>bench/results.md
    fi
    echo "wrote bench/results.md"
    ;;
esac
for pass in "${passes[@]}"; do
  [ ! -e "bench/out/$pass/missed" ] || { echo "targets missed in the $pass pass; see bench/out/$pass/results.md" >&2; exit 1; }
done
