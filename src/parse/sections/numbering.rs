//! Where a numbering is: `二、` `二．` `二.` `二，` `二 ` `（二）` `第二部分` `5、`, found by byte
//! scans (this runs over every line of every report) and read without allocating.

use super::Kind;
use crate::parse::text::{find_str, fold_char};

/// A numbering found before a separator.
pub(super) struct Mark {
    /// Where the numbering starts (`第` or the bracket included).
    pub(super) start: usize,
    /// Just after the separator.
    pub(super) end: usize,
    /// The number it gives (5 for `5、` and `五．`).
    pub(super) number: Option<usize>,
    pub(super) kind: Kind,
    /// The separator is `、`.
    pub(super) dun: bool,
    /// The separator is a dot.
    pub(super) dot: bool,
}

/// Leading white space and Tika's `[bookmark: …]` markers.
pub(super) fn lead_len(line: &str) -> usize {
    let mut rest = line.trim_start();
    while rest.starts_with("[bookmark:") {
        match rest.find(']') {
            Some(j) => rest = rest[j + 1..].trim_start(),
            None => break,
        }
    }
    line.len() - rest.len()
}

/// Lines longer than this (in bytes) are glued text (a crawler's, or a web page's on one
/// line): the rarer numberings (a space, an ASCII comma or bracket, `第X部分`) are looked for
/// all along them; in other lines only at the start, which saves two scans per line.
pub(super) const GLUED: usize = 1024;

/// Byte offsets of the characters that may end a numbering: `、` `．` `.` `，` `）` `﹑` or an
/// ideographic space; and a space, `,` or `)` right after a numeral (byte scans: this runs
/// over every line of every report).
pub(super) fn separators(line: &str, lead: usize) -> impl Iterator<Item = usize> + '_ {
    let b = line.as_bytes();
    let wide = memchr::memchr3_iter(b'.', 0xE3, 0xEF, b).filter(move |&i| match b[i] {
        b'.' => true,
        // 、 and the ideographic space.
        0xE3 => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x80 | 0x81)),
        // ． ， ） and the small ﹑.
        _ => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0xBC), Some(0x8E | 0x8C | 0x89)) | (Some(0xB9), Some(0x91))
        ),
    });
    // In glued text, a space after a digit is one between a table's values, not a numbering.
    let narrow = (line.len() > GLUED)
        .then(|| {
            memchr::memchr3_iter(b' ', b',', b')', b).filter(move |&i| {
                i > 0
                    && (b[i - 1] >= 0x80
                        || (b[i] != b' ' && b[i - 1].is_ascii_digit())
                        // "|0|0|5 存在问题…": one digit right after a table's last cell.
                        || (b[i - 1].is_ascii_digit() && i >= 2 && b[i - 2] == b'|'))
            })
        })
        .into_iter()
        .flatten();
    wide.chain(narrow).chain(narrow_at_start(line, lead))
}

/// A space, `,` or `)` after the numeral(s) that start the line ("二 主动公开…", "(二)…").
fn narrow_at_start(line: &str, lead: usize) -> Option<usize> {
    let from = lead + usize::from(line[lead..].starts_with('('));
    let end = numerals_from(line, from)?;
    matches!(line.as_bytes().get(end), Some(b' ' | b',' | b')')).then_some(end)
}

/// The end of the one or two numerals starting at byte `from`, if any.
fn numerals_from(line: &str, from: usize) -> Option<usize> {
    line[from..]
        .char_indices()
        .take(2)
        .take_while(|&(_, c)| numeral_kind(c).is_some())
        .last()
        .map(|(j, c)| from + j + c.len_utf8())
}

/// Whether `c` is a numeral, and an Arabic one (half- or full-width) or a Chinese one up to
/// 十. Cheaper than folding first: this sees the character before every comma of a report.
pub(super) fn numeral_kind(c: char) -> Option<bool> {
    match c {
        '0'..='9' | '０'..='９' => Some(true),
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' => {
            Some(false)
        }
        _ => None,
    }
}

/// The numbering ending with the separator at byte `sep`: one or two numerals of one kind
/// (spaces allowed before the separator), or a bracketed one.
pub(super) fn numbering_before(line: &str, sep: usize) -> Option<Mark> {
    // Most separators are commas of prose: turned down on the character before them.
    let prev = line[..sep].chars().next_back()?;
    if numeral_kind(prev).is_none() && !matches!(prev, ' ' | '\u{3000}') {
        return None;
    }
    let sep_char = line[sep..].chars().next()?;
    let end = sep + sep_char.len_utf8();
    let bracket = matches!(sep_char, '）' | ')');
    let spaced = matches!(sep_char, ' ' | '\u{3000}');
    let before = if bracket || spaced {
        &line[..sep]
    } else {
        line[..sep].trim_end_matches([' ', '\u{3000}'])
    };
    let (start, number, arabic) = match numeral_before(before) {
        Some(found) => found,
        // Glued text runs a table's last digits into the next heading's number:
        // "…尚未审结总计0000030003001015、政府信息公开工作存在…". With 、 (or the
        // document's ， numbering) the last digit is the number (the heading's words must
        // still name its section).
        None if matches!(sep_char, '、' | '﹑' | '，') && numeral_kind(prev) == Some(true) => {
            let start = sep - prev.len_utf8();
            (start, numeral_value(&line[start..sep], true), true)
        }
        None => return None,
    };
    let (start, kind) = if bracket {
        let open = line[..start].chars().next_back()?;
        if !matches!(open, '（' | '(') || arabic {
            return None;
        }
        (start - open.len_utf8(), Kind::Bracket)
    } else if arabic {
        (start, Kind::Arabic)
    } else {
        (start, Kind::Chinese)
    };
    Some(Mark {
        start,
        end,
        number,
        kind,
        dun: matches!(sep_char, '、' | '﹑'),
        dot: matches!(sep_char, '.' | '．'),
    })
}

/// The numeral run ending at the end of `before`: its start, value and whether it is Arabic.
/// One kind of numeral: in "…24252.311082三、" the heading's number is 三 alone.
fn numeral_before(before: &str) -> Option<(usize, Option<usize>, bool)> {
    let mut start = before.len();
    let mut arabic = None;
    for (count, (j, c)) in before.char_indices().rev().enumerate() {
        let Some(is_digit) = numeral_kind(c) else {
            break;
        };
        if arabic.is_some_and(|a| a != is_digit) {
            break;
        }
        if count == 2 {
            return None;
        }
        arabic = Some(is_digit);
        start = j;
    }
    let arabic = arabic?;
    Some((start, numeral_value(&before[start..], arabic), arabic))
}

/// The value of one or two numerals of one kind (`5`, `１２`, `五`, `十`, `十二`), without
/// allocating: this runs on every numbering-like spot of every report.
fn numeral_value(numeral: &str, arabic: bool) -> Option<usize> {
    let mut cs = numeral.chars().map(fold_char);
    let (a, b) = (cs.next()?, cs.next());
    if arabic {
        let d = |c: char| c.to_digit(10).map(|d| d as usize);
        return match b {
            None => d(a),
            Some(b) => Some(d(a)? * 10 + d(b)?),
        };
    }
    let d = |c: char| "一二三四五六七八九".find(c).map(|i| i / 3 + 1);
    match (a, b) {
        ('十', None) => Some(10),
        ('十', Some(b)) => Some(10 + d(b)?),
        (a, Some('十')) => Some(d(a)? * 10),
        (a, None) => d(a),
        _ => None,
    }
}

/// `第二部分` numberings (a separator after it is optional): all along a glued line, else at
/// the line's start.
pub(super) fn parts(line: &str, lead: usize) -> impl Iterator<Item = Mark> + '_ {
    let glued = line.len() > GLUED;
    let first = if glued {
        None
    } else {
        line[lead..]
            .strip_prefix('第')
            .and_then(|_| numerals_from(line, lead + '第'.len_utf8()))
            .filter(|&p| line[p..].starts_with("部分"))
            .and_then(|p| part_at(line, p))
    };
    let mut from = if glued { 0 } else { line.len() };
    let all = std::iter::from_fn(move || loop {
        let p = from + find_str(&line[from..], "部分")?;
        from = p + "部分".len();
        if let Some(m) = part_at(line, p) {
            return Some(m);
        }
    });
    first.into_iter().chain(all)
}

/// The `第X部分` numbering whose `部分` is at byte `p`.
fn part_at(line: &str, p: usize) -> Option<Mark> {
    let (start, number, arabic) = numeral_before(&line[..p])?;
    let open = line[..start].strip_suffix('第')?;
    if arabic {
        return None;
    }
    let after = p + "部分".len();
    let sep = line[after..]
        .chars()
        .next()
        .filter(|c| matches!(c, '、' | '：' | ':' | '．' | '.' | '，'))
        .map_or(0, char::len_utf8);
    Some(Mark {
        start: open.len(),
        end: after + sep,
        number,
        kind: Kind::Part,
        dun: false,
        dot: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_read_without_allocating() {
        assert_eq!(numeral_value("五", false), Some(5));
        assert_eq!(numeral_value("十", false), Some(10));
        assert_eq!(numeral_value("十二", false), Some(12));
        assert_eq!(numeral_value("二十", false), Some(20));
        assert_eq!(numeral_value("１２", true), Some(12));
        assert_eq!(numeral_value("5", true), Some(5));
        assert_eq!(numeral_value("五五", false), None);
    }
}
