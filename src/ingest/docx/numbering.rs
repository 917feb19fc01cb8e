//! List numbering (word/numbering.xml): the "一、" or "（二）" Word draws before a numbered
//! paragraph is not in its text. Tika writes it, and the parser finds sections by it, so the
//! labels are worked out here: a counter per list and level, each level's number format and
//! label text (`%1、`), numbering given by the paragraph or by its style.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

const LEVELS: usize = 9;

/// One level of a list definition.
#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    legal: bool,
}

/// A `w:num`: a list definition used, and the levels it restarts at other numbers.
#[derive(Clone, Debug, Default)]
struct Instance {
    list: String,
    restarts: Vec<(usize, u32)>,
}

/// A paragraph style: its numbering (num id, level), and the style it is based on.
#[derive(Clone, Debug, Default)]
struct Style {
    numbered: Option<(String, usize)>,
    based_on: Option<String>,
}

/// The lists of a document and their counters.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// w:abstractNum id → its levels.
    lists: HashMap<String, Vec<Level>>,
    /// w:num id → what it numbers with.
    nums: HashMap<String, Instance>,
    /// Paragraph style id → its numbering.
    styles: HashMap<String, Style>,
    /// Counters by list definition (by num id for a list that restarts).
    counters: HashMap<String, [Option<u32>; LEVELS]>,
}

/// A paragraph's numbering as its properties say: `w:numPr` and its style.
#[derive(Clone, Debug, Default)]
pub(super) struct ParaNumbering {
    pub(super) style: Option<String>,
    pub(super) num: Option<String>,
    pub(super) level: Option<usize>,
}

impl Numbering {
    /// Reads numbering.xml and styles.xml (either may be missing).
    pub(super) fn read(numbering: Option<&str>, styles: Option<&str>) -> Numbering {
        let mut n = Numbering::default();
        if let Some(x) = numbering {
            n.read_numbering(x);
        }
        if let Some(x) = styles {
            n.read_styles(x);
        }
        n
    }

    /// True when the document numbers nothing.
    pub(super) fn is_empty(&self) -> bool {
        self.nums.is_empty()
    }

    fn read_numbering(&mut self, xml: &str) {
        let mut reader = Reader::from_str(xml);
        let mut list: Option<(String, Vec<Level>)> = None;
        let mut num: Option<(String, Instance)> = None;
        let mut level: Option<usize> = None;
        loop {
            let (e, is_start) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, true),
                Ok(Event::Empty(e)) => (e, false),
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        "abstractNum" => {
                            if let Some((id, levels)) = list.take() {
                                self.lists.insert(id, levels);
                            }
                        }
                        "num" => {
                            if let Some((id, instance)) = num.take() {
                                self.nums.insert(id, instance);
                            }
                        }
                        "lvl" | "lvlOverride" => level = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            let name = e.local_name();
            match name.as_ref() {
                "abstractNum" if is_start => {
                    list = attr(&e, "abstractNumId").map(|id| (id, vec![Level::default(); LEVELS]));
                }
                "num" if is_start => num = attr(&e, "numId").map(|id| (id, Instance::default())),
                "abstractNumId" => {
                    if let (Some(n), Some(v)) = (num.as_mut(), attr(&e, "val")) {
                        n.1.list = v;
                    }
                }
                "lvl" | "lvlOverride" if is_start => {
                    level = attr(&e, "ilvl")
                        .and_then(|v| v.parse().ok())
                        .filter(|l| *l < LEVELS);
                }
                "startOverride" => {
                    if let (Some(n), Some(l), Some(v)) = (num.as_mut(), level, number(&e)) {
                        n.1.restarts.push((l, v));
                    }
                }
                _ => {
                    if let (Some((_, levels)), Some(l)) = (list.as_mut(), level) {
                        if let Some(lv) = levels.get_mut(l) {
                            set_level(lv, &e);
                        }
                    }
                }
            }
        }
    }

    fn read_styles(&mut self, xml: &str) {
        let mut reader = Reader::from_str(xml);
        // The style being read, and the num id and level its numbering names.
        let mut style: Option<(String, Style)> = None;
        let mut num: (Option<String>, usize) = (None, 0);
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) if e.local_name().as_ref() == "style" => {
                    style = attr(&e, "styleId").map(|id| (id, Style::default()));
                    num = (None, 0);
                }
                Ok(Event::Start(e) | Event::Empty(e)) => {
                    if let Some((_, s)) = style.as_mut() {
                        match e.local_name().as_ref() {
                            "numId" => num.0 = attr(&e, "val"),
                            "ilvl" => num.1 = number(&e).map_or(0, |v| v as usize),
                            "basedOn" => s.based_on = attr(&e, "val"),
                            _ => {}
                        }
                    }
                }
                Ok(Event::End(e)) if e.local_name().as_ref() == "style" => {
                    if let Some((id, mut s)) = style.take() {
                        s.numbered = num.0.take().map(|n| (n, num.1));
                        self.styles.insert(id, s);
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }

    /// The label of the next paragraph numbered as `p` says ("一、", "（二）"), or `None`.
    pub(super) fn label(&mut self, p: &ParaNumbering) -> Option<String> {
        let (num, level) = self.resolve(p)?;
        let Instance {
            list: list_id,
            restarts: overrides,
        } = self.nums.get(&num)?;
        let levels = self.lists.get(list_id)?;
        // Lists of one definition count on together unless one restarts (Word's way).
        let key = if overrides.is_empty() {
            format!("list {list_id}")
        } else {
            num.clone()
        };
        let counters = self.counters.entry(key).or_default();
        let start = |l: usize| {
            overrides
                .iter()
                .find(|(ol, _)| *ol == l)
                .map(|(_, v)| *v)
                .or_else(|| levels.get(l).map(|lv| lv.start))
                .unwrap_or(1)
        };
        let next = counters
            .get(level)
            .copied()
            .flatten()
            .map_or(start(level), |c| c.saturating_add(1));
        if let Some(c) = counters.get_mut(level) {
            *c = Some(next);
        }
        for c in counters.iter_mut().skip(level + 1) {
            *c = None;
        }
        let lv = levels.get(level)?;
        if lv.format == "bullet" || lv.format == "none" {
            return None;
        }
        let mut label = lv.text.clone();
        for (l, def) in levels.iter().enumerate().take(level + 1) {
            let value = counters.get(l).copied().flatten().unwrap_or(start(l));
            let format = if lv.legal && l < level {
                "decimal"
            } else {
                def.format.as_str()
            };
            label = label.replace(&format!("%{}", l + 1), &format_number(value, format));
        }
        (!label.is_empty()).then_some(label)
    }

    /// The paragraph's (num id, level): its own, else its style's (through base styles).
    fn resolve(&self, p: &ParaNumbering) -> Option<(String, usize)> {
        let mut from_style = None;
        let mut style = p.style.clone();
        for _ in 0..8 {
            let Some(s) = style.and_then(|s| self.styles.get(&s)) else {
                break;
            };
            if s.numbered.is_some() {
                from_style = s.numbered.clone();
                break;
            }
            style = s.based_on.clone();
        }
        let num = p
            .num
            .clone()
            .or_else(|| from_style.as_ref().map(|s| s.0.clone()))?;
        let level = p
            .level
            .or(from_style.map(|s| s.1))
            .unwrap_or(0)
            .min(LEVELS - 1);
        // numId 0 takes numbering away.
        (num != "0").then_some((num, level))
    }
}

fn set_level(lv: &mut Level, e: &BytesStart<'_>) {
    match e.local_name().as_ref() {
        "start" => lv.start = number(e).unwrap_or(1),
        "numFmt" => lv.format = attr(e, "val").unwrap_or_default(),
        "lvlText" => lv.text = attr(e, "val").unwrap_or_default(),
        "isLgl" => lv.legal = attr(e, "val").is_none_or(|v| v != "0" && v != "false"),
        _ => {}
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    super::body::attr(e, name)
}

fn number(e: &BytesStart<'_>) -> Option<u32> {
    attr(e, "val").and_then(|v| v.trim().parse().ok())
}

/// A counter in a list number format.
pub(super) fn format_number(n: u32, format: &str) -> String {
    const TEN_STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(n, false),
        "chineseLegalSimplified" => chinese(n, true),
        "ideographDigital" | "taiwaneseDigital" => n
            .to_string()
            .chars()
            .map(|d| {
                "〇一二三四五六七八九"
                    .chars()
                    .nth(d as usize - '0' as usize)
                    .unwrap_or(d)
            })
            .collect(),
        "ideographTraditional" => TEN_STEMS
            .get((n as usize).wrapping_sub(1) % 10)
            .map_or_else(|| n.to_string(), char::to_string),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let k = (n.max(1) - 1) as usize;
            let c = (base + (k % 26) as u8) as char;
            c.to_string().repeat(k / 26 + 1)
        }
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        _ => n.to_string(),
    }
}

/// 一, 十二, 二十, 一百零五; the financial forms (壹拾贰) when `legal`.
fn chinese(n: u32, legal: bool) -> String {
    let digits: Vec<char> = if legal {
        "零壹贰叁肆伍陆柒捌玖".chars().collect()
    } else {
        "零一二三四五六七八九".chars().collect()
    };
    let units: Vec<char> = if legal {
        "拾佰仟".chars().collect()
    } else {
        "十百千".chars().collect()
    };
    if n == 0 || n >= 10_000 {
        return n.to_string();
    }
    let d = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (i, &v) in d.iter().enumerate() {
        let unit = match i {
            0 => units.get(2),
            1 => units.get(1),
            2 => units.first(),
            _ => None,
        };
        if v == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.extend(digits.first());
            zero = false;
        }
        // 十二, not 一十二, when ten leads.
        if !(i == 2 && v == 1 && out.is_empty() && !legal) {
            out.extend(digits.get(v as usize));
        }
        out.extend(unit);
    }
    out
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in R {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}
