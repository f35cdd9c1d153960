// The `remit` binary's allocator and its settings. `include!`d by the binary, the figures bench
// and the `reparse_cost` example, so the reparse measured there allocates as the binary does.

/// mimalloc rather than the system allocator: a reparse hands every parsed filing (thousands of
/// small strings) from the parser threads to the writer, which frees them, and glibc's malloc is
/// slow at freeing memory another thread allocated. On 2 cores it made the reparse ~20 % faster
/// (`reparse_cost reparse 1000`: 3.9-4.2 s -> 3.1-3.2 s); docs/performance.md has the figures.
///
/// Built with the `no_thp` feature (crates/cli/Cargo.toml): by default mimalloc asks the kernel for
/// transparent huge pages on its arena, so every 2 MB region it touches counts whole in the
/// resident set. That was ~18 MB of a reparse's ~47 MB peak, and it made the peak jump in 2 MB
/// steps, so a longer run reached a higher one (`remit reparse` of 500 statements: 12 huge pages,
/// 24 MB, in the arena; peak 46.6 -> 29.1 MB, means of 3 runs, without them).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`. libmimalloc-sys 0.1.49 names the options around it but not
/// this one; in mimalloc v3's `mimalloc.h` it is the entry right before `use_numa_nodes`.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = libmimalloc_sys::mi_option_use_numa_nodes - 1;

/// Settings that must be in place before the work starts (call first thing in `main`).
///
/// Freed pages go back to the kernel at once rather than after mimalloc's default 1 s: a reparse
/// frees each parsed filing soon after it is loaded, and with the delay the pages of the last
/// second's filings stayed resident, a peak that grew with the length of the run (peak RSS of a
/// 5,000-statement reparse ~4 MB lower, 1.10x -> 1.05x of a 500-statement one on average), at no
/// measured cost in speed. The option is read each time mimalloc schedules a purge, so setting it
/// after start-up takes effect.
fn tune_allocator() {
    // SAFETY: `mi_option_set` only stores a value in mimalloc's option table (no pointers, no
    // allocation); 0 is a documented value of `purge_delay` ("0 for immediate purging").
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
}
