//! Fuzzes the docx decoder, then the parser and the checks on what it reads: nothing may panic
//! or hang (the decoders' own limits and budgets turn bad input into a `ReadProblem`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: nianbao::pipeline::fuzz_panics_of_ours_only(), |data: &[u8]| {
    let _ = nianbao::pipeline::decode_parse_check(std::path::Path::new("input.docx"), data);
});
