# cmake -DLUPDATE=… -DSOURCES_LIST=… -DTS_FILES=a.ts;b.ts -DINCLUDE_DIR=… -DWORK_DIR=… -P this
# Refreshes a copy of each catalogue from the sources and fails when a message is unfinished.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(problems "")
foreach(ts IN LISTS TS_FILES)
  get_filename_component(name "${ts}" NAME)
  set(copy "${WORK_DIR}/${name}")
  configure_file("${ts}" "${copy}" COPYONLY)
  execute_process(
    COMMAND "${LUPDATE}" -silent -no-obsolete -locations none "-I${INCLUDE_DIR}" "@${SOURCES_LIST}"
            -ts "${copy}"
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "lupdate failed on ${name}:\n${output}")
  endif()
  file(STRINGS "${copy}" lines)
  set(previous "")
  foreach(line IN LISTS lines)
    if(line MATCHES "type=\"unfinished\"")
      string(STRIP "${previous}" source)
      string(APPEND problems "  ${name}: ${source}\n")
    endif()
    set(previous "${line}")
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "Messages without a translation (run `ninja update_translations`, then "
                      "translate them in translations/*.ts):\n${problems}")
endif()
message(STATUS "Every message of ${TS_FILES} is translated")
