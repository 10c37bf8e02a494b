// Node flags the runtime needs in every process that hosts VUs: VU code is evaluated as vm
// modules (vm.SourceTextModule), which Node 20 keeps behind a flag.
export const NODE_FLAGS: readonly string[] = ["--experimental-vm-modules", "--disable-warning=ExperimentalWarning"];
