#!/usr/bin/python3
"""Marks a shared object's need of GLIBCXX_3.4.32 as weak, so that it loads with an older libstdc++ (issue 18).

TorchSharp-cpu 0.107.0's libLibTorchSharp.so asks for GLIBCXX_3.4.32 (GCC 13); Debian 12's libstdc++ has 3.4.30. Only
`std::ios_base_library_init` carries that version and nothing calls it, so the loader may skip the check: setting
VER_FLG_WEAK (0x2) on that version need turns "version not found" from a load error into nothing.

    python3 bench/weak-glibcxx-version.py bench/TorchReference/bin/Release/net10.0/linux-x64/libLibTorchSharp.so

The TorchReference project runs this after every build on the copy in its own bin/ (never on ~/.nuget/packages: the
NuGet cache and shipped binaries stay as published). It parses ELF64 little-endian: the section headers give
.gnu.version_r (SHT_GNU_verneed) and its linked string table; each Verneed entry (one per needed library) chains
Vernaux entries (one per needed version), and the Vernaux whose name is GLIBCXX_3.4.32 gets the weak flag.
Idempotent; a no-op when the file does not ask for that version or when the system's libstdc++ already has it.
"""
import os
import struct
import subprocess
import sys

VERSION = b"GLIBCXX_3.4.32"
SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def section_headers(elf):
    """(name, type, offset, size, link, info) of every section, names resolved through .shstrtab."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError("not a little-endian ELF64 file")
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3A)
    raw = [struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    names_offset = raw[shstrndx][4]
    return [(c_string(elf, names_offset + h[0]), h[1], h[4], h[5], h[6], h[7]) for h in raw], raw


def c_string(elf, offset):
    return bytes(elf[offset:elf.index(b"\0", offset)])


def version_needs(elf):
    """Yields (file offset of the Vernaux entry, version name, flags) for every needed version."""
    sections, raw = section_headers(elf)
    for name, kind, offset, _, link, count in sections:
        if kind != SHT_GNU_VERNEED or name != b".gnu.version_r":
            continue
        strings = raw[link][4]  # sh_link: the string table (.dynstr) that vn_file and vna_name index
        need = offset
        for _ in range(count):  # sh_info: the number of Verneed entries
            _, aux_count, _, aux, next_need = struct.unpack_from("<HHIII", elf, need)
            entry = need + aux
            for _ in range(aux_count):
                _, flags, _, name_offset, next_aux = struct.unpack_from("<IHHII", elf, entry)
                yield entry, c_string(elf, strings + name_offset), flags
                entry += next_aux
            need += next_need


def system_has_version():
    """Whether the libstdc++ the loader would pick already defines GLIBCXX_3.4.32."""
    try:
        cache = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
    except OSError:
        cache = ""
    paths = [line.split(" => ")[-1].strip() for line in cache.splitlines() if "libstdc++.so.6 " in line and "x86-64" in line]
    paths += ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib64/libstdc++.so.6"]
    for path in paths:
        if os.path.exists(path):
            with open(path, "rb") as f:
                return VERSION + b"\0" in f.read()
    return False


def make_weak(path):
    with open(path, "rb") as f:
        elf = bytearray(f.read())
    needs = [(entry, flags) for entry, name, flags in version_needs(elf) if name == VERSION]
    if not needs:
        return f"{path}: does not ask for {VERSION.decode()}; unchanged"
    if all(flags & VER_FLG_WEAK for _, flags in needs):
        return f"{path}: {VERSION.decode()} is already weak"
    for entry, flags in needs:
        struct.pack_into("<H", elf, entry + 4, flags | VER_FLG_WEAK)  # vna_flags follows the 4-byte vna_hash
    with open(path, "r+b") as f:
        f.write(elf)
    return f"{path}: marked {VERSION.decode()} weak"


def main():
    if len(sys.argv) < 2:
        sys.exit(f"usage: {sys.argv[0]} libLibTorchSharp.so...")
    if system_has_version():
        print(f"the system libstdc++ has {VERSION.decode()}; nothing to do")
        return
    for path in sys.argv[1:]:
        print(make_weak(path))


if __name__ == "__main__":
    main()
