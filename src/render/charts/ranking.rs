//! The 考评 ranking: per year and roster level, each unit's score, best on top, with its
//! rank; a level of more than [`SHOWN`] units shows its best and its worst halves and says
//! how many are left out between them.

use super::{add, level_label, short_label, Pack, Skipped, Spec};

/// One unit's score for a year (a row of scores.csv).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScoreRow {
    /// Year.
    pub year: i32,
    /// Roster level.
    pub level: String,
    /// Unit, as shown.
    pub name: String,
    /// Score.
    pub score: f64,
    /// Rank within year and level (1 = best).
    pub rank: u32,
}

/// Most units one ranking chart shows.
pub const SHOWN: usize = 40;

/// A ranking chart per level of `year`, in level order; a level with a single unit has no
/// ranking to draw.
pub(super) fn ranking(p: &mut Pack, year: i32, scores: &[ScoreRow]) {
    let mut levels: Vec<&str> = scores
        .iter()
        .filter(|s| s.year == year)
        .map(|s| s.level.as_str())
        .collect();
    levels.sort_unstable();
    levels.dedup();
    for (k, level) in levels.into_iter().enumerate() {
        let mut rows: Vec<&ScoreRow> = scores
            .iter()
            .filter(|s| s.year == year && s.level == level)
            .collect();
        rows.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.name.cmp(&b.name)));
        let title = format!("{year}年 考评得分排名（{}）", level_label(level));
        if rows.len() < 2 {
            p.skipped.push(Skipped {
                title,
                reason: "该层级只有1个单位，无需排名".into(),
            });
            continue;
        }
        let bar = |s: &ScoreRow| (format!("{}. {}", s.rank, short_label(&s.name, 12)), s.score);
        let mut bars: Vec<(String, f64)> = Vec::new();
        if rows.len() > SHOWN {
            let half = SHOWN / 2;
            bars.extend(rows[..half].iter().map(|s| bar(s)));
            bars.push((format!("…… 中间 {} 个单位", rows.len() - 2 * half), 0.0));
            bars.extend(rows[rows.len() - half..].iter().map(|s| bar(s)));
        } else {
            bars.extend(rows.iter().map(|s| bar(s)));
        }
        // The axis starts below the lowest score, so that close scores are told apart.
        let low = rows.iter().map(|s| s.score).fold(f64::INFINITY, f64::min);
        let from = ((low - 5.0) / 10.0).floor().max(0.0) * 10.0;
        let size = (1000, 120 + 30 * bars.len() as u32);
        add(
            p,
            format!("ranking-{year}-{}", file_part(level, k)),
            title,
            size,
            Spec::Bars {
                rows: bars,
                unit: "分",
                from,
            },
        );
    }
}

/// A level as part of a file name: itself when it is plain ASCII, else its position.
fn file_part(level: &str, k: usize) -> String {
    if !level.is_empty()
        && level
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        level.to_string()
    } else {
        format!("level{}", k + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(level: &str, name: &str, score: f64, rank: u32) -> ScoreRow {
        ScoreRow {
            year: 2023,
            level: level.into(),
            name: name.into(),
            score,
            rank,
        }
    }

    #[test]
    fn a_chart_per_level_best_on_top_and_long_levels_cut_in_the_middle() {
        let mut scores = vec![
            row("district", "示例区人民政府", 100.0, 1),
            row("department", "教育局", 88.0, 2),
            row("department", "财政局", 97.5, 1),
            row("乡镇", "东城街道", 90.0, 1),
            row("乡镇", "西城街道", 90.0, 1),
        ];
        for i in 0..50 {
            scores.push(row("big", &format!("单位{i:02}"), 100.0 - i as f64, i + 1));
        }
        super::super::use_font(None).unwrap();
        let mut p = Pack::default();
        ranking(&mut p, 2023, &scores);
        let names: Vec<&str> = p.charts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "ranking-2023-big",
                "ranking-2023-department",
                "ranking-2023-level4"
            ]
        );
        assert_eq!(p.skipped.len(), 1);
        assert!(p.skipped[0].title.contains("区政府"));
        // The best is drawn above (a smaller y than) the next.
        let y_of = |svg: &str, label: &str| -> f64 {
            let at = svg.find(&format!(">\n{label}\n<")).unwrap();
            let tag = &svg[svg[..at].rfind("<text").unwrap()..at];
            let y = tag.split(" y=\"").nth(1).unwrap();
            y[..y.find('"').unwrap()].parse().unwrap()
        };
        let dept = &p.charts[1].svg;
        assert!(y_of(dept, "1. 财政局") < y_of(dept, "2. 教育局"));
        let big = &p.charts[0].svg;
        assert!(big.contains("中间 10 个单位"));
        assert!(big.contains("20. 单位19") && big.contains("31. 单位30"));
        assert!(!big.contains("21. 单位20"));
        ranking(&mut p, 2022, &scores);
        assert_eq!(p.charts.len(), 3);
    }
}
