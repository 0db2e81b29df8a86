#!/usr/bin/env python3
"""Lists the GPU code inside nd4j's CUDA natives: which SASS (cubin) architectures and which PTX
versions the fat binaries of libnd4jcuda.so carry. SASS for sm_XY runs natively on compute
capability X.Y and on X.Z with Z > Y (same major); PTX can be JIT-compiled for newer GPUs; a GPU
with neither cannot run the kernels.

Usage: python3 tools/cuda-archs.py ~/.m2/repository/org/nd4j/nd4j-cuda-11.6/1.0.0-M2.1/nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar

Reads the fat-binary headers (magic 0xBA55ED50; per entry: kind 1 = PTX, 2 = ELF/SASS, and the
target architecture), which nvcc writes uncompressed even with -Xfatbin -compress-all.
"""
import collections
import mmap
import struct
import sys
import tempfile
import zipfile

FATBIN_MAGIC = struct.pack("<I", 0xBA55ED50)
KINDS = {1: "PTX", 2: "SASS"}


def entries(blob):
    """(kind, sm) of every entry of every fat binary in blob."""
    found = collections.Counter()
    binaries = 0
    pos = 0
    while True:
        i = blob.find(FATBIN_MAGIC, pos)
        if i < 0:
            return binaries, found
        header_size = struct.unpack_from("<H", blob, i + 6)[0]
        size = struct.unpack_from("<Q", blob, i + 8)[0]
        p, end = i + header_size, i + header_size + size
        binaries += 1
        while p < end:
            kind = struct.unpack_from("<H", blob, p)[0]
            entry_header = struct.unpack_from("<I", blob, p + 4)[0]
            entry_size = struct.unpack_from("<Q", blob, p + 8)[0]
            arch = struct.unpack_from("<I", blob, p + 28)[0]
            found[(KINDS.get(kind, str(kind)), arch)] += 1
            if entry_header == 0:
                break
            p += entry_header + entry_size
        pos = i + 4


def main(jar):
    with zipfile.ZipFile(jar) as z:
        name = next(n for n in z.namelist() if n.endswith("libnd4jcuda.so"))
        with tempfile.TemporaryFile() as tmp:
            with z.open(name) as src:
                while chunk := src.read(1 << 24):
                    tmp.write(chunk)
            tmp.flush()
            blob = mmap.mmap(tmp.fileno(), 0, access=mmap.ACCESS_READ)
            binaries, found = entries(blob)
    print(f"{name}: {binaries} fat binaries")
    for kind in ("SASS", "PTX"):
        archs = sorted(a for (k, a) in found if k == kind)
        print(f"  {kind}: " + (", ".join(f"sm_{a}" for a in archs) if archs else "none"))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
