# Runs bench_gpu on the CPU with the tiny model and checks its JSON: one row per frames x
# (none + methods x keeps), the unpruned row at speedup 1, fewer vision tokens at lower keep, and
# the fields gpu_check.sh's table reads.
execute_process(COMMAND ${BENCH} --shapes tiny --device cpu --dtype float32 --frames 4,6
                        --keeps 1.0,0.5 --methods none,stts,evs --warmup 0 --repeat 1
                        --new-tokens 2 --peak-frames 8 --json ${OUT}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "bench_gpu failed (${rc}):\n${out}\n${err}")
endif()
message(STATUS "${out}")
file(READ ${OUT} json)
string(JSON runs LENGTH "${json}" runs)
if(NOT runs EQUAL 10)  # 2 frame counts x (none + 2 methods x 2 keeps)
  message(FATAL_ERROR "expected 10 runs, got ${runs}")
endif()
foreach(i RANGE 0 9)
  foreach(field frames method keep vision_tokens prompt_tokens decode_ms_per_token
                prefill_speedup_vs_unpruned vit_post_vs_unpruned ideal_token_ratio peak_gpu_mib)
    string(JSON value ERROR_VARIABLE missing GET "${json}" runs ${i} ${field})
    if(missing)
      message(FATAL_ERROR "run ${i} lacks ${field}")
    endif()
  endforeach()
  foreach(stage vit_pre vit_post connector prefill decode_tokens)
    string(JSON value ERROR_VARIABLE missing GET "${json}" runs ${i} ms ${stage})
    if(missing)
      message(FATAL_ERROR "run ${i} lacks the ${stage} time")
    endif()
  endforeach()
endforeach()
string(JSON method GET "${json}" runs 0 method)
string(JSON speedup GET "${json}" runs 0 prefill_speedup_vs_unpruned)
string(JSON full GET "${json}" runs 0 vision_tokens)
string(JSON half GET "${json}" runs 2 vision_tokens)  # stts keep 0.5
if(NOT method STREQUAL "none" OR NOT speedup MATCHES "^1(\\.0+)?$" OR NOT half LESS full)
  message(FATAL_ERROR "unexpected rows: method ${method}, speedup ${speedup}, tokens ${full} -> ${half}")
endif()
string(JSON peak GET "${json}" peak frames)
if(NOT peak EQUAL 8)
  message(FATAL_ERROR "the peak run is missing")
endif()
