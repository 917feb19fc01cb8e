//! Report metadata: title, unit name, years, statistics period, publication date, scope.

use super::text::{chinese_number, find_str};
use super::unit;
use crate::model::{
    Date, DateSource, Published, Scope, Span, UnitCandidate, UnitSource, YearMention, YearSource,
};

/// A line of the document with its byte offset.
pub(crate) type Line<'a> = (usize, &'a str);

/// Metadata read from the prose.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub(crate) title: Option<(String, Span)>,
    /// Names the text gives the unit: title, body, signature (then the crawler's publisher).
    pub(crate) units: Vec<UnitCandidate>,
    pub(crate) years: Vec<YearMention>,
    pub(crate) period_year: Option<i32>,
    pub(crate) published: Option<Published>,
    pub(crate) scope: Scope,
}

/// Crawler header keys for the publication date.
const DATE_KEYS: &[&str] = &["发布时间", "发布日期", "发文日期", "成文日期", "时间"];

/// Reads the metadata from the document's lines.
pub(crate) fn read(lines: &[Line<'_>]) -> Meta {
    let mut meta = Meta::default();
    let header = crawler_header(lines);
    let body_from = header.body_from;
    // A page's title may stand above its 发布日期 line: key lines are not the title.
    let unkeyed: Vec<Line<'_>> = lines
        .iter()
        .take(body_from.max(1) + 5)
        .filter(|(_, l)| split_key(l).is_none() && !l.contains("===="))
        .copied()
        .collect();
    meta.title = header.title.or_else(|| first_title_line(&unkeyed));
    let mut title_name = None;
    if let Some((t, span)) = &meta.title {
        if let Some((y, off, len)) = first_year(t, "年") {
            let s = span.start as usize + off;
            meta.years.push(YearMention {
                year: y,
                source: YearSource::Title,
                span: Span::new(s, s + len),
            });
        }
        title_name = unit::from_title(t);
    }
    let title_span = meta.title.as_ref().map(|(_, s)| *s);
    let mut body_name = None;
    for &(base, line) in &lines[body_from..] {
        // The title's own words are not the body's; in a one-line text the body follows
        // the title on its line.
        let (base, line) = match title_span {
            Some(s) if (s.start as usize) >= base && (s.start as usize) <= base + line.len() => {
                let end = (s.end as usize).saturating_sub(base).min(line.len());
                match line.get(end..) {
                    Some(rest) => (base + end, rest),
                    None => continue,
                }
            }
            _ => (base, line),
        };
        body_years(line, base, &mut meta.years);
        if meta.period_year.is_none() {
            if let Some((y, span)) = period_year(line, base) {
                meta.period_year = Some(y);
                meta.years.push(YearMention {
                    year: y,
                    source: YearSource::Period,
                    span,
                });
            }
        }
        if body_name.is_none() {
            body_name = unit::from_body(line);
        }
        if meta.scope == Scope::Own && says_region(line) {
            meta.scope = Scope::Region;
        }
    }
    let last: Vec<&str> = lines
        .iter()
        .rev()
        .map(|(_, l)| *l)
        .filter(|l| !l.trim().is_empty())
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let signature = unit::from_signature(&last);
    for (name, source) in [
        (title_name, UnitSource::Title),
        (body_name, UnitSource::Body),
        (signature, UnitSource::Signature),
        (header.publisher, UnitSource::Body),
    ] {
        if let Some(name) = name {
            if !meta.units.iter().any(|c| c.name == name) {
                meta.units.push(UnitCandidate { name, source });
            }
        }
    }
    meta.published = header.published.or_else(|| signature_date(lines));
    meta
}

#[derive(Default)]
struct Header {
    title: Option<(String, Span)>,
    publisher: Option<String>,
    published: Option<Published>,
    body_from: usize,
}

/// Reads a crawler's `key: value` header lines at the top of the file.
fn crawler_header(lines: &[Line<'_>]) -> Header {
    let mut h = Header::default();
    for (i, &(base, line)) in lines.iter().enumerate().take(20) {
        let Some((key, value, voff)) = split_key(line) else {
            if line.contains("====") && line.contains("正文") {
                h.body_from = i + 1;
            }
            continue;
        };
        let vspan = Span::new(base + voff, base + voff + value.len());
        match key {
            "标题" | "题目" | "文章标题" if !value.is_empty() => {
                h.title = Some((value.to_string(), vspan))
            }
            "发布机构" | "来源" | "发文机关" if !value.is_empty() => {
                h.publisher = Some(value.to_string())
            }
            k if DATE_KEYS.contains(&k) && h.published.is_none() => {
                if let Some(date) = parse_date(value) {
                    h.published = Some(Published {
                        date,
                        source: DateSource::Metadata,
                        span: vspan,
                    });
                }
            }
            _ => {}
        }
        h.body_from = h.body_from.max(i + 1);
    }
    h
}

/// `key: value` or `key：value` with a short key.
fn split_key(line: &str) -> Option<(&str, &str, usize)> {
    let (i, sep_len) = [(line.find(':'), 1), (line.find('：'), '：'.len_utf8())]
        .into_iter()
        .filter_map(|(p, l)| p.map(|p| (p, l)))
        .min()?;
    let key = line[..i].trim();
    if key.is_empty() || key.chars().count() > 6 || key.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let rest = &line[i + sep_len..];
    let value = rest.trim();
    let voff = i + sep_len + (rest.len() - rest.trim_start().len());
    Some((key, value, voff))
}

/// The first non-empty line, when it reads as a report title.
/// The title: among the first few non-empty lines, the first that names a report. PDF text
/// may start with a page number and break the title after the unit's name
/// ("洪泽区人民政府" / "2023 年政府信息公开工作年度报告"); the unit's line is then put in front.
fn first_title_line(lines: &[Line<'_>]) -> Option<(String, Span)> {
    let firsts: Vec<&Line<'_>> = lines
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .take(5)
        .collect();
    let k = firsts.iter().position(|(_, l)| {
        let t = l.trim();
        (t.chars().count() <= 80 && (t.contains("报告") || t.contains("年报")))
            || title_prefix(t).is_some()
    })?;
    let &(base, line) = firsts[k];
    // A Markdown heading's marks are not the title's ("# 示例区人民政府2023年…").
    let t = line.trim().trim_start_matches('#').trim_start();
    let off = line.len() - line.trim_start().len() + line.trim().len() - t.len();
    // A title run into the body on one line (a web page's text with its breaks stripped).
    let t = if t.chars().count() > 80 {
        title_prefix(t)?
    } else {
        t
    };
    let span = Span::new(base + off, base + off + t.len());
    let before = k.checked_sub(1).map(|p| firsts[p].1.trim());
    let unit_line = before.filter(|b| {
        let n = b.chars().count();
        (2..=30).contains(&n) && !b.chars().any(|c| c.is_ascii_digit()) && !t.starts_with(*b)
    });
    let starts_with_year = first_year(t, "年").is_some_and(|(_, o, _)| t[..o].trim().is_empty());
    match unit_line {
        Some(u) if starts_with_year => Some((format!("{u}{t}"), span)),
        _ => Some((t.to_string(), span)),
    }
}

/// The title at the start of a long line: up to the first "…年度报告", "…工作报告",
/// "…的报告" or "…年报" within its first 80 characters.
fn title_prefix(line: &str) -> Option<&str> {
    let window_end = line.char_indices().nth(80).map_or(line.len(), |(i, _)| i);
    let window = &line[..window_end];
    ["年度报告", "工作报告", "的报告", "年报"]
        .iter()
        .filter_map(|w| window.find(w).map(|p| p + w.len()))
        .min()
        .map(|end| &line[..end])
}

/// The first year `YYYY` (Arabic or Chinese numerals) followed by `suffix`, with its byte
/// offset and length.
pub(crate) fn first_year(text: &str, suffix: &str) -> Option<(i32, usize, usize)> {
    years_before(text, suffix).next()
}

/// Every 4-digit year directly followed by `suffix`.
fn years_before<'a>(
    text: &'a str,
    suffix: &'a str,
) -> impl Iterator<Item = (i32, usize, usize)> + 'a {
    let first = suffix.chars().next().unwrap_or('年');
    text.match_indices(first).filter_map(move |(i, _)| {
        if !text[i..].starts_with(suffix) {
            return None;
        }
        // PDF text often has a space before 年: "2023 年".
        let before = text[..i].strip_suffix(' ').unwrap_or(&text[..i]);
        let mut digits = ['\0'; 4];
        let mut start = i;
        for (k, (j, c)) in before.char_indices().rev().take(4).enumerate() {
            digits[3 - k] = super::text::fold_char(c);
            start = j;
        }
        if digits[0] == '\0' {
            return None;
        }
        let year = if digits.iter().all(char::is_ascii_digit) {
            digits
                .iter()
                .fold(0, |y, d| y * 10 + d.to_digit(10).unwrap_or(0) as i32)
        } else {
            chinese_number(&digits.iter().collect::<String>())? as i32
        };
        // Not part of a longer number.
        if before[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
        {
            return None;
        }
        (1990..=2100)
            .contains(&year)
            .then_some((year, start, i - start))
    })
}

/// Years of "N年度" that name the report ("现公布…2022年度政府信息公开工作年度报告"): the
/// year must be followed by the report's own words, so that "在2020年度政务公开工作考核中"
/// (last year's rating) or "2024年度工作计划" is not taken for the report's year.
fn body_years(line: &str, base: usize, out: &mut Vec<YearMention>) {
    for (year, off, len) in years_before(line, "年度") {
        let after = &line[off + len + "年度".len()..];
        let window_end = after.char_indices().nth(14).map_or(after.len(), |(i, _)| i);
        let window = &after[..window_end];
        let names_report = after.starts_with("报告")
            || (["政府信息公开", "政府资讯公开", "政务公开", "信息公开"]
                .iter()
                .any(|w| after.starts_with(w))
                && window.contains("报告"));
        if names_report {
            let s = base + off;
            out.push(YearMention {
                year,
                source: YearSource::Body,
                span: Span::new(s, s + len),
            });
        }
    }
}

/// The statistics period: "统计期限自2023年1月1日起至2023年12月31日止".
fn period_year(line: &str, base: usize) -> Option<(i32, Span)> {
    find_str(line, "统计")?;
    let k = [
        "统计期限",
        "统计时限",
        "统计期间",
        "统计时间",
        "统计区间",
        "统计周期",
    ]
    .iter()
    .filter_map(|w| line.find(w))
    .min()?;
    let window_end = line[k..]
        .char_indices()
        .nth(40)
        .map_or(line.len(), |(j, _)| k + j);
    let window = &line[k..window_end];
    if let Some((y, off, len)) =
        first_year(window, "年1月1日").or_else(|| first_year(window, "年01月01日"))
    {
        let s = base + k + off;
        return Some((y, Span::new(s, s + len)));
    }
    // PDF text spaces the digits out: "自 2023 年 1 月 1 日".
    let compact: String = window.chars().filter(|c| !c.is_whitespace()).collect();
    let (y, _, _) = first_year(&compact, "年1月1日")?;
    Some((y, Span::new(base + k, base + window_end)))
}

/// The date under the signature: the last non-empty lines, when one is just a date.
fn signature_date(lines: &[Line<'_>]) -> Option<Published> {
    for &(base, line) in lines
        .iter()
        .rev()
        .filter(|(_, l)| !l.trim().is_empty())
        .take(3)
    {
        let t = line.trim();
        if t.chars().count() > 16 {
            // A text on one line ends "…本年度未收取信息处理费。示例区财政局2024年1月18日": the
            // date after its last sentence.
            let tail = super::unit::after_last_sentence(t);
            // Only a name before the date: no other figure, not "…至" of a period.
            let signed = |len: usize| {
                let name = &tail[..tail.len() - len];
                name.chars().count() <= 30
                    && !name
                        .chars()
                        .any(|c| super::text::fold_char(c).is_ascii_digit())
                    && !name.ends_with(['至', '到', '为', '于', '自', '起', '止'])
            };
            if let Some((len, date)) = trailing_date(tail).filter(|&(len, _)| signed(len)) {
                let off = line.len() - line.trim_start().len() + t.len() - len;
                return Some(Published {
                    date,
                    source: DateSource::Signature,
                    span: Span::new(base + off, base + off + len),
                });
            }
            continue;
        }
        if let Some(date) = parse_date(t) {
            let off = line.len() - line.trim_start().len();
            return Some(Published {
                date,
                source: DateSource::Signature,
                span: Span::new(base + off, base + off + t.len()),
            });
        }
    }
    None
}

/// The date that ends `text` (at most 16 characters, as a signature's): the length of its
/// text from the end, and the date.
pub(crate) fn trailing_date(text: &str) -> Option<(usize, Date)> {
    text.char_indices()
        .rev()
        .take(16)
        .filter_map(|(p, _)| parse_date(&text[p..]).map(|d| (text.len() - p, d)))
        .last()
}

/// Parses `2024-01-20`, `2024/1/20`, `2024年1月20日`, `二〇二四年一月二十日` (time ignored).
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let folded: String = s.chars().map(super::text::fold_char).collect();
    let parts: Vec<&str> = folded
        .split(['-', '/', '.', '年', '月', '日', ' '])
        .filter(|p| !p.is_empty())
        .take(3)
        .collect();
    if parts.len() < 3 {
        return None;
    }
    let num = |p: &str| -> Option<u32> { p.parse::<u32>().ok().or_else(|| chinese_number(p)) };
    let (y, m, d) = (
        num(parts[0])?,
        num(parts[1])?,
        num(parts[2].split(':').next()?)?,
    );
    let valid = (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d);
    valid.then_some(Date {
        year: y as i32,
        month: m as u8,
        day: d as u8,
    })
}

/// True when the text says the report covers a whole region.
fn says_region(line: &str) -> bool {
    if find_str(line, "本行政区域").is_some() {
        return true;
    }
    if find_str(line, "汇总").is_none() {
        return false;
    }
    line.split(['。', '；']).any(|s| {
        s.contains("汇总")
            && ["各部门", "各单位", "各乡镇", "各街道", "各县"]
                .iter()
                .any(|w| s.contains(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_in_the_body_names_the_report_only_with_the_report_s_words() {
        let years = |line: &str| {
            let mut out = Vec::new();
            body_years(line, 0, &mut out);
            out.iter().map(|y| y.year).collect::<Vec<_>>()
        };
        assert_eq!(
            years("现公布环翠区商务局2022年度政府信息公开工作年度报告。"),
            vec![2022]
        );
        assert_eq!(
            years("现将本局2023年度政府信息公开工作情况报告如下："),
            vec![2023]
        );
        assert_eq!(years("本2023年度报告"), vec![2023]);
        assert!(years("在2020年度政务公开工作考核中，区工信局获评优秀等次。").is_empty());
        assert!(years("2024年度政府信息公开工作要点已印发。").is_empty());
        assert!(years("按照2024年度工作计划").is_empty());
    }

    #[test]
    fn a_one_line_text_is_dated_after_its_last_sentence() {
        let line = "六、其他需要报告的事项本年度未收取信息处理费。示例区财政局2023年4月18日";
        let p = signature_date(&[(7, line)]).unwrap();
        assert_eq!((p.date.year, p.date.month, p.date.day), (2023, 4, 18));
        assert_eq!(
            &line[p.span.start as usize - 7..p.span.end as usize - 7],
            "2023年4月18日"
        );
        let dated_only = "本年度未收取信息处理费。2023年4月18日";
        assert!(signature_date(&[(0, dated_only)]).is_some());
        // A sentence that ends in a date is not a signature.
        let sentence =
            "本年度未收取信息处理费。本报告所列数据的统计期限为2023年1月1日至2023年12月31日";
        assert!(signature_date(&[(0, sentence)]).is_none());
    }

    #[test]
    fn parses_dates() {
        let d = |y, m, dd| {
            Some(Date {
                year: y,
                month: m,
                day: dd,
            })
        };
        assert_eq!(parse_date("2022-02-08 16:34"), d(2022, 2, 8));
        assert_eq!(parse_date("2024年1月20日"), d(2024, 1, 20));
        assert_eq!(parse_date("二〇二四年一月二十日"), d(2024, 1, 20));
        assert_eq!(parse_date("2024年"), None);
    }

    #[test]
    fn reads_the_seed_header_lines() {
        let text = " 2023年政府信息公开工作年度报告\n根据…现公布环翠区商务局2022年度政府信息公开工作年度报告。\n本报告中所列数据的统计时限自2023年1月1日起至2023年12月31日止。";
        let mut lines = Vec::new();
        let mut pos = 0;
        for l in text.split('\n') {
            lines.push((pos, l));
            pos += l.len() + 1;
        }
        let m = read(&lines);
        let names: Vec<(&str, UnitSource)> = m
            .units
            .iter()
            .map(|c| (c.name.as_str(), c.source))
            .collect();
        assert_eq!(names, vec![("环翠区商务局", UnitSource::Body)]);
        assert_eq!(m.period_year, Some(2023));
        let ys: Vec<(i32, YearSource)> = m.years.iter().map(|y| (y.year, y.source)).collect();
        assert_eq!(
            ys,
            vec![
                (2023, YearSource::Title),
                (2022, YearSource::Body),
                (2023, YearSource::Period)
            ]
        );
    }
}
