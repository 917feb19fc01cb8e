//! Integration tests: one binary, so the library links once.

mod browser;
mod cells;
mod charts;
mod cli;
mod copies;
mod district;
mod draft;
mod encoding;
mod forms;
mod generator;
mod huge;
mod interrupt;
mod letters;
mod parse;
mod property;
mod regression;
mod roster_init;
mod rules;
mod scores;
mod sections;
mod shard;
mod util;
mod workbook;
