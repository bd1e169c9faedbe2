// Translation unit of stts_torch_pch, the target that owns the one shared torch/torch.h
// precompiled header (cmake/LibTorch.cmake). It defines nothing.
