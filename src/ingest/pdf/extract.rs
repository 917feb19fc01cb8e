//! Positioned characters and rules out of a PDF, through pdf_oxide (chosen over pdf-extract
//! by measurement: benches/README.md): `extract_chars` gives each character's box and
//! baseline, `extract_paths` the stroked and filled paths that draw the table rules.

use super::{Glyph, Page, Seg};
use crate::model::ReadProblem;
use pdf_oxide::document::PdfDocument;
use pdf_oxide::elements::{PathContent, PathOperation};

/// Pages beyond which a file is not a report (and would only cost time).
const MAX_PAGES: usize = 2_000;
/// Characters and path pieces kept per page; a page past them is drawing, not a report's.
const MAX_GLYPHS: usize = 200_000;
const MAX_SEGS: usize = 50_000;
/// A complete PDF ends with `%%EOF` within its last bytes (a little trailing junk allowed).
const EOF_WINDOW: usize = 4_096;

/// What the file holds.
#[derive(Debug, Default)]
pub(super) struct Extracted {
    pub(super) pages: Vec<Page>,
    /// Images on the pages (counted only when the text is thin: a scan has some).
    pub(super) images: usize,
    /// The first page that could not be read, and why.
    pub(super) failed: Option<String>,
}

/// Reads every page; a page that fails is left empty and named in `failed`.
pub(super) fn read(bytes: &[u8]) -> Result<Extracted, ReadProblem> {
    let tail = &bytes[bytes.len().saturating_sub(EOF_WINDOW)..];
    if memchr::memmem::find(tail, b"%%EOF").is_none() {
        // pdf_oxide rebuilds what it can of a cut file; a report cut short is not read.
        return Err(corrupt(
            "the file is cut short (no %%EOF at its end)".into(),
        ));
    }
    let doc = PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| corrupt(e.to_string()))?;
    if doc.is_encrypted() && !doc.authenticate(b"").unwrap_or(false) {
        return Err(ReadProblem::Encrypted {
            format: "pdf".into(),
        });
    }
    let n = doc.page_count().map_err(|e| corrupt(e.to_string()))?;
    if n > MAX_PAGES {
        return Err(ReadProblem::OverLimit {
            what: "pages".into(),
            cap: MAX_PAGES as u64,
        });
    }
    let mut out = Extracted::default();
    for i in 0..n {
        match page(&doc, i) {
            Ok(p) => out.pages.push(p),
            Err(e) => {
                out.failed.get_or_insert(format!("page {}: {e}", i + 1));
                out.pages.push(Page::default());
            }
        }
    }
    let chars: usize = out.pages.iter().map(|p| p.glyphs.len()).sum();
    if chars < super::SCAN_CHARS_PER_PAGE * n.max(1) {
        out.images = (0..n)
            .map(|i| doc.page_image_handles(i).map_or(0, |h| h.len()))
            .sum();
    }
    Ok(out)
}

fn corrupt(detail: String) -> ReadProblem {
    ReadProblem::Corrupt {
        format: "pdf".into(),
        detail: detail.chars().take(200).collect(),
    }
}

fn page(doc: &PdfDocument, i: usize) -> Result<Page, pdf_oxide::error::Error> {
    let (x0, y0, _, y1) = doc
        .get_page_media_box(i)
        .unwrap_or((0.0, 0.0, 595.0, 842.0));
    let (ox, oy) = (f64::from(x0), f64::from(y0));
    let mut page = Page {
        height: f64::from(y1) - oy,
        ..Page::default()
    };
    for c in doc.extract_chars(i)?.into_iter().take(MAX_GLYPHS) {
        let (x, y) = (f64::from(c.bbox.x) - ox, f64::from(c.origin_y) - oy);
        let w = f64::from(c.bbox.width);
        let mut size = f64::from(c.font_size);
        if !(size.is_finite() && size > 0.0) {
            size = f64::from(c.bbox.height);
        }
        if !(x.is_finite() && y.is_finite() && w.is_finite() && size.is_finite())
            || c.char.is_control()
        {
            continue;
        }
        page.glyphs.push(Glyph {
            x0: x,
            x1: x + w.max(0.0),
            y,
            size,
            text: unify(c.char).to_string(),
        });
    }
    for p in doc.extract_paths(i)? {
        if page.segs.len() >= MAX_SEGS {
            break;
        }
        if p.stroke_color.is_some() {
            path(&p, (ox, oy), &mut page.segs);
        } else if p.fill_color.is_some() {
            filled(&p, (ox, oy), &mut page.segs);
        }
    }
    Ok(page)
}

fn path(p: &PathContent, origin: (f64, f64), segs: &mut Vec<Seg>) {
    let at = |x: f32, y: f32| (f64::from(x) - origin.0, f64::from(y) - origin.1);
    let mut start = None;
    let mut cur = None;
    for op in &p.operations {
        match *op {
            PathOperation::MoveTo(x, y) => {
                cur = Some(at(x, y));
                start = cur;
            }
            PathOperation::LineTo(x, y) => {
                let q = at(x, y);
                if let Some(c) = cur {
                    segs.push(seg(c, q));
                }
                cur = Some(q);
            }
            PathOperation::CurveTo(.., x, y) => cur = Some(at(x, y)),
            PathOperation::Rectangle(x, y, w, h) => {
                let s = seg(at(x, y), at(x + w, y + h));
                // A thin rectangle is a rule; a box is four rules.
                if s.x1 - s.x0 <= 2.5 || s.y1 - s.y0 <= 2.5 {
                    segs.push(s);
                } else {
                    segs.extend([
                        seg((s.x0, s.y0), (s.x1, s.y0)),
                        seg((s.x0, s.y1), (s.x1, s.y1)),
                        seg((s.x0, s.y0), (s.x0, s.y1)),
                        seg((s.x1, s.y0), (s.x1, s.y1)),
                    ]);
                }
                cur = Some((s.x0, s.y0));
                start = cur;
            }
            PathOperation::ClosePath => {
                if let (Some(c), Some(s)) = (cur, start) {
                    segs.push(seg(c, s));
                }
                cur = start;
            }
        }
    }
}

/// A filled path: a thin outline is a rule (its box), a wide one shading, left out.
fn filled(p: &PathContent, origin: (f64, f64), segs: &mut Vec<Seg>) {
    let mut drawn = Vec::new();
    path(p, origin, &mut drawn);
    let mut boxes: Vec<Seg> = Vec::new();
    for s in drawn {
        match boxes.last_mut() {
            // Pieces of one outline: grow its box.
            Some(b) if touches(b, &s) => {
                b.x0 = b.x0.min(s.x0);
                b.y0 = b.y0.min(s.y0);
                b.x1 = b.x1.max(s.x1);
                b.y1 = b.y1.max(s.y1);
            }
            _ => boxes.push(s),
        }
    }
    segs.extend(
        boxes
            .into_iter()
            .filter(|b| b.x1 - b.x0 <= 2.5 || b.y1 - b.y0 <= 2.5),
    );
}

fn touches(a: &Seg, b: &Seg) -> bool {
    b.x0 <= a.x1 + 0.5 && b.x1 >= a.x0 - 0.5 && b.y0 <= a.y1 + 0.5 && b.y1 >= a.y0 - 0.5
}

fn seg(a: (f64, f64), b: (f64, f64)) -> Seg {
    Seg {
        x0: a.0.min(b.0),
        y0: a.1.min(b.1),
        x1: a.0.max(b.0),
        y1: a.1.max(b.1),
    }
}

/// The unified ideographs the Kangxi radicals U+2F00–U+2FD5 stand for (NFKC): a PDF's
/// ToUnicode map often gives the radical for a glyph the two share (⼀ for 一), which reads
/// as a different character.
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// A character as the text means it: a Kangxi radical (or 2E9F ⺟, 2EF3 ⻳) as its ideograph.
fn unify(c: char) -> char {
    match c {
        '\u{2F00}'..='\u{2FD5}' => KANGXI.chars().nth(c as usize - 0x2F00).unwrap_or(c),
        '\u{2E9F}' => '母',
        '\u{2EF3}' => '龟',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn kangxi_radicals_read_as_their_ideographs() {
        assert_eq!(super::unify('\u{2F00}'), '一');
        assert_eq!(super::unify('\u{2F08}'), '人');
        assert_eq!(super::unify('\u{2FD5}'), '龠');
        assert_eq!(super::unify('\u{2E9F}'), '母');
        assert_eq!(super::unify('一'), '一');
    }
}
