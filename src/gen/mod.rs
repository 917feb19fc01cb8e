//! Synthetic reports: random consistent tables, renderers of a `Report` into each text form
//! the parser reads, and a fictional district (示例区) with its roster over several years.

pub mod district;
pub mod faults;
pub mod forms;
pub mod random;

pub use forms::{render, TextForm};
pub use random::{random_report, Rng};
