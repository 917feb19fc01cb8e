//! A page's start tags with only the attributes the reader looks at.
//!
//! html5ever tokenizes an attribute value a character at a time, and CMS pages spend half
//! their markup on `style`, `align` and `nowrap`: dropping those before the parse takes a
//! third off the time of a real page (benches/README.md). The pass only removes attributes
//! that change neither the tree html5ever builds nor what the walker reads; anything it does
//! not fully understand (a tag or comment left open at the end) leaves the page as it was.

use std::borrow::Cow;

/// Attributes kept: those the walker and the page metadata read, and those that change how
/// html5ever builds the tree (`type` of an `<input>` in a table, `<font>` attributes and
/// `encoding` in foreign content).
const KEPT: &[&str] = &[
    "colspan",
    "rowspan",
    "name",
    "content",
    "charset",
    "http-equiv",
    "type",
    "color",
    "face",
    "size",
    "encoding",
];

/// Elements whose content is raw text up to their end tag: their `<` are not tags.
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// The page without the attributes nobody reads; the page itself when it has none to drop
/// or when its markup ends inside a tag or a comment.
pub(super) fn slim(page: &str) -> Cow<'_, str> {
    match slimmed(page) {
        Some(out) if out.len() < page.len() => Cow::Owned(out),
        _ => Cow::Borrowed(page),
    }
}

/// Every cut falls on an ASCII delimiter, so the pieces are copied as `str` slices
/// (`get` gives `None` rather than a panic were one not to).
fn slimmed(page: &str) -> Option<String> {
    let b = page.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', &b[at..]) {
        let lt = at + i;
        out.push_str(page.get(at..lt)?);
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            let end = lt + 4 + memchr::memmem::find(&rest[4..], b"-->")? + 3;
            out.push_str(page.get(lt..end)?);
            at = end;
        } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") || rest.starts_with(b"</") {
            let end = lt + memchr::memchr(b'>', rest)? + 1;
            out.push_str(page.get(lt..end)?);
            at = end;
        } else if rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            let (end, name) = start_tag(page, lt, &mut out)?;
            at = end;
            if let Some(raw) = RAW.iter().find(|r| name.eq_ignore_ascii_case(r.as_bytes())) {
                let close = find_end_tag(&b[at..], raw.as_bytes()).map_or(b.len(), |i| at + i);
                out.push_str(page.get(at..close)?);
                at = close;
            }
        } else {
            out.push('<');
            at = lt + 1;
        }
    }
    out.push_str(page.get(at..)?);
    Some(out)
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Copies the start tag at `lt` with its kept attributes; gives where it ends and its name.
fn start_tag<'a>(page: &'a str, lt: usize, out: &mut String) -> Option<(usize, &'a [u8])> {
    let b = page.as_bytes();
    let mut i = lt + 1;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = &b[lt + 1..i];
    out.push_str(page.get(lt..i)?);
    loop {
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        match *b.get(i)? {
            b'>' => {
                out.push('>');
                return Some((i + 1, name));
            }
            b'/' => {
                // "/>" closes the tag itself; a '/' before anything else counts as a space.
                out.push('/');
                i += 1;
                if b.get(i) != Some(&b'>') {
                    out.push(' ');
                }
                continue;
            }
            _ => {}
        }
        // The attribute's name: up to a space, '/', '>' or '=' (not counting its first
        // character, which may be '=').
        let from = i;
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attr_name = &b[from..i];
        let mut j = i;
        while j < b.len() && is_space(b[j]) {
            j += 1;
        }
        if b.get(j) == Some(&b'=') {
            j += 1;
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            match *b.get(j)? {
                q @ (b'"' | b'\'') => j += 1 + memchr::memchr(q, &b[j + 1..])? + 1,
                b'>' => {}
                _ => {
                    while j < b.len() && !is_space(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                }
            }
            i = j;
        }
        if KEPT
            .iter()
            .any(|k| attr_name.eq_ignore_ascii_case(k.as_bytes()))
        {
            out.push(' ');
            out.push_str(page.get(from..i)?);
        }
    }
}

/// Where `</name` starts in `b`, the name matched without regard to case and followed by a
/// space, '/' or '>' as the tokenizer wants.
fn find_end_tag(b: &[u8], name: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&b[at..], b"</") {
        let s = at + i + 2;
        let after = s + name.len();
        if b.get(s..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && b.get(after)
                .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return Some(at + i);
        }
        at = s;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_unread_attributes_and_keeps_spans_and_meta() {
        let page = r#"<td style='text-align: center;' nowrap align=center colspan="2" ROWSPAN=3>x</td><meta name="PubDate" content="2020-01-31"><br/><input type=hidden disabled>"#;
        assert_eq!(
            slim(page),
            r#"<td colspan="2" ROWSPAN=3>x</td><meta name="PubDate" content="2020-01-31"><br/><input type=hidden>"#
        );
    }

    #[test]
    fn raw_text_comments_and_stray_brackets_are_copied_as_they_are() {
        let page = "<script class=a>if (a<b && c>d) x='<td style=1>';</script ><p class=q>1 < 2 <!-- <td style=2> --></p><style>p>a{}</style>";
        assert_eq!(
            slim(page),
            "<script>if (a<b && c>d) x='<td style=1>';</script ><p>1 < 2 <!-- <td style=2> --></p><style>p>a{}</style>"
        );
    }

    #[test]
    fn markup_that_ends_inside_a_tag_or_comment_is_left_alone() {
        for page in [
            "<p style=a>x</p><td style='open",
            "<p style=a>x</p><!-- open",
            "<p style=a>x</p><td",
        ] {
            assert!(matches!(slim(page), Cow::Borrowed(_)), "{page}");
        }
    }

    #[test]
    fn values_with_slashes_spaces_and_gt_inside_quotes_stay_whole() {
        let page = r#"<a href=/x/y.html title="a > b" rowspan = '2' / >t</a>"#;
        assert_eq!(slim(page), r#"<a rowspan = '2'/ >t</a>"#);
    }

    #[test]
    fn the_real_page_reads_the_same_slimmed_or_not() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/reports/published/shanghai_szfbgt_2019.html"
        );
        let page = std::fs::read_to_string(path).unwrap();
        let slimmed = slim(&page);
        assert!(slimmed.len() * 3 < page.len() * 2, "{}", slimmed.len());
        let text = |p: &str| {
            let h = scraper::Html::parse_document(p);
            h.root_element().text().collect::<String>()
        };
        assert_eq!(text(&page), text(&slimmed));
    }
}
