//! Synthetic reports: random consistent tables, renderers of a `Report` into each text form
//! the parser reads, and a fictional district (示例区) with its roster over several years,
//! its reports dressed with the variety of real ones (titles, names, layouts, file names)
//! and a manifest (files.csv) of whose each file is: see [`district`].

pub mod district;
pub mod faults;
pub mod file_form;
pub mod forms;
pub mod html;
pub mod names;
pub mod random;
pub mod size;
pub mod variety;

pub use forms::{render, TextForm};
pub use random::{random_report, Rng};
