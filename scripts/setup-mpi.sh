#!/usr/bin/env bash
# Installs what tests/Distributed.Tests needs, and does nothing when it is there already: Open MPI's mpirun and the
# libmpi.so.40 that NotebookRnn.Distributed loads (Debian's openmpi-bin, which brings libopenmpi3).
# CI runs it as root; elsewhere apt-get goes through sudo.
set -euo pipefail

if ! command -v mpirun >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  # Read the package lists only when apt does not know openmpi-bin yet (a fresh machine).
  if ! apt-cache show openmpi-bin >/dev/null 2>&1; then $sudo apt-get update; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y openmpi-bin
fi

echo "setup-mpi: $(mpirun --version 2>/dev/null | head -n 1)"
