# Sourced by scripts/gpu/build.sh and scripts/gpu/check.sh (from the checkout's root):
# points the build and the programs at the Debian packages unpacked in .gpu/root/, on a
# machine that does not have them installed.
gpu_root=$PWD/.gpu/root
gpu_lib=$gpu_root/usr/lib/x86_64-linux-gnu
export OPAL_PREFIX=$gpu_root/usr  # the Debian Open MPI, relocated
export PKG_CONFIG_LIBDIR=$gpu_lib/pkgconfig:$gpu_root/usr/share/pkgconfig PKG_CONFIG_SYSROOT_DIR=$gpu_root
export LD_LIBRARY_PATH=$gpu_lib:$gpu_lib/openmpi/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
# One process, no launcher: Open MPI's singleton without its daemon, shared memory only.
export OMPI_MCA_ess_singleton_isolated=1 OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader
