//! Text normalisation for matching: labels, numbers, Traditional characters.
//!
//! Matching works on a normalised copy; cells keep their raw text for outputs.

use crate::model::{CellState, Num};

/// Traditional → Simplified for the characters used in labels and headings (mirror sites
/// convert whole pages to Traditional: 規範性檔案, 總計). Sorted by the Traditional character,
/// for binary search.
pub(crate) const TRAD: &[(char, char)] = &[
    ('並', '并'),
    ('佈', '布'),
    ('來', '来'),
    ('個', '个'),
    ('們', '们'),
    ('僅', '仅'),
    ('億', '亿'),
    ('內', '内'),
    ('兩', '两'),
    ('動', '动'),
    ('務', '务'),
    ('匯', '汇'),
    ('區', '区'),
    ('員', '员'),
    ('問', '问'),
    ('單', '单'),
    ('國', '国'),
    ('園', '园'),
    ('執', '执'),
    ('報', '报'),
    ('實', '实'),
    ('審', '审'),
    ('將', '将'),
    ('專', '专'),
    ('對', '对'),
    ('導', '导'),
    ('屬', '属'),
    ('廢', '废'),
    ('廳', '厅'),
    ('強', '强'),
    ('後', '后'),
    ('復', '复'),
    ('應', '应'),
    ('戰', '战'),
    ('戶', '户'),
    ('採', '采'),
    ('據', '据'),
    ('數', '数'),
    ('於', '于'),
    ('時', '时'),
    ('書', '书'),
    ('會', '会'),
    ('東', '东'),
    ('條', '条'),
    ('業', '业'),
    ('構', '构'),
    ('標', '标'),
    ('樣', '样'),
    ('機', '机'),
    ('檔', '档'),
    ('權', '权'),
    ('歲', '岁'),
    ('決', '决'),
    ('沒', '没'),
    ('況', '况'),
    ('減', '减'),
    ('準', '准'),
    ('濟', '济'),
    ('為', '为'),
    ('無', '无'),
    ('營', '营'),
    ('爭', '争'),
    ('獲', '获'),
    ('現', '现'),
    ('環', '环'),
    ('產', '产'),
    ('當', '当'),
    ('發', '发'),
    ('確', '确'),
    ('祕', '秘'),
    ('稅', '税'),
    ('種', '种'),
    ('穩', '稳'),
    ('範', '范'),
    ('糾', '纠'),
    ('約', '约'),
    ('納', '纳'),
    ('級', '级'),
    ('組', '组'),
    ('結', '结'),
    ('統', '统'),
    ('經', '经'),
    ('綜', '综'),
    ('維', '维'),
    ('網', '网'),
    ('縣', '县'),
    ('總', '总'),
    ('織', '织'),
    ('繳', '缴'),
    ('繼', '继'),
    ('續', '续'),
    ('罰', '罚'),
    ('義', '义'),
    ('聯', '联'),
    ('職', '职'),
    ('與', '与'),
    ('舉', '举'),
    ('萬', '万'),
    ('處', '处'),
    ('號', '号'),
    ('衛', '卫'),
    ('補', '补'),
    ('製', '制'),
    ('複', '复'),
    ('見', '见'),
    ('規', '规'),
    ('計', '计'),
    ('訊', '讯'),
    ('訟', '讼'),
    ('訪', '访'),
    ('設', '设'),
    ('許', '许'),
    ('訴', '诉'),
    ('詢', '询'),
    ('認', '认'),
    ('請', '请'),
    ('諮', '咨'),
    ('議', '议'),
    ('護', '护'),
    ('負', '负'),
    ('責', '责'),
    ('費', '费'),
    ('資', '资'),
    ('購', '购'),
    ('轉', '转'),
    ('辦', '办'),
    ('辭', '辞'),
    ('這', '这'),
    ('進', '进'),
    ('過', '过'),
    ('違', '违'),
    ('還', '还'),
    ('鄉', '乡'),
    ('錄', '录'),
    ('鎮', '镇'),
    ('長', '长'),
    ('門', '门'),
    ('開', '开'),
    ('間', '间'),
    ('關', '关'),
    ('際', '际'),
    ('險', '险'),
    ('頁', '页'),
    ('項', '项'),
    ('領', '领'),
    ('題', '题'),
    ('額', '额'),
    ('類', '类'),
    ('驗', '验'),
    ('體', '体'),
    ('黨', '党'),
];

/// Maps one character to the form labels are matched in: Simplified, half-width digits and
/// ASCII letters, full-width brackets.
#[inline]
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '(' => '（',
        ')' => '）',
        '．' => '.',
        '，' => '，',
        '﹑' => '、',
        c if c < '\u{3000}' => c,
        c if !maybe_traditional(c) => c,
        c => TRAD
            .binary_search_by_key(&c, |&(t, _)| t)
            .map_or(c, |i| TRAD[i].1),
    }
}

/// A 1024-bit summary of the Traditional characters in `TRAD`: most characters are not
/// among them, and this says so without a search.
const TRAD_BITS: [u64; 16] = {
    let mut bits = [0u64; 16];
    let mut i = 0;
    while i < TRAD.len() {
        let h = TRAD[i].0 as usize & 1023;
        bits[h / 64] |= 1 << (h % 64);
        i += 1;
    }
    bits
};

#[inline]
fn maybe_traditional(c: char) -> bool {
    let h = c as usize & 1023;
    TRAD_BITS[h / 64] & (1 << (h % 64)) != 0
}

/// Traditional characters of `TRAD` turned Simplified, everything else as it is. Both forms
/// are three bytes in UTF-8, so byte offsets into the result are offsets into `text`.
pub(crate) fn fold_traditional(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(first) = first_traditional(text.as_bytes()) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    out.extend(text[first..].chars().map(fold_trad));
    std::borrow::Cow::Owned(out)
}

/// Every Traditional character of `TRAD`, one bit per code point of the Basic Multilingual
/// Plane: one lookup per character in [`first_traditional`].
const TRAD_BMP: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut i = 0;
    while i < TRAD.len() {
        let c = TRAD[i].0 as usize;
        if c < 65536 {
            bits[c / 64] |= 1 << (c % 64);
        }
        i += 1;
    }
    bits
};

/// The byte offset of the first character `fold_trad` changes: a byte loop that decodes only
/// the three-byte sequences (where all of `TRAD` lives), run over every report's text.
fn first_traditional(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i + 2 < b.len() {
        let lead = b[i];
        if lead < 0xE0 {
            i += 1;
            continue;
        }
        if lead >= 0xF0 {
            i += 4;
            continue;
        }
        let c = (usize::from(lead & 0x0F) << 12)
            | (usize::from(b[i + 1] & 0x3F) << 6)
            | usize::from(b[i + 2] & 0x3F);
        if TRAD_BMP[c / 64] & (1 << (c % 64)) != 0 {
            return Some(i);
        }
        i += 3;
    }
    None
}

#[inline]
fn fold_trad(c: char) -> char {
    if c < '\u{4E00}' || !maybe_traditional(c) {
        return c;
    }
    TRAD.binary_search_by_key(&c, |&(t, _)| t)
        .map_or(c, |i| TRAD[i].1)
}

/// Normalises a label for keyword matching: folded characters, no white space, no markers.
pub(crate) fn fold_label(s: &str) -> std::borrow::Cow<'_, str> {
    let kept = |c: &char| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{3000}';
    if s.chars().all(|c| kept(&c) && fold_char(c) == c) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().filter(kept).map(fold_char).collect())
}

/// Substring test for short haystacks (labels): a plain scan on the needle's first bytes,
/// cheaper than `str::contains`, which sets up a two-way searcher on every call.
pub(crate) fn has(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.len() > h.len() {
        return false;
    }
    match n {
        [] => true,
        [a, b, c, rest @ ..] => (0..=h.len() - n.len()).any(|i| {
            h[i + 2] == *c && h[i] == *a && h[i + 1] == *b && &h[i + 3..i + n.len()] == rest
        }),
        _ => h.windows(n.len()).any(|w| w == n),
    }
}

/// The byte offset of `needle` in `haystack`, like `str::find` but without its per-call
/// searcher set-up, which dominates on the short texts searched here.
pub(crate) fn find_str(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let (&first, rest) = n.split_first()?;
    if n.len() > h.len() {
        return None;
    }
    if h.len() > 4096 {
        // Very long lines (crawler text): memchr's vectorised search repays its set-up.
        return memchr::memmem::find(h, n);
    }
    // Scan for the needle's third byte when it has one: in Chinese text the lead bytes
    // (E4–E9) are everywhere, the continuation bytes far less so.
    let k = if n.len() >= 3 { 2 } else { 0 };
    let key = n[k];
    let mut from = k;
    while let Some(p) = memchr::memchr(key, &h[from..=h.len() - n.len() + k]) {
        let i = from + p - k;
        if h[i] == first && &h[i + 1..i + n.len()] == rest {
            return Some(i);
        }
        from = i + k + 1;
    }
    None
}

/// A label with a 128-bit summary of its characters, so that keywords whose first two
/// characters are not both present are rejected without a search.
pub(crate) struct Label<'a> {
    text: &'a str,
    bloom: u128,
}

fn bloom_bit(c: char) -> u128 {
    1 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 25)
}

impl<'a> Label<'a> {
    /// Summarises a (folded) label.
    pub(crate) fn new(text: &'a str) -> Label<'a> {
        Label {
            text,
            bloom: text.chars().fold(0, |b, c| b | bloom_bit(c)),
        }
    }

    /// True when the label contains `word`.
    pub(crate) fn has(&self, word: &str) -> bool {
        let mut cs = word.chars();
        let maybe = cs.by_ref().take(2).all(|c| self.bloom & bloom_bit(c) != 0);
        maybe && has(self.text, word)
    }
}

/// Unit written after a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    /// No unit.
    None,
    /// 元.
    Yuan,
    /// 万元.
    WanYuan,
    /// 件, 条, 个, 项, 次…
    Count,
}

/// What a cell's text holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Value {
    pub(crate) state: CellState,
    pub(crate) num: Option<Num>,
    pub(crate) unit: Unit,
}

/// True for the marks reports use for "not applicable".
pub(crate) fn is_na(t: &str) -> bool {
    matches!(
        t,
        "/" | "／"
            | "-"
            | "－"
            | "—"
            | "——"
            | "–"
            | "―"
            | "一"
            | "\\"
            | "无"
            | "無"
            | "不适用"
            | "不適用"
            | "N/A"
            | "n/a"
    )
}

/// Classifies a cell's text (FORMAT.md "Cell states").
pub(crate) fn classify(raw: &str) -> Value {
    let t = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}');
    if t.is_empty() || t == "&nbsp;" {
        return Value {
            state: CellState::Blank,
            num: None,
            unit: Unit::None,
        };
    }
    if is_na(t) {
        return Value {
            state: CellState::Na,
            num: None,
            unit: Unit::None,
        };
    }
    match parse_number(t) {
        Some((num, unit)) => Value {
            state: CellState::Number,
            num: Some(num),
            unit,
        },
        None => Value {
            state: CellState::Text,
            num: None,
            unit: Unit::None,
        },
    }
}

/// Parses a number as reports write it: full-width digits, thousands separators, a unit.
pub(crate) fn parse_number(t: &str) -> Option<(Num, Unit)> {
    if !t.is_empty() && t.len() <= 12 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Num::parse_plain(t).map(|n| (n, Unit::None));
    }
    // Labels are the common non-number: reject them on the first character.
    let starts_numeric = t.chars().next().is_some_and(|c| {
        let c = fold_char(c);
        c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | '－' | '−')
    });
    if !starts_numeric {
        return None;
    }
    let (body, unit) = strip_unit(t);
    if body.is_empty() || body.len() > 40 {
        return None;
    }
    let mut s = String::with_capacity(body.len());
    let chars: Vec<char> = body.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let c = fold_char(c);
        match c {
            '0'..='9' | '.' => s.push(c),
            '-' | '－' | '−' if i == 0 => s.push('-'),
            '+' if i == 0 => {}
            ',' | '，' | '\'' => {
                let digit = |j: Option<&char>| j.is_some_and(|c| fold_char(*c).is_ascii_digit());
                if !(i > 0 && digit(chars.get(i - 1)) && digit(chars.get(i + 1))) {
                    return None;
                }
            }
            c if c.is_whitespace() => {}
            _ => return None,
        }
    }
    Num::parse_plain(&s).map(|n| (n, unit))
}

fn strip_unit(t: &str) -> (&str, Unit) {
    for (suffix, unit) in [
        ("万元", Unit::WanYuan),
        ("萬元", Unit::WanYuan),
        ("元", Unit::Yuan),
        ("件", Unit::Count),
        ("条", Unit::Count),
        ("個", Unit::Count),
        ("个", Unit::Count),
        ("项", Unit::Count),
        ("次", Unit::Count),
    ] {
        if let Some(b) = t.strip_suffix(suffix) {
            return (b.trim_end(), unit);
        }
    }
    (t, Unit::None)
}

/// True when the text is a value (number or not-applicable mark), not a label.
pub(crate) fn is_value(t: &str) -> bool {
    matches!(classify(t).state, CellState::Number | CellState::Na)
}

/// Parses "二〇二四" / "2024" style years and small Chinese numbers (一…三十一).
pub(crate) fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '〇' | '零' | 'Ｏ' | 'O' | '○' => 0,
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    if let Some(pos) = chars.iter().position(|&c| c == '十') {
        let tens = if pos == 0 { 1 } else { digit(chars[0])? };
        if pos > 1 {
            return None;
        }
        let ones = match chars.get(pos + 1) {
            Some(&c) => digit(c)?,
            None => 0,
        };
        if chars.len() > pos + 2 {
            return None;
        }
        return Some(tens * 10 + ones);
    }
    chars
        .iter()
        .try_fold(0u32, |acc, &c| Some(acc * 10 + digit(c)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_substrings() {
        assert!(has("（三）不予公开1.属于国家秘密", "国家秘密"));
        assert!(!has("国家", "国家秘密"));
        assert!(has("abc", ""));
    }

    #[test]
    fn classifies_cells() {
        assert_eq!(classify("").state, CellState::Blank);
        assert_eq!(classify("/").state, CellState::Na);
        assert_eq!(classify("—").state, CellState::Na);
        assert_eq!(classify("３").num, Some(Num::int(3)));
        assert_eq!(classify("1,234").num, Some(Num::int(1234)));
        assert_eq!(classify("251000元").unit, Unit::Yuan);
        assert_eq!(classify("abc").state, CellState::Text);
        assert_eq!(classify("1.属于国家秘密").state, CellState::Text);
    }

    #[test]
    fn traditional_table_is_sorted_and_unique() {
        assert!(TRAD.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn finds_the_first_traditional_character() {
        assert_eq!(first_traditional("a年報".as_bytes()), Some(4));
        assert_eq!(first_traditional("年报 abc".as_bytes()), None);
        assert_eq!(fold_traditional("政府信息公開"), "政府信息公开");
    }

    #[test]
    fn folds_traditional_labels() {
        assert_eq!(fold_label("規範性檔案 總計"), "规范性档案总计");
        assert_eq!(fold_label("(一)予以公開"), "（一）予以公开");
    }

    #[test]
    fn reads_chinese_numbers() {
        assert_eq!(chinese_number("二〇二四"), Some(2024));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("十一"), Some(11));
        assert_eq!(chinese_number("三十一"), Some(31));
    }
}
