//! Prints each file's decoded text, as the parser sees it (to see what a decoder made of a
//! file): `cargo run --example dump_doc -- FILE...`.
use std::io::Write;

fn main() -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    for arg in std::env::args().skip(1) {
        match nianbao::ingest::read(std::path::Path::new(&arg)) {
            Ok(doc) => out.write_all(doc.text.as_bytes())?,
            Err(e) => writeln!(std::io::stderr(), "{arg}: {e:?}")?,
        }
    }
    Ok(())
}
