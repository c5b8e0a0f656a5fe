# The trainer's float32 CPU matrix products go through oneDNN's sgemm when the oneDNN
# found is the one LibTorch itself links (Debian's LibTorch links the system's libdnnl).
# A LibTorch that brings its own (PyTorch's wheels build it in; another release's libdnnl)
# would put two oneDNNs in one process, whose exported symbols interpose on each other and
# crash LibTorch's own bfloat16 products: there the products go through LibTorch instead.
find_path(DNNL_INCLUDE_DIR oneapi/dnnl/dnnl.h)
find_library(DNNL_LIBRARY dnnl)

# The SONAME of a shared library, or its NEEDED entries that match a pattern.
function(mucpt_elf_entries file kind pattern out)
  set(${out} "" PARENT_SCOPE)
  if(NOT CMAKE_OBJDUMP OR NOT EXISTS "${file}")
    return()
  endif()
  execute_process(COMMAND ${CMAKE_OBJDUMP} -p "${file}" OUTPUT_VARIABLE headers ERROR_QUIET)
  string(REGEX MATCHALL "${kind} +${pattern}" entries "${headers}")
  list(TRANSFORM entries REPLACE "^${kind} +" "")
  set(${out} "${entries}" PARENT_SCOPE)
endfunction()

set(MUCPT_ONEDNN_GEMM OFF)
if(DNNL_INCLUDE_DIR AND DNNL_LIBRARY)
  get_filename_component(torch_library_dir "${TORCH_LIBRARY}" DIRECTORY)
  find_library(TORCH_CPU_LIBRARY torch_cpu HINTS "${torch_library_dir}" NO_DEFAULT_PATH)
  get_filename_component(dnnl_file "${DNNL_LIBRARY}" REALPATH)
  mucpt_elf_entries("${dnnl_file}" SONAME "libdnnl[.a-z0-9]*" dnnl_soname)
  mucpt_elf_entries("${TORCH_CPU_LIBRARY}" NEEDED "libdnnl[.a-z0-9]*" torch_dnnl)
  if(dnnl_soname AND dnnl_soname IN_LIST torch_dnnl)
    set(MUCPT_ONEDNN_GEMM ON)
  endif()
endif()
if(MUCPT_ONEDNN_GEMM)
  message(STATUS "mucpt: CPU matrix products: oneDNN's sgemm (${dnnl_soname}, the oneDNN LibTorch links)")
else()
  message(STATUS "mucpt: CPU matrix products: LibTorch's (no oneDNN found, or not the one LibTorch links)")
endif()
