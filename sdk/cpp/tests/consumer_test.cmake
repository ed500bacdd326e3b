# Installs the SDK component into a fresh prefix, builds tests/consumer against it with
# find_package(troupe), and checks that the resulting servo answers a step over ndjson.
# Inputs: BUILD_DIR, CONSUMER_SOURCE, WORK_DIR, GENERATOR.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

function(run_step description)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${description} failed (${result}):\n${output}")
  endif()
endfunction()

run_step("install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix
  --component troupe_servo_sdk)
if(NOT EXISTS ${WORK_DIR}/prefix/include/troupe/servo.hpp)
  message(FATAL_ERROR "the install did not place include/troupe/servo.hpp")
endif()
run_step("configure the consumer" ${CMAKE_COMMAND} -S ${CONSUMER_SOURCE} -B ${WORK_DIR}/build
  -G ${GENERATOR} -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_BUILD_TYPE=Release)
run_step("build the consumer" ${CMAKE_COMMAND} --build ${WORK_DIR}/build)

file(WRITE ${WORK_DIR}/requests.ndjson
  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"health\"}\n"
  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"executeStep\",\"params\":{\"step\":\"the buffer 'b' has size 3\",\"stepType\":\"given\"}}\n"
  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}\n")
execute_process(COMMAND ${WORK_DIR}/build/consumer_servo --framing ndjson
  INPUT_FILE ${WORK_DIR}/requests.ndjson
  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors TIMEOUT 30)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the consumer servo exited with ${result}:\n${errors}")
endif()
foreach(expected [[{"id":1,"jsonrpc":"2.0","result":true}]] [["context":{"size":3}]]
        [["message":"creating b"]] [[{"id":3,"jsonrpc":"2.0","result":{"success":true}}]])
  string(FIND "${output}" "${expected}" position)
  if(position EQUAL -1)
    message(FATAL_ERROR "the consumer servo's output lacks ${expected}:\n${output}")
  endif()
endforeach()
message(STATUS "consumer servo built against the installed SDK and answered:\n${output}")
