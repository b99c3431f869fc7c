#!/usr/bin/env python3
"""Writes a decompression-bomb PNG: 30000x30000 pixels, 1-bit grayscale, all black, ~110 KB on disk but
900 M pixels (2.7 GB as RGB) once decoded. Used by the fuzz corpus (src/test/resources/fuzz/bomb.png) to check
that the activations endpoint reads the dimensions from the header and refuses before decoding."""
import struct, sys, zlib

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)

def main(path, side=30000):
    row = b"\x00" + b"\x00" * ((side + 7) // 8)  # filter byte 0 + packed bits
    z = zlib.compressobj(9)
    idat = b"".join(z.compress(row) for _ in range(side)) + z.flush()
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)))
        f.write(chunk(b"IDAT", idat))
        f.write(chunk(b"IEND", b""))

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/fuzz/bomb.png")
