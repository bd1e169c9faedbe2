# LibTorch discovery. Debian's libtorch-dev is found by default; any other LibTorch (a PyTorch
# 2.x wheel's, a CUDA build) through CMAKE_PREFIX_PATH, which scripts/lib.sh sets for you.
# Exposes stts::torch with SYSTEM includes so LibTorch's -Wextra noise stays out of our build.
find_package(Torch REQUIRED)

add_library(stts_torch INTERFACE)
target_link_libraries(stts_torch INTERFACE ${TORCH_LIBRARIES})
# /usr/include must never become -isystem (it breaks libstdc++'s #include_next).
set(_stts_torch_includes ${TORCH_INCLUDE_DIRS})
list(REMOVE_ITEM _stts_torch_includes /usr/include /usr/local/include)
target_include_directories(stts_torch SYSTEM INTERFACE ${_stts_torch_includes})
if(TORCH_CXX_FLAGS)
  separate_arguments(_stts_torch_flags UNIX_COMMAND "${TORCH_CXX_FLAGS}")
  target_compile_options(stts_torch INTERFACE ${_stts_torch_flags})
endif()
add_library(stts::torch ALIAS stts_torch)

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
message(STATUS "LibTorch ${Torch_VERSION} from ${Torch_DIR} (CUDA: ${STTS_TORCH_HAS_CUDA})")
