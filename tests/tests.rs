//! Integration tests: one binary, so the library links once.

mod cli;
mod parse;
mod property;
mod rules;
mod util;
