# LibTorch discovery. Debian's libtorch-dev is found by default; any other LibTorch (a PyTorch
# 2.x wheel's, a CUDA build) through CMAKE_PREFIX_PATH, which scripts/lib.sh sets for you.
# Exposes stts::torch with SYSTEM includes so LibTorch's -Wextra noise stays out of our build.
#
# A CUDA LibTorch enables CMake's CUDA language while it is found. We compile no .cu files, so
# two settings keep that step working on machines without a GPU: a CUDA dialect that CMake knows
# for every nvcc (its default would copy our C++20, which CMake 3.25 cannot give nvcc 13), and
# an explicit architecture list (otherwise LibTorch probes the installed GPUs with try_run).
if(NOT DEFINED CMAKE_CUDA_STANDARD)
  set(CMAKE_CUDA_STANDARD 17)
endif()
if(NOT DEFINED TORCH_CUDA_ARCH_LIST AND NOT DEFINED ENV{TORCH_CUDA_ARCH_LIST})
  set(TORCH_CUDA_ARCH_LIST "8.0;9.0")  # A100, H100/H200
endif()
find_package(Torch REQUIRED)

add_library(stts_torch INTERFACE)
# PyPI's LibTorch (built with a manylinux devtoolset) exports its own copies of libstdc++ symbols,
# std::filesystem among them; when libtorch.so comes before libstdc++.so.6 in an executable's
# needed list, our calls bind to those copies, and std::filesystem::remove_all crashed there.
# Naming libstdc++ first makes the system's copy win the lookup.
target_link_libraries(stts_torch INTERFACE "-Wl,--push-state,--no-as-needed" stdc++
                      "-Wl,--pop-state" ${TORCH_LIBRARIES})
# /usr/include must never become -isystem (it breaks libstdc++'s #include_next).
set(_stts_torch_includes ${TORCH_INCLUDE_DIRS})
list(REMOVE_ITEM _stts_torch_includes /usr/include /usr/local/include)
target_include_directories(stts_torch SYSTEM INTERFACE ${_stts_torch_includes})
if(TORCH_CXX_FLAGS)
  separate_arguments(_stts_torch_flags UNIX_COMMAND "${TORCH_CXX_FLAGS}")
  target_compile_options(stts_torch INTERFACE ${_stts_torch_flags})
endif()
# One position-independence setting for every LibTorch consumer: Qt executables compile with
# -fPIC (Qt6::Core demands it), and the shared precompiled header below is only valid where the
# PIC setting matches the one it was made with.
target_compile_options(stts_torch INTERFACE -fPIC)
add_library(stts::torch ALIAS stts_torch)

# torch/torch.h costs ~20 s per translation unit and ~630 MB as a precompiled header. One object
# library makes it once; every LibTorch target reuses it (stts_use_torch_pch), so a cold build
# parses it once instead of once per target. GCC checks each use (-Winvalid-pch) and falls back
# to parsing when the flags differ, so a mismatch costs time, never correctness.
add_library(stts_torch_pch OBJECT ${CMAKE_CURRENT_LIST_DIR}/torch_pch.cpp)
target_link_libraries(stts_torch_pch PRIVATE stts_torch)
target_precompile_headers(stts_torch_pch PRIVATE <torch/torch.h>)
# The users' warning flags change predefined macros (-Wpedantic drops __cpp_runtime_arrays), and
# GCC rejects a header whose macros differ: make it with exactly the flags its users have.
stts_set_warnings(stts_torch_pch)
function(stts_use_torch_pch target)
  target_precompile_headers(${target} REUSE_FROM stts_torch_pch)
endfunction()

set(STTS_TORCH_HAS_CUDA OFF)
if(TARGET torch_cuda OR TARGET c10_cuda OR CUDA_FOUND)
  set(STTS_TORCH_HAS_CUDA ON)
endif()
if(STTS_WITH_CUDA STREQUAL "ON" AND NOT STTS_TORCH_HAS_CUDA)
  message(FATAL_ERROR "STTS_WITH_CUDA=ON but the LibTorch at ${Torch_DIR} was built without CUDA")
endif()
if(STTS_WITH_CUDA STREQUAL "OFF")
  set(STTS_TORCH_HAS_CUDA OFF)
endif()
# The engine's CUDA code (events, caching-allocator statistics and limits) compiles exactly when
# the LibTorch has CUDA: on a CUDA LibTorch every CUDA source is compiled and linked, whether or
# not this machine has a GPU.
if(STTS_TORCH_HAS_CUDA)
  target_compile_definitions(stts_torch INTERFACE STTS_HAVE_CUDA=1)
endif()
message(STATUS "LibTorch ${Torch_VERSION} from ${Torch_DIR} (CUDA: ${STTS_TORCH_HAS_CUDA})")
