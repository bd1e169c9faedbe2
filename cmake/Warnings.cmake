# Our own code builds clean with -Wall -Wextra; third-party headers come in as SYSTEM includes
# (imported targets) so their warnings do not drown ours.
function(stts_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
  if(STTS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
