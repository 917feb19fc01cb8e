//! A small XML tokenizer for word/document.xml, the one large part of a Word package.
//!
//! LibreOffice writes 150–250 KB of document.xml for a report of 10 KB, mostly run
//! properties; a general reader (quick-xml validates UTF-8 for every event) spent most of a
//! DOCX decode on it. The part is UTF-8 checked once when it is inflated; this tokenizer then
//! only finds tags with `memchr` and hands out slices. It reads what Word, WPS and LibreOffice
//! write: tags, attributes in either quote, character data, CDATA, comments, processing
//! instructions and a DOCTYPE (skipped). End tags are not matched against start tags (the
//! caller is lenient, as quick-xml was set to be).

use memchr::{memchr, memmem};

/// One piece of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// `<name attrs>`, or `<name attrs/>` when `empty`.
    Start {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    /// `</name>`.
    End { name: &'a str },
    /// Character data as written: references (`&amp;`) not yet resolved, see [`unescape`].
    Text(&'a str),
    /// The content of a CDATA section, literal.
    CData(&'a str),
}

impl<'a> Token<'a> {
    /// The element's name without its namespace prefix (`p` for `w:p`).
    pub(super) fn local(name: &str) -> &str {
        // Names are short: a plain loop beats a searcher's set-up.
        match name.bytes().position(|b| b == b':') {
            Some(i) => &name[i + 1..],
            None => name,
        }
    }
}

/// The tokens of a part, in order.
pub(super) struct Tokens<'a> {
    xml: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    pub(super) fn new(xml: &'a str) -> Tokens<'a> {
        Tokens { xml, pos: 0 }
    }

    /// The next token, `None` at the end, or what is wrong (an unclosed tag, comment…).
    pub(super) fn next_token(&mut self) -> Result<Option<Token<'a>>, String> {
        let bytes = self.xml.as_bytes();
        loop {
            let rest = &bytes[self.pos..];
            if rest.is_empty() {
                return Ok(None);
            }
            if rest[0] != b'<' {
                let len = memchr(b'<', rest).unwrap_or(rest.len());
                let text = &self.xml[self.pos..self.pos + len];
                self.pos += len;
                return Ok(Some(Token::Text(text)));
            }
            let start = self.pos;
            if rest.starts_with(b"<?") {
                self.pos = self.after(start + 2, b"?>", "processing instruction")?;
            } else if rest.starts_with(b"<!--") {
                self.pos = self.after(start + 4, b"-->", "comment")?;
            } else if rest.starts_with(b"<![CDATA[") {
                let end = self.after(start + 9, b"]]>", "CDATA section")?;
                self.pos = end;
                return Ok(Some(Token::CData(&self.xml[start + 9..end - 3])));
            } else if rest.starts_with(b"<!") {
                self.pos = self.after_doctype(start)?;
            } else if rest.starts_with(b"</") {
                let gt = memchr(b'>', &rest[2..])
                    .ok_or_else(|| format!("unclosed end tag at byte {start}"))?;
                self.pos = start + 2 + gt + 1;
                let name = self.xml[start + 2..start + 2 + gt].trim();
                return Ok(Some(Token::End { name }));
            } else {
                let gt = self.tag_end(start + 1)?;
                self.pos = gt + 1;
                let inner = &self.xml[start + 1..gt];
                let (inner, empty) = match inner.strip_suffix('/') {
                    Some(i) => (i, true),
                    None => (inner, false),
                };
                let cut = inner
                    .bytes()
                    .position(|b| b.is_ascii_whitespace())
                    .unwrap_or(inner.len());
                let (name, attrs) = inner.split_at(cut);
                if name.is_empty() {
                    return Err(format!("a tag without a name at byte {start}"));
                }
                return Ok(Some(Token::Start { name, attrs, empty }));
            }
        }
    }

    /// Skips the content of the element whose start tag was just read, through its end tag.
    pub(super) fn skip_element(&mut self) -> Result<(), String> {
        let mut depth = 1usize;
        while let Some(token) = self.next_token()? {
            match token {
                Token::Start { empty: false, .. } => depth += 1,
                Token::End { .. } => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The position just after `close`, searched from `from`.
    fn after(&self, from: usize, close: &[u8], what: &str) -> Result<usize, String> {
        memmem::find(&self.xml.as_bytes()[from..], close)
            .map(|i| from + i + close.len())
            .ok_or_else(|| format!("unclosed {what} at byte {}", from))
    }

    /// The `>` that ends a start tag, skipping quoted attribute values (which may hold `>`).
    /// Tags are tens of bytes: a plain loop beats `memchr`'s set-up.
    fn tag_end(&self, from: usize) -> Result<usize, String> {
        let bytes = self.xml.as_bytes();
        let mut at = from;
        while let Some(&c) = bytes.get(at) {
            match c {
                b'>' => return Ok(at),
                b'"' | b'\'' => {
                    let close = memchr(c, &bytes[at + 1..])
                        .ok_or_else(|| format!("unclosed attribute value at byte {at}"))?;
                    at += close + 2;
                }
                _ => at += 1,
            }
        }
        Err(format!("unclosed tag at byte {}", from - 1))
    }

    /// The position after a `<!DOCTYPE …>`, internal subset included.
    fn after_doctype(&self, start: usize) -> Result<usize, String> {
        let bytes = self.xml.as_bytes();
        let gt = self.tag_end(start + 2)?;
        match memchr(b'[', &bytes[start..gt]) {
            Some(_) => self.after(start, b"]>", "DOCTYPE"),
            None => Ok(gt + 1),
        }
    }
}

/// Appends character data with its references resolved and its line ends made `\n`, as an
/// XML processor must. An unknown entity is dropped, a stray `&` kept.
pub(super) fn unescape(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(i) = rest.find(['&', '\r']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix('\r') {
            out.push('\n');
            rest = after.strip_prefix('\n').unwrap_or(after);
            continue;
        }
        match tail[1..].find(';').filter(|&n| n <= 10) {
            Some(n) => {
                out.extend(reference(&tail[1..1 + n]));
                rest = &tail[n + 2..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
}

/// The character a reference's name (between `&` and `;`) stands for.
fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code).filter(|&c| c != '\0')
        }
    }
}

/// The value of the attribute whose local name is `name` (`val` finds `w:val`), resolved.
pub(super) fn attr(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start();
        let eq = rest.find('=')?;
        let key = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let close = after[1..].find(quote)?;
        let raw = &after[1..1 + close];
        if Token::local(key) == name {
            let mut value = String::with_capacity(raw.len());
            unescape(raw, &mut value);
            // Attribute-value normalisation: white space characters become spaces.
            return Some(value.replace(['\n', '\t'], " "));
        }
        rest = &after[close + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(xml: &str) -> Result<Vec<Token<'_>>, String> {
        let mut t = Tokens::new(xml);
        let mut out = Vec::new();
        while let Some(token) = t.next_token()? {
            out.push(token);
        }
        Ok(out)
    }

    #[test]
    fn tags_text_and_what_is_skipped() {
        let xml = "<?xml version=\"1.0\"?>\r\n<!DOCTYPE w [<!ENTITY x \"y\">]><!-- a > b -->\
                   <w:p a='1>2' b = \"x\"><w:t xml:space=\"preserve\">甲 &amp; 乙</w:t>\
                   <w:br/><![CDATA[<不是标签>]]></w:p >";
        let tokens = all(xml).unwrap();
        assert_eq!(
            tokens,
            vec![
                Token::Text("\r\n"),
                Token::Start {
                    name: "w:p",
                    attrs: " a='1>2' b = \"x\"",
                    empty: false
                },
                Token::Start {
                    name: "w:t",
                    attrs: " xml:space=\"preserve\"",
                    empty: false
                },
                Token::Text("甲 &amp; 乙"),
                Token::End { name: "w:t" },
                Token::Start {
                    name: "w:br",
                    attrs: "",
                    empty: true
                },
                Token::CData("<不是标签>"),
                Token::End { name: "w:p" },
            ]
        );
        assert_eq!(Token::local("w:p"), "p");
        assert_eq!(Token::local("body"), "body");
    }

    #[test]
    fn unclosed_constructs_are_errors() {
        for bad in [
            "<w:p",
            "<w:p a=\"1>",
            "<!-- x",
            "<![CDATA[ x",
            "</w:p",
            "<?xml",
        ] {
            assert!(all(bad).is_err(), "{bad}");
        }
        assert!(all("< >").is_err());
    }

    #[test]
    fn references_and_line_ends_resolve() {
        let mut s = String::new();
        unescape(
            "a&lt;b&gt;&quot;&apos;&#x4E00;&#19968;&nbsp;&\r\nz\r",
            &mut s,
        );
        assert_eq!(s, "a<b>\"'一一&\nz\n");
        let mut s = String::new();
        unescape("&#0;&#xZZ;x", &mut s);
        assert_eq!(s, "x");
    }

    #[test]
    fn attributes_by_local_name() {
        let attrs = " w:val=\"continue\" w:other='a&amp;b'";
        assert_eq!(attr(attrs, "val").as_deref(), Some("continue"));
        assert_eq!(attr(attrs, "other").as_deref(), Some("a&b"));
        assert_eq!(attr(attrs, "missing"), None);
        assert_eq!(attr(" w:val = '2' ", "val").as_deref(), Some("2"));
        assert_eq!(attr(" broken=", "val"), None);
    }

    #[test]
    fn skipping_an_element_skips_its_subtree() {
        let mut t = Tokens::new("<r><rPr><b/><x><y>t</y></x></rPr><t>z</t></r>");
        t.next_token().unwrap();
        t.next_token().unwrap();
        t.skip_element().unwrap();
        assert_eq!(
            t.next_token().unwrap(),
            Some(Token::Start {
                name: "t",
                attrs: "",
                empty: false
            })
        );
    }
}
