//! Figures quoted in the prose that the tables must agree with (N001): "收到…申请1件",
//! "行政复议…0件".

use super::text::{find_str, fold_char, parse_number};
use crate::model::{Span, TableId, TextFigure};

/// Finds quoted figures in one line of prose.
pub(crate) fn find(line: &str, base: usize, out: &mut Vec<TextFigure>) {
    // Every figure ends in 件 or 条 and follows 收到, 新收 or 行政复议.
    let counted = find_str(line, "件").is_some() || find_str(line, "条").is_some();
    if !counted
        || ["收到", "新收", "行政复议"]
            .iter()
            .all(|w| find_str(line, w).is_none())
    {
        return;
    }
    let mut pos = 0;
    for clause in line.split_inclusive(['，', '。', '；', ';', ',', '：']) {
        let start = pos;
        pos += clause.len();
        if let Some(f) = received(clause, base + start) {
            out.push(f);
        } else if let Some(f) = review(clause, base + start) {
            out.push(f);
        }
    }
}

/// "共收到政府信息公开申请58件" / "收到依申请公开信息1条" → new_received total.
fn received(clause: &str, base: usize) -> Option<TextFigure> {
    let k = find_str(clause, "收到").or_else(|| find_str(clause, "新收"))?;
    let a = k + find_str(&clause[k..], "申请")?;
    let excluded = [
        "咨询", "投诉", "信访", "留言", "复议", "诉讼", "结转", "上年", "办结", "答复", "予以",
        "办理",
    ];
    if excluded.iter().any(|w| find_str(clause, w).is_some()) {
        return None;
    }
    let (value, s, e) = count_after(clause, a)?;
    figure(
        TableId::T3,
        "new_received",
        "total",
        clause,
        value,
        base,
        s,
        e,
    )
}

/// "…行政复议0件" (and no 行政诉讼 in the same clause) → review total.
fn review(clause: &str, base: usize) -> Option<TextFigure> {
    let k = find_str(clause, "行政复议")?;
    if find_str(clause, "诉讼").is_some() {
        return None;
    }
    let (value, s, e) = count_after(clause, k)?;
    figure(TableId::T4, "review", "total", clause, value, base, s, e)
}

#[allow(clippy::too_many_arguments)]
fn figure(
    table: TableId,
    row: &'static str,
    col: &'static str,
    clause: &str,
    value: crate::model::Num,
    base: usize,
    s: usize,
    e: usize,
) -> Option<TextFigure> {
    let quote = clause
        .trim_end_matches(['，', '。', '；', ';', ',', '：'])
        .trim()
        .to_string();
    Some(TextFigure {
        table,
        row,
        col,
        value,
        quote,
        span: Span::new(base + s, base + e),
    })
}

/// The first "N件" / "N条" after byte `from`: the number and its byte range.
fn count_after(clause: &str, from: usize) -> Option<(crate::model::Num, usize, usize)> {
    let rest = &clause[from..];
    let mut start = None;
    for (i, c) in rest.char_indices() {
        let d = fold_char(c).is_ascii_digit();
        match (d, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if rest[i..].starts_with('件') || rest[i..].starts_with('条') {
                    let (n, _) = parse_number(&rest[s..i])?;
                    return Some((n, from + s, from + i));
                }
                start = None;
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(line: &str) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        find(line, 0, &mut out);
        out.into_iter()
            .map(|f| (f.row, f.value.to_string()))
            .collect()
    }

    #[test]
    fn reads_received_and_review_counts() {
        assert_eq!(
            figs("2023年，环翠区商务局通过邮寄方式收到依申请公开信息1条，已按照相关规定要求回复。"),
            vec![("new_received", "1".into())]
        );
        assert_eq!(
            figs("全年共收到政府信息公开申请58件，其中予以公开20件。"),
            vec![("new_received", "58".into())]
        );
        assert_eq!(
            figs("本年度发生政府信息公开行政复议2件。"),
            vec![("review", "2".into())]
        );
        assert!(figs("截至目前共收到15564件咨询投诉件").is_empty());
    }
}
