//! Synthetic reports: random consistent tables, and renderers of a `Report` into each text
//! form the parser reads. They serve the property tests now and grow into the district
//! generator later.

pub mod forms;
pub mod random;

pub use forms::{render, TextForm};
pub use random::{random_report, Rng};

use std::path::Path;

/// Writes `count` random reports, cycling through the text forms, into `out`.
pub fn write_corpus(out: &Path, count: usize, seed: u64) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    let mut rng = Rng::new(seed);
    for i in 0..count {
        let form = TextForm::ALL[i % TextForm::ALL.len()];
        let year = 2021 + (i % 3) as i32;
        let report = random_report(&mut rng, year, i % 5 == 4);
        let name = format!("unit{:05}_{}_{}.txt", i, year, form.as_str());
        std::fs::write(out.join(name), render(&report, form))?;
    }
    Ok(())
}
