//! What a batch holds per report, by part: `cargo run --release --example mem_breakdown --
//! DIR`. Reads DIR as `run` does (tables packed), then drops each part in turn and prints
//! the bytes it freed, per report, counted by a global allocator.
#![allow(clippy::print_stdout)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
struct Count;
static NOW: AtomicIsize = AtomicIsize::new(0);
unsafe impl GlobalAlloc for Count {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        NOW.fetch_add(l.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        NOW.fetch_add(n as isize - l.size() as isize, Ordering::Relaxed);
        unsafe { System.realloc(p, l, n) }
    }
}
#[global_allocator]
static A: Count = Count;
fn now() -> isize {
    NOW.load(Ordering::Relaxed)
}
fn main() {
    println!(
        "size_of: DocOutcome {} Report {} ReportMeta {} Match {} Finding {} Section {}",
        std::mem::size_of::<nianbao::pipeline::DocOutcome>(),
        std::mem::size_of::<nianbao::model::Report>(),
        std::mem::size_of::<nianbao::model::ReportMeta>(),
        std::mem::size_of::<nianbao::roster::Match>(),
        std::mem::size_of::<nianbao::model::Finding>(),
        std::mem::size_of::<nianbao::model::Section>(),
    );
    let dir = std::env::args().nth(1).unwrap();
    let paths = nianbao::ingest::discover(&[dir.into()]).unwrap();
    let base = now();
    let mut outs = nianbao::pipeline::check_paths(&paths, false);
    for o in &mut outs {
        if let Some(r) = &mut o.report {
            r.pack();
        }
    }
    let n = outs.len() as isize;
    let total = now() - base;
    println!("reports {n} total {} B/report", total / n);
    let mut step = |name: &str, f: &dyn Fn(&mut nianbao::pipeline::DocOutcome)| {
        let b = now();
        for o in outs.iter_mut() {
            f(o)
        }
        println!("{name}: {} B/report", (b - now()) / n);
    };
    step("tables (packed)", &|o| {
        if let Some(r) = &mut o.report {
            r.packed = None
        }
    });
    step("sentence_hashes", &|o| {
        if let Some(r) = &mut o.report {
            r.sentence_hashes = Vec::new()
        }
    });
    step("sections (cold)", &|o| {
        if let Some(r) = &mut o.report {
            r.sections = Vec::new()
        }
    });
    step("text_figures", &|o| {
        if let Some(r) = &mut o.report {
            r.text_figures = Vec::new()
        }
    });
    step("layout", &|o| {
        if let Some(r) = &mut o.report {
            r.layout_2019_evidence = Vec::new()
        }
    });
    step("findings", &|o| o.findings = Vec::new());
    step("meta", &|o| {
        if let Some(r) = &mut o.report {
            r.meta = Default::default()
        }
    });
    step("report", &|o| o.report = None);
    step("path", &|o| o.path = Default::default());
}
