//! Text normalisation for matching: labels, numbers, Traditional characters.
//!
//! Matching works on a normalised copy; cells keep their raw text for outputs.

use crate::model::{CellState, Num};

/// Traditional → Simplified for the characters used in labels and headings (mirror sites
/// convert whole pages to Traditional: 規範性檔案, 總計).
const TRAD: &[(char, char)] = &[
    ('開', '开'),
    ('請', '请'),
    ('數', '数'),
    ('結', '结'),
    ('轉', '转'),
    ('辦', '办'),
    ('區', '区'),
    ('計', '计'),
    ('這', '这'),
    ('國', '国'),
    ('規', '规'),
    ('範', '范'),
    ('檔', '档'),
    ('為', '为'),
    ('護', '护'),
    ('權', '权'),
    ('屬', '属'),
    ('務', '务'),
    ('過', '过'),
    ('執', '执'),
    ('詢', '询'),
    ('無', '无'),
    ('關', '关'),
    ('現', '现'),
    ('補', '补'),
    ('處', '处'),
    ('訪', '访'),
    ('報', '报'),
    ('訴', '诉'),
    ('復', '复'),
    ('複', '复'),
    ('認', '认'),
    ('獲', '获'),
    ('納', '纳'),
    ('費', '费'),
    ('總', '总'),
    ('繼', '继'),
    ('續', '续'),
    ('議', '议'),
    ('訟', '讼'),
    ('維', '维'),
    ('糾', '纠'),
    ('審', '审'),
    ('經', '经'),
    ('織', '织'),
    ('業', '业'),
    ('構', '构'),
    ('會', '会'),
    ('發', '发'),
    ('廢', '废'),
    ('許', '许'),
    ('罰', '罚'),
    ('強', '强'),
    ('額', '额'),
    ('萬', '万'),
    ('項', '项'),
    ('對', '对'),
    ('購', '购'),
    ('體', '体'),
    ('況', '况'),
    ('動', '动'),
    ('問', '问'),
    ('題', '题'),
    ('進', '进'),
    ('類', '类'),
    ('沒', '没'),
    ('確', '确'),
    ('舉', '举'),
    ('繳', '缴'),
    ('機', '机'),
    ('採', '采'),
    ('條', '条'),
    ('統', '统'),
    ('時', '时'),
    ('間', '间'),
    ('佈', '布'),
    ('標', '标'),
    ('單', '单'),
    ('縣', '县'),
    ('鎮', '镇'),
    ('匯', '汇'),
    ('門', '门'),
    ('穩', '稳'),
    ('產', '产'),
    ('實', '实'),
    ('驗', '验'),
    ('負', '负'),
    ('責', '责'),
    ('錄', '录'),
    ('險', '险'),
    ('稅', '税'),
    ('決', '决'),
    ('號', '号'),
    ('來', '来'),
    ('與', '与'),
    ('據', '据'),
    ('於', '于'),
    ('內', '内'),
    ('製', '制'),
    ('聯', '联'),
    ('網', '网'),
    ('頁', '页'),
    ('職', '职'),
    ('資', '资'),
    ('訊', '讯'),
    ('歲', '岁'),
    ('當', '当'),
    ('將', '将'),
    ('種', '种'),
    ('並', '并'),
    ('們', '们'),
    ('個', '个'),
    ('應', '应'),
    ('員', '员'),
    ('營', '营'),
    ('濟', '济'),
    ('衛', '卫'),
    ('設', '设'),
    ('環', '环'),
    ('級', '级'),
    ('導', '导'),
    ('見', '见'),
    ('長', '长'),
    ('僅', '仅'),
    ('領', '领'),
    ('書', '书'),
    ('東', '东'),
    ('樣', '样'),
    ('違', '违'),
    ('辭', '辞'),
    ('專', '专'),
    ('戶', '户'),
    ('義', '义'),
    ('兩', '两'),
    ('還', '还'),
    ('戰', '战'),
    ('爭', '争'),
    ('黨', '党'),
    ('廳', '厅'),
    ('億', '亿'),
    ('準', '准'),
    ('園', '园'),
    ('際', '际'),
];

/// Maps one character to the form labels are matched in: Simplified, half-width digits and
/// ASCII letters, full-width brackets.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '(' => '（',
        ')' => '）',
        '．' => '.',
        '，' => '，',
        '﹑' => '、',
        c if c < '\u{3000}' => c,
        c => TRAD.iter().find(|(t, _)| *t == c).map_or(c, |(_, s)| *s),
    }
}

/// Normalises a label for keyword matching: folded characters, no white space, no markers.
pub(crate) fn fold_label(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{3000}')
        .map(fold_char)
        .collect()
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
