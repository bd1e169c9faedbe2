#!/usr/bin/env python3
"""Independent reader of an STTS run file (engine/runfile/FORMAT.md), written from the format
description and the safetensors spec only. Usage: check_runfile.py RUNFILE EXPECTED.json

EXPECTED.json (written by test_runfile) lists, per tensor, dtype, shape, the SHA-256 of its raw
bytes and a few values; the metadata fields to compare; and a file whose first MiB's SHA-256
must equal the metadata's video.head_sha256. Exit 0 when everything matches, 1 otherwise with
the reasons on stderr. Uses numpy when available, else struct."""
import hashlib
import json
import struct
import sys

try:
    import numpy as np
except ImportError:  # the pyenv python may lack numpy; struct does the same job
    np = None

DTYPES = {"F32": ("<f4", "f", 4), "F64": ("<f8", "d", 8), "U8": ("u1", "B", 1),
          "I32": ("<i4", "i", 4), "I64": ("<i8", "q", 8)}

problems = []


def check(cond, message):
    if not cond:
        problems.append(message)


def values(dtype, raw):
    if np is not None:
        return np.frombuffer(raw, dtype=DTYPES[dtype][0]).tolist()
    _, code, size = DTYPES[dtype]
    return list(struct.unpack("<%d%s" % (len(raw) // size, code), raw))


def main():
    path, expected_path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        data = f.read()
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)

    # Header: u64 little-endian length N, then N bytes of UTF-8 JSON padded with spaces to a
    # multiple of 8 (what safetensors' own writer does), then the tensor bytes.
    (n,) = struct.unpack("<Q", data[:8])
    check(n % 8 == 0, "header length %d is not a multiple of 8" % n)
    header_text = data[8:8 + n].decode("utf-8")
    check(header_text.rstrip(" ").endswith("}"), "the header is not JSON padded with spaces")
    header = json.loads(header_text)
    body = data[8 + n:]

    meta = header.pop("__metadata__", None)
    check(isinstance(meta, dict) and list(meta.keys()) == ["stts"],
          "__metadata__ must hold exactly the key 'stts', found %r" % (meta,))
    info = json.loads(meta["stts"])

    # Offsets tile the data section: contiguous from 0 and ending at EOF.
    spans = sorted((v["data_offsets"][0], v["data_offsets"][1]) for v in header.values())
    pos = 0
    for begin, end in spans:
        check(begin == pos, "gap or overlap at byte %d" % begin)
        pos = end
    check(pos == len(body), "data section has %d bytes, tensors cover %d" % (len(body), pos))

    want_tensors = expected["tensors"]
    check(sorted(header) == sorted(want_tensors),
          "tensor names %s != expected %s" % (sorted(header), sorted(want_tensors)))
    for name, want in want_tensors.items():
        if name not in header:
            continue
        got = header[name]
        begin, end = got["data_offsets"]
        raw = body[begin:end]
        check(got["dtype"] == want["dtype"], "%s: dtype %s != %s" % (name, got["dtype"], want["dtype"]))
        check(got["shape"] == want["shape"], "%s: shape %s != %s" % (name, got["shape"], want["shape"]))
        count = 1
        for d in got["shape"]:
            count *= d
        check(len(raw) == count * DTYPES[got["dtype"]][2], "%s: byte count does not match shape" % name)
        check(begin % DTYPES[got["dtype"]][2] == 0, "%s: data is not aligned to its element size" % name)
        check(hashlib.sha256(raw).hexdigest() == want["sha256"], "%s: bytes differ" % name)
        first = values(got["dtype"], raw[:len(want["first"]) * DTYPES[got["dtype"]][2]])
        check(first == want["first"], "%s: first values %s != %s" % (name, first, want["first"]))

    for key, want in expected["metadata"].items():
        node = info
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        check(node == want, "metadata %s: %r != %r" % (key, node, want))

    with open(expected["identity_file"], "rb") as f:
        head = f.read(1 << 20)
    check(info["video"]["head_sha256"] == hashlib.sha256(head).hexdigest(),
          "video.head_sha256 is not the SHA-256 of the file's first MiB")

    # keep is 0/1 and kept_per_frame its row sums, recomputed here from the raw bytes.
    k0, k1 = header["keep"]["data_offsets"]
    keep = values("U8", body[k0:k1])
    p0, p1 = header["kept_per_frame"]["data_offsets"]
    per_frame = values("I32", body[p0:p1])
    check(set(keep) <= {0, 1}, "keep holds values other than 0 and 1")
    sums = [sum(keep[i * 81:(i + 1) * 81]) for i in range(len(per_frame))]
    check(sums == per_frame, "kept_per_frame %s != row sums %s" % (per_frame, sums))

    if problems:
        for p in problems:
            print("check_runfile: " + p, file=sys.stderr)
        return 1
    print("check_runfile: ok (%d tensors, numpy %s)" % (len(header), "yes" if np is not None else "no"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
