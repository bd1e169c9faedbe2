#!/usr/bin/env python3
"""The engine against plain PyTorch eager on the same blocks, weights and shapes.

Runs bench_blocks (the C++ engine: ViT block stack and LLM prefill), then the same computation
written the ordinary eager way (matmul, softmax over full score tensors, repeat_interleave for
grouped heads, an additive float causal mask), on the weights bench_blocks wrote to or read from
--weights, and prints both times and their ratio. Optional benchmark tooling: needs Python with
PyTorch (the project venv has it); nothing in the build or the tests needs it.

  python3 tests/bench/eager_blocks.py --bench build/tests/bench/bench_blocks \\
      --weights /tmp/blocks-real --shapes real [--threads 2] [--frames 8] [--prefill 512,1024]
"""
import argparse
import json
import math
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time

import torch
import torch.nn.functional as F

VIT = "model.vision_backbone.image_vit.transformer.resblocks.{}.{}"
LLM = "model.transformer.blocks.{}.{}"


def read_safetensors(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", f"{name}: {info['dtype']} (bench weights are F32)"
        a, b = info["data_offsets"]
        out[name] = torch.frombuffer(bytearray(data[a:b]), dtype=torch.float32).reshape(info["shape"])
    return out


def vit_block(w, j, x, heads, head_dim, eps):
    g = lambda leaf: w[VIT.format(j, leaf)]
    b, length, width = x.shape
    a = F.layer_norm(x, (width,), g("attention_norm.weight"), g("attention_norm.bias"), eps)
    split = lambda t: t.view(b, length, heads, head_dim).transpose(1, 2)
    q = split(F.linear(a, g("attention.wq.weight"), g("attention.wq.bias")))
    k = split(F.linear(a, g("attention.wk.weight"), g("attention.wk.bias")))
    v = split(F.linear(a, g("attention.wv.weight"), g("attention.wv.bias")))
    p = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(head_dim), dim=-1)
    o = (p @ v).transpose(1, 2).reshape(b, length, width)
    y = x + F.linear(o, g("attention.wo.weight"), g("attention.wo.bias"))
    m = F.layer_norm(y, (width,), g("ffn_norm.weight"), g("ffn_norm.bias"), eps)
    m = F.gelu(F.linear(m, g("feed_forward.w1.weight"), g("feed_forward.w1.bias")), approximate="tanh")
    return y + F.linear(m, g("feed_forward.w2.weight"), g("feed_forward.w2.bias"))


def rms_norm(x, weight, eps):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def llm_block(w, i, h, cfg, cos, sin, mask):
    g = lambda leaf: w[LLM.format(i, leaf)]
    heads, kv, hd, eps = cfg["llm_heads"], cfg["llm_kv_heads"], cfg["llm_head_dim"], cfg["llm_eps"]
    _, length, _ = h.shape
    qkv = F.linear(rms_norm(h, g("attn_norm.weight"), eps), g("self_attn.att_proj.weight"))
    q, k, v = qkv.split([heads * hd, kv * hd, kv * hd], dim=-1)
    q = rms_norm(q.view(1, length, heads, hd), g("self_attn.q_norm.weight"), eps).transpose(1, 2)
    k = rms_norm(k.view(1, length, kv, hd), g("self_attn.k_norm.weight"), eps).transpose(1, 2)
    v = v.view(1, length, kv, hd).transpose(1, 2)
    q = q * cos + rotate_half(q) * sin
    k = k * cos + rotate_half(k) * sin
    k = k.repeat_interleave(heads // kv, dim=1)
    v = v.repeat_interleave(heads // kv, dim=1)
    s = q @ k.transpose(-1, -2) / math.sqrt(hd) + mask
    o = (torch.softmax(s, dim=-1) @ v).transpose(1, 2).reshape(1, length, heads * hd)
    out = h + F.linear(o, g("self_attn.attn_out.weight"))
    up, gate = F.linear(rms_norm(out, g("ff_norm.weight"), eps), g("mlp.ff_proj.weight")).chunk(2, dim=-1)
    return out + F.linear(up * F.silu(gate), g("mlp.ff_out.weight"))


def formula_input(shape, step):
    """sin(step * i) over the flat index in fp64, rounded to fp32: bench_blocks' inputs exactly."""
    return torch.sin(torch.arange(math.prod(shape), dtype=torch.float64) * step).float().view(shape)


def timed(fn, warmup, repeat):
    for _ in range(warmup):
        fn()
    runs, first = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        y = fn()
        runs.append((time.perf_counter() - t0) * 1000.0)
        if first is None:
            first = y
    return {"median_ms": statistics.median(runs), "runs_ms": runs,
            "checksum": first.double().abs().sum().item()}


def physical_cores():
    cores = set()
    for cpu in os.sched_getaffinity(0):
        base = f"/sys/devices/system/cpu/cpu{cpu}/topology/"
        try:
            with open(base + "physical_package_id") as p, open(base + "core_id") as c:
                cores.add((p.read().strip(), c.read().strip()))
        except OSError:
            return len(os.sched_getaffinity(0))
    return max(1, len(cores))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", required=True, help="the bench_blocks executable")
    ap.add_argument("--weights", required=True, help="folder of blocks.safetensors/blocks.json")
    ap.add_argument("--shapes", default="tiny", choices=["tiny", "real"])
    ap.add_argument("--frames", type=int, default=0)
    ap.add_argument("--vit-blocks", type=int, default=0)
    ap.add_argument("--llm-layers", type=int, default=0)
    ap.add_argument("--prefill", default="")
    ap.add_argument("--threads", type=int, default=0, help="0 = physical cores (as the engine)")
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", default="", help="write both reports here")
    a = ap.parse_args()

    threads = a.threads or physical_cores()
    cmd = [a.bench, "--weights", a.weights, "--shapes", a.shapes, "--threads", str(threads),
           "--warmup", str(a.warmup), "--repeat", str(a.repeat)]
    for flag, value in (("--frames", a.frames), ("--vit-blocks", a.vit_blocks),
                        ("--llm-layers", a.llm_layers)):
        if value:
            cmd += [flag, str(value)]
    if a.prefill:
        cmd += ["--prefill", a.prefill]
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "engine.json")
        subprocess.run(cmd + ["--json", report], check=True)
        with open(report) as f:
            engine = json.load(f)

    torch.set_num_threads(threads)
    torch.set_grad_enabled(False)
    cfg = engine["config"]
    w = read_safetensors(os.path.join(a.weights, "blocks.safetensors"))
    x = formula_input((engine["frames"], cfg["tokens_per_frame"], cfg["vit_width"]), 0.37)

    def vit():
        h = x
        for j in range(cfg["vit_blocks"]):
            h = vit_block(w, j, h, cfg["vit_heads"], cfg["vit_head_dim"], cfg["vit_eps"])
        return h

    eager = {"implementation": "pytorch-eager", "torch": torch.__version__, "threads": threads,
             "vit": timed(vit, a.warmup, a.repeat), "prefill": []}
    for run in engine["prefill"]:
        n = run["tokens"]
        e = formula_input((1, n, cfg["llm_width"]), 0.61)
        hd = cfg["llm_head_dim"]
        inv = 1.0 / cfg["rope_theta"] ** (torch.arange(0, hd, 2, dtype=torch.float32) / hd)
        ang = torch.arange(n, dtype=torch.float32)[:, None] * inv
        cos, sin = torch.cat((ang, ang), -1).cos(), torch.cat((ang, ang), -1).sin()

        def prefill():
            mask = torch.full((n, n), float("-inf")).triu(1)
            h = e
            for i in range(cfg["llm_layers"]):
                h = llm_block(w, i, h, cfg, cos, sin, mask)
            return h

        r = timed(prefill, a.warmup, a.repeat)
        r["tokens"] = n
        eager["prefill"].append(r)

    print(f"\nengine: LibTorch {engine['libtorch']}, BLAS threading {engine['blas_threading']}; "
          f"eager: PyTorch {torch.__version__}; {threads} threads; median of {a.repeat} after "
          f"{a.warmup} warm-up; {cfg.get('shapes', a.shapes)} shapes")
    print(f"{'what':<40} {'engine ms':>10} {'eager ms':>10} {'eager/engine':>13} {'checksum diff':>14}")
    rows = [(f"ViT {cfg['vit_blocks']} blocks x {engine['frames']} frames x "
             f"{cfg['tokens_per_frame']} tokens", engine["vit"], eager["vit"])]
    for en, ea in zip(engine["prefill"], eager["prefill"]):
        rows.append((f"prefill {cfg['llm_layers']} layers x {en['tokens']} tokens", en, ea))
    for label, en, ea in rows:
        diff = abs(en["checksum"] - ea["checksum"]) / max(abs(ea["checksum"]), 1e-30)
        print(f"{label:<40} {en['median_ms']:>10.1f} {ea['median_ms']:>10.1f} "
              f"{ea['median_ms'] / en['median_ms']:>12.2f}x {diff:>14.1e}")
    floor = engine["vit_matmuls"]["median_ms"]
    print(f"ViT matrix products alone (engine's BLAS, {engine['vit_matmul_gflops']:.0f} GFLOP at "
          f"{engine['blas_gflop_per_s']:.0f} GFLOP/s): {floor:.1f} ms; the engine's blocks take "
          f"{engine['vit']['median_ms'] / floor:.2f}x that, eager's {eager['vit']['median_ms'] / floor:.2f}x")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"engine": engine, "eager": eager}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
