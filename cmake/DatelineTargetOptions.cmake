# Per-target compile options. Every Dateline target calls dateline_target_options() on
# itself, so warnings and sanitizers never leak into global flags or third-party code.
set(DATELINE_SANITIZERS "" CACHE STRING
    "Comma-separated -fsanitize= list applied to Dateline targets (e.g. address,undefined)")

function(dateline_target_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror
                                           -Wshadow -Wnon-virtual-dtor -Wold-style-cast
                                           -Wcast-align -Woverloaded-virtual)
  if(DATELINE_SANITIZERS)
    target_compile_options(${target} PRIVATE -fsanitize=${DATELINE_SANITIZERS}
                                             -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=${DATELINE_SANITIZERS})
    if(DATELINE_SANITIZERS MATCHES "thread")
      # GCC warns that TSan does not model Asio's atomic_thread_fence; the fences are not
      # where our races would be, and -Werror would otherwise stop the build.
      target_compile_options(${target} PRIVATE -Wno-tsan)
    endif()
  endif()
endfunction()
