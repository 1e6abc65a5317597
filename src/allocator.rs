//! The memory allocator the binary, the benchmarks and the examples use:
//! mimalloc, asked for plain blocks whenever its plain blocks are aligned
//! enough.
//!
//! `mimalloc::MiMalloc` asks for an *aligned* block on every allocation
//! (`mi_malloc_aligned`), whatever the alignment. That path costs about 35
//! instructions more than `mi_malloc` per allocation, and above mimalloc's
//! small sizes (1 KiB) it over-allocates and offsets the block unless the
//! block size is a power of two. Almost every allocation of this crate
//! (`String`, `Vec<u8>`, vectors of structs of words) needs an alignment of
//! a word or less, which every mimalloc block has: blocks are whole words
//! from a word-aligned page start. So those go to `mi_malloc` / `mi_realloc`
//! / `mi_zalloc`, and only larger alignments to the aligned functions.
//! Parsing the bundled samples runs ≈ 3 % fewer instructions.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// Alignment every mimalloc block has: one word (blocks are whole words
/// from a word-aligned start).
const BLOCK_ALIGN: usize = std::mem::size_of::<usize>();

/// mimalloc, with plain blocks for word alignment or less (see the module
/// doc). Install with `#[global_allocator]`.
pub struct Allocator;

// SAFETY: every function hands the request to mimalloc: with the plain
// functions only when `layout.align()` is at most a word, which every block
// mimalloc returns satisfies; with the aligned ones otherwise. Blocks from
// either family are freed by `mi_free` and resized by either realloc.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = if layout.align() <= BLOCK_ALIGN {
            // SAFETY: a plain allocation of the layout's size (see above).
            unsafe { mi::mi_malloc(layout.size()) }
        } else {
            // SAFETY: an aligned allocation; the alignment is a power of two.
            unsafe { mi::mi_malloc_aligned(layout.size(), layout.align()) }
        };
        p.cast()
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = if layout.align() <= BLOCK_ALIGN {
            // SAFETY: as in `alloc`, zeroed.
            unsafe { mi::mi_zalloc(layout.size()) }
        } else {
            // SAFETY: as in `alloc`, zeroed.
            unsafe { mi::mi_zalloc_aligned(layout.size(), layout.align()) }
        };
        p.cast()
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = if layout.align() <= BLOCK_ALIGN {
            // SAFETY: `ptr` came from mimalloc; a plain block keeps word alignment.
            unsafe { mi::mi_realloc(ptr.cast::<c_void>(), new_size) }
        } else {
            // SAFETY: `ptr` came from mimalloc; the alignment is kept.
            unsafe { mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()) }
        };
        p.cast()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of every small size and of sizes past mimalloc's small ones
    /// have the alignment asked for, survive a resize with their bytes, and
    /// are freed.
    #[test]
    fn blocks_are_aligned_and_keep_their_bytes() {
        let a = Allocator;
        for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
            for size in (1..=80).chain([1000, 1024, 1025, 3000, 70_000, 1 << 20]) {
                let Ok(layout) = Layout::from_size_align(size, align) else {
                    continue;
                };
                // SAFETY: a non-zero size; the block is written within its
                // size and freed once, with its layout.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    p.write_bytes(0xA5, size);
                    let q = a.realloc(p, layout, size * 3);
                    assert!(!q.is_null());
                    assert_eq!(q as usize % align, 0, "resized {size} align {align}");
                    assert!((0..size).all(|i| *q.add(i) == 0xA5));
                    a.dealloc(q, Layout::from_size_align_unchecked(size * 3, align));
                    let z = a.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0);
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
