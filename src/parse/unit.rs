//! The reporting unit's name: every place a report gives it (title, body, signature) and the
//! names its file and folders carry, each kept with where it came from. Which one names a
//! roster unit is the roster's business (`roster::matching`); here names are only read.

use super::meta::{first_year, trailing_date};
use super::text::find_str;

/// Words that begin the report's own name in a title or a file name: what stands before
/// them (years and "关于" aside) is the unit.
const REPORT_WORDS: &[&str] = &[
    "政府信息公开",
    "政府資訊公開",
    "政府资讯公开",
    "资讯公开",
    "政务公开",
    "信息公开",
    "政府信息",
    "年度报告",
    "工作报告",
    "年报",
    "报告",
];

/// Names that are not a unit's ("本单位", "我局"…): a sentence speaking of itself.
const GENERIC: &[&str] = &[
    "本单位",
    "本机关",
    "本部门",
    "本局",
    "我局",
    "我单位",
    "我委",
    "我办",
    "我区",
    "本委",
    "本办",
    "本级",
    "全区",
    "全县",
    "全市",
    "各单位",
];

/// The unit's name in a title: what stands before the report's own words, with the year
/// and "关于" taken out, in every order titles use ("示例区财政局2023年…",
/// "2023年示例区财政局…", "示例区财政局关于2023年度…的报告", "示例区财政局政府信息公开
/// 工作年度报告").
pub(crate) fn from_title(title: &str) -> Option<String> {
    let t = title.trim();
    let cut = REPORT_WORDS.iter().filter_map(|w| t.find(w)).min()?;
    clean_name(&t[..cut])
}

/// The unit's name in a file or folder name ("2023年示例区财政局年报", "示例区财政局",
/// "示例区财政局_2023"): Latin letters, digits and separators are not part of it, and a
/// name that is only a year, an id or a CMS number ("P020240119…") gives nothing.
pub fn from_file_name(stem: &str) -> Option<String> {
    let mut t = strip_years(stem);
    let cut = REPORT_WORDS.iter().filter_map(|w| t.find(w)).min();
    if let Some(c) = cut {
        t.truncate(c);
    }
    // Words apart: ids, years, CMS numbers and "(1)" are words of Latin letters and digits
    // alone; a digit inside a Chinese word stays (never "财政局52" read as "财政局").
    let kept: Vec<&str> = t
        .split(['_', '-', '.', ' ', '　', '(', ')'])
        .filter(|w| !w.chars().all(|c| c.is_ascii_alphanumeric()))
        .collect();
    clean_name(&kept.concat())
}

/// The unit's name in a line of the body: "现将示例区财政局2023年…", "本报告由示例区财政局
/// 编制", "示例区财政局（以下简称“区财政局”）".
pub(crate) fn from_body(line: &str) -> Option<String> {
    for key in [
        "现公布",
        "现予公布",
        "现将",
        "特公布",
        "现发布",
        "现向社会公布",
    ] {
        if let Some(p) = find_str(line, key) {
            let rest = &line[p + key.len()..];
            let Some((_, off, _)) = first_year(rest, "年") else {
                continue;
            };
            if let Some(n) = clean_name(&rest[..off]) {
                return Some(n);
            }
        }
    }
    if let Some(p) = find_str(line, "本报告由") {
        let rest = &line[p + "本报告由".len()..];
        let end = [
            "负责编制",
            "汇总编制",
            "编制",
            "根据",
            "依据",
            "按照",
            "组织",
        ]
        .iter()
        .filter_map(|w| rest.find(w))
        .min()?;
        if let Some(n) = clean_name(&rest[..end]) {
            return Some(n);
        }
    }
    for key in ["（以下简称", "(以下简称"] {
        if let Some(p) = find_str(line, key) {
            let before = &line[..p];
            let start = before
                .char_indices()
                .rev()
                .find(|&(_, c)| "。，；：、,;:！？ \t“”\"".contains(c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            if let Some(n) = clean_name(&strip_years(&before[start..])) {
                return Some(n);
            }
        }
    }
    None
}

/// The unit's name in the signature: the last line of the text when it is a short name (a
/// date after it on the same line or the next), or the tail of a one-line text after its
/// last sentence.
pub(crate) fn from_signature(last_lines: &[&str]) -> Option<String> {
    let (&last, before) = last_lines.split_last()?;
    let tail = after_last_sentence(last.trim());
    let (name, dated) = strip_trailing_date(tail);
    if !name.is_empty() {
        return clean_signature(name);
    }
    if !dated {
        return None;
    }
    // The date alone on the last line: the name is the line above.
    let prev = before.last()?.trim();
    if prev.chars().count() > 30 || prev.ends_with('。') {
        return None;
    }
    clean_signature(prev)
}

fn clean_signature(name: &str) -> Option<String> {
    // A signature is a name, not a sentence: short, no sentence punctuation.
    if name.chars().count() > 30 || name.contains(['，', '。', '；', '：', ',']) {
        return None;
    }
    clean_name(name)
}

/// What follows the last sentence end of a line.
pub(crate) fn after_last_sentence(line: &str) -> &str {
    line.rfind(['。', '；', '！', '？', ';'])
        .map_or(line, |p| {
            let len = line[p..].chars().next().map_or(1, char::len_utf8);
            &line[p + len..]
        })
        .trim()
}

/// A text with its trailing date taken off, and whether there was one.
fn strip_trailing_date(text: &str) -> (&str, bool) {
    // The date must run to the end of the text and be the whole rest of it.
    match trailing_date(text) {
        Some((len, _)) => (text[..text.len() - len].trim(), true),
        None => (text.trim(), false),
    }
}

/// Years ("2023年", "2023年度", "二〇二三年") taken out of a text.
fn strip_years(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((_, off, len)) = first_year(rest, "年") {
        out.push_str(&rest[..off]);
        let after = &rest[off + len..];
        let after = after.strip_prefix(' ').unwrap_or(after);
        let after = after.strip_prefix('年').unwrap_or(after);
        rest = after.strip_prefix('度').unwrap_or(after);
    }
    out.push_str(rest);
    out
}

/// A name from the words before a report's title words: years, "关于", "的" and stray
/// brackets and punctuation taken off; `None` unless what is left reads as a unit's name.
fn clean_name(raw: &str) -> Option<String> {
    let mut s = strip_years(raw);
    for empty in ["（）", "()", "【】", "[]", "“”"] {
        s = s.replace(empty, "");
    }
    let trim_chars: &[char] = &[
        ' ', '　', '\t', '：', ':', '，', ',', '、', '“', '”', '"', '《', '》', '【', '】', '—',
        '-', '_', '·', '|',
    ];
    let mut t = s.trim_matches(trim_chars);
    loop {
        let before = t;
        t = t.strip_prefix("关于").unwrap_or(t);
        t = t.strip_suffix("关于").unwrap_or(t);
        t = t.strip_suffix("的").unwrap_or(t);
        t = t.strip_prefix("标题").unwrap_or(t);
        t = t.trim_matches(trim_chars);
        if t == before {
            break;
        }
    }
    // Brackets must pair: "示例区财政局（" is a cut, not a name.
    let open = t.matches(['（', '(']).count();
    let close = t.matches(['）', ')']).count();
    if open != close {
        t = t
            .trim_end_matches(['（', '('])
            .trim_start_matches(['）', ')']);
    }
    let n = t.chars().count();
    let cjk = t
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    let generic = GENERIC.contains(&t) || t.starts_with(['本', '我']) || t.ends_with("工作");
    ((2..=40).contains(&n) && cjk >= 2 && !generic && !t.contains(['。', '，', '；']))
        .then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_every_order() {
        let name = |t: &str| from_title(t);
        let want = Some("示例区财政局".to_string());
        assert_eq!(name("示例区财政局2023年政府信息公开工作年度报告"), want);
        assert_eq!(name("2023年示例区财政局政府信息公开工作年度报告"), want);
        assert_eq!(name("示例区财政局关于2023年度政府信息公开工作的报告"), want);
        assert_eq!(name("示例区财政局2023年度政府信息公开工作年度报告"), want);
        assert_eq!(name("示例区财政局政府信息公开工作年度报告"), want);
        assert_eq!(name("关于示例区财政局2023年政府信息公开工作年度报告"), want);
        assert_eq!(
            name("示例区财政局（2023年度）政府信息公开工作年度报告"),
            want
        );
        assert_eq!(name("示例区财政局 2023 年政府信息公开工作年度报告"), want);
        assert_eq!(name("示例区财政局二〇二三年政府信息公开工作年度报告"), want);
        assert_eq!(
            name("区财政局2023年政府信息公开年报"),
            Some("区财政局".to_string())
        );
        assert_eq!(
            name("示例区人民政府办公室（区外事办公室）2023年政府信息公开工作年度报告"),
            Some("示例区人民政府办公室（区外事办公室）".to_string())
        );
        assert_eq!(name("2023年政府信息公开工作年度报告"), None);
        assert_eq!(name("2023年度政府信息公开工作年度报告"), None);
        // A mirror site's Taiwan wording, read in Simplified.
        assert_eq!(name("2023年政府资讯公开工作年度报告"), None);
    }

    #[test]
    fn file_and_folder_names() {
        let want = Some("示例区财政局".to_string());
        assert_eq!(from_file_name("2023年示例区财政局年报"), want);
        assert_eq!(from_file_name("示例区财政局_2023"), want);
        assert_eq!(
            from_file_name("示例区财政局2023年政府信息公开工作年度报告"),
            want
        );
        assert_eq!(from_file_name("示例区财政局"), want);
        assert_eq!(from_file_name("P020240119384756102934"), None);
        assert_eq!(from_file_name("B003_2023_pipe"), None);
        assert_eq!(from_file_name("2023"), None);
        assert_eq!(from_file_name("2023年度报告"), None);
        assert_eq!(
            from_file_name("2021年度 云州市示例区审计局52 信息公开年报 (1)"),
            Some("云州市示例区审计局52".to_string())
        );
        assert_eq!(
            from_file_name("【区交通运输局】2022年政府信息公开年报（定稿）"),
            Some("区交通运输局".to_string())
        );
    }

    #[test]
    fn body_sentences() {
        let want = Some("示例区财政局".to_string());
        assert_eq!(
            from_body("根据《条例》规定，现将示例区财政局2023年度政府信息公开工作情况报告如下。"),
            want
        );
        assert_eq!(
            from_body("本报告由示例区财政局编制，内容包括总体情况。"),
            want
        );
        assert_eq!(
            from_body("2023年，示例区财政局（以下简称“区财政局”）认真贯彻落实。"),
            want
        );
        assert_eq!(
            from_body("现将本单位2023年度政府信息公开工作报告如下"),
            None
        );
        assert_eq!(from_body("本报告由本机关编制"), None);
    }

    #[test]
    fn signatures() {
        let want = Some("示例区财政局".to_string());
        assert_eq!(
            from_signature(&["本年度未收取信息处理费。", "示例区财政局", "2024年1月20日"]),
            want
        );
        assert_eq!(
            from_signature(&["本年度未收取信息处理费。", "示例区财政局 2024年1月20日"]),
            want
        );
        assert_eq!(
            from_signature(&["…本年度未收取信息处理费。示例区财政局 2024年1月20日"]),
            want
        );
        assert_eq!(
            from_signature(&["…本年度未收取信息处理费。示例区财政局"]),
            want
        );
        assert_eq!(
            from_signature(&["示例区财政局", "二〇二四年一月二十日"]),
            want
        );
        // A numeral in the name is not the date's start.
        assert_eq!(
            from_signature(&["本年度未收取信息处理费。", "示例区第一中学 2024年1月20日"]),
            Some("示例区第一中学".to_string())
        );
        assert_eq!(from_signature(&["本年度未收取信息处理费。"]), None);
        assert_eq!(
            from_signature(&[
                "一是公开内容有待丰富，二是解读形式较为单一。",
                "2024年1月20日"
            ]),
            None
        );
    }
}
