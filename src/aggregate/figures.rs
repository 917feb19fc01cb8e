//! Key figures per unit and year, and for the district: the counts a leader asks about
//! (applications, outcomes, reviews and suits), the rates recomputed from sums (never
//! averaged, FORMAT.md "Scope and roll-ups") and the change from the year before.

use super::cols;
use crate::model::TableId;
use polars::prelude::*;

/// A key figure: its column name and, for the workbook, its Chinese heading.
#[derive(Clone, Copy, Debug)]
pub struct Figure {
    /// Column name in units.csv / rates.csv.
    pub id: &'static str,
    /// Chinese heading.
    pub zh: &'static str,
}

const fn fig(id: &'static str, zh: &'static str) -> Figure {
    Figure { id, zh }
}

/// The counts, in the order they are written.
pub const COUNTS: &[Figure] = &[
    fig("applications", "本年新收申请"),
    fig("carried_over", "上年结转"),
    fig("granted", "予以公开"),
    fig("partially_granted", "部分公开"),
    fig("denied", "不予公开"),
    fig("unable", "无法提供"),
    fig("rejected", "不予处理"),
    fig("other_handling", "其他处理"),
    fig("processed", "办理结果总计"),
    fig("carried_forward", "结转下年度"),
    fig("review_total", "行政复议总计"),
    fig("review_upheld", "复议结果维持"),
    fig("review_corrected", "复议结果纠正"),
    fig("review_other", "复议其他结果"),
    fig("review_pending", "复议尚未审结"),
    fig("suit_total", "行政诉讼总计"),
    fig("suit_upheld", "诉讼结果维持"),
    fig("suit_corrected", "诉讼结果纠正"),
    fig("suit_other", "诉讼其他结果"),
    fig("suit_pending", "诉讼尚未审结"),
];

/// The rates, recomputed from the counts.
pub const RATES: &[Figure] = &[
    fig("disclosure_rate", "公开率"),
    fig("review_correction_rate", "复议纠错率"),
    fig("suit_correction_rate", "诉讼纠错率"),
];

/// The counts whose change from the year before is given (`<id>_prev`, `<id>_yoy`).
pub const YOY: &[Figure] = &[
    fig("applications", "新收申请"),
    fig("processed", "办理总数"),
    fig("review_total", "行政复议"),
    fig("suit_total", "行政诉讼"),
];

/// Which key figure a cell adds to, if any: table 三's 总计 column by row (groups summed),
/// table 四 by block and outcome (both kinds of suit summed).
pub fn figure_of(table: TableId, row: &str, col: &str) -> Option<&'static str> {
    match table {
        TableId::T3 if col == "total" => Some(match row {
            "new_received" => "applications",
            "carried_over" => "carried_over",
            "granted" => "granted",
            "partially_granted" => "partially_granted",
            "total_processed" => "processed",
            "carried_forward" => "carried_forward",
            "other" => "other_handling",
            _ => match row.split_once('.')?.0 {
                "denied" => "denied",
                "unable" => "unable",
                "rejected" => "rejected",
                "other" => "other_handling",
                _ => return None,
            },
        }),
        TableId::T4 => match (row, col) {
            ("review", "total") => Some("review_total"),
            ("review", "upheld") => Some("review_upheld"),
            ("review", "corrected") => Some("review_corrected"),
            ("review", "other") => Some("review_other"),
            ("review", "pending") => Some("review_pending"),
            ("suit_direct" | "suit_after_review", "total") => Some("suit_total"),
            ("suit_direct" | "suit_after_review", "upheld") => Some("suit_upheld"),
            ("suit_direct" | "suit_after_review", "corrected") => Some("suit_corrected"),
            ("suit_direct" | "suit_after_review", "other") => Some("suit_other"),
            ("suit_direct" | "suit_after_review", "pending") => Some("suit_pending"),
            _ => None,
        },
        _ => None,
    }
}

/// `num / den`, null when the denominator is not positive.
fn ratio(num: Expr, den: Expr) -> Expr {
    when(den.clone().gt(lit(0.0)))
        .then(num / den)
        .otherwise(lit(NULL).cast(DataType::Float64))
}

fn rates() -> [Expr; 3] {
    [
        ratio(col("granted") + col("partially_granted"), col("processed")).alias("disclosure_rate"),
        ratio(
            col("review_corrected"),
            col("review_total") - col("review_pending"),
        )
        .alias("review_correction_rate"),
        ratio(
            col("suit_corrected"),
            col("suit_total") - col("suit_pending"),
        )
        .alias("suit_correction_rate"),
    ]
}

/// Joins each row with the same key's row of the year before: `<id>_prev` and `<id>_yoy`
/// (relative change, null without a previous year or when it was zero).
fn with_yoy(frame: LazyFrame, key: &[&str]) -> LazyFrame {
    let mut prev_cols: Vec<Expr> = key.iter().map(|k| col(*k)).collect();
    prev_cols.push((col(cols::YEAR) + lit(1)).alias(cols::YEAR));
    prev_cols.extend(
        YOY.iter()
            .map(|f| col(f.id).alias(format!("{}_prev", f.id))),
    );
    let prev = frame.clone().select(prev_cols);
    let on: Vec<Expr> = key
        .iter()
        .map(|k| col(*k))
        .chain([col(cols::YEAR)])
        .collect();
    // The left frame's row order kept (`units` relies on it).
    let mut args = JoinArgs::new(JoinType::Left);
    args.maintain_order = MaintainOrderJoin::Left;
    let mut out = frame.join(prev, on.clone(), on, args);
    out = out.with_columns(
        YOY.iter()
            .map(|f| {
                let p = col(format!("{}_prev", f.id));
                ratio(col(f.id) - p.clone(), p).alias(format!("{}_yoy", f.id))
            })
            .collect::<Vec<_>>(),
    );
    out
}

/// Output column order: keys, counts, rates, year-over-year.
fn ordered(keys: &[&str]) -> Vec<Expr> {
    keys.iter()
        .map(|k| col(*k))
        .chain(COUNTS.iter().map(|f| col(f.id)))
        .chain(RATES.iter().map(|f| col(f.id)))
        .chain(
            YOY.iter()
                .flat_map(|f| [col(format!("{}_prev", f.id)), col(format!("{}_yoy", f.id))]),
        )
        .collect()
}

/// Per unit and year (the reports that count in the roll-up): the key figures, rates and
/// change from the unit's report of the year before.
pub fn units(facts: &super::Facts) -> PolarsResult<DataFrame> {
    let keys = [cols::UNIT_ID, cols::UNIT_NAME, "level", cols::YEAR];
    let per_report = &facts.figures;
    // Who each report is: texts from the batch, looked up by report index.
    let report = per_report.column("report")?.u32()?;
    let meta: Vec<&super::ReportMeta> = (0..per_report.height())
        .map(|i| &facts.meta[report.get(i).unwrap_or_default() as usize])
        .collect();
    // The rows in the output's order (year, unit id, unit name; ties in report order), which
    // the year-on-year join keeps: the whole frame is never sorted (at a million unit-years a
    // sort copied every column once more).
    fn key<'m>(m: &super::ReportMeta<'m>) -> (i32, &'m str, &'m str) {
        (m.year.unwrap_or_default(), m.unit_id, m.unit_name)
    }
    let mut order: Vec<IdxSize> = (0..meta.len() as IdxSize).collect();
    order.sort_by(|&a, &b| key(meta[a as usize]).cmp(&key(meta[b as usize])));
    let meta: Vec<&super::ReportMeta> = order.iter().map(|&i| meta[i as usize]).collect();
    let figures = per_report
        .drop("report")?
        .take(&IdxCa::from_vec("".into(), order))?;
    // The unit (id, name and level) as one number: the year-on-year key.
    let mut ids: rustc_hash::FxHashMap<(&str, &str, &str), u32> = Default::default();
    let who: Vec<u32> = meta
        .iter()
        .map(|m| {
            let next = ids.len() as u32;
            *ids.entry((m.unit_id, m.unit_name, m.level)).or_insert(next)
        })
        .collect();
    let texts = |f: for<'m> fn(&'m super::ReportMeta<'m>) -> &'m str| {
        meta.iter().map(|m| f(m)).collect::<Vec<_>>()
    };
    let frame = DataFrame::new(
        meta.len(),
        vec![
            Column::new(cols::UNIT_ID.into(), texts(|m| m.unit_id)),
            Column::new(cols::UNIT_NAME.into(), texts(|m| m.unit_name)),
            Column::new("level".into(), texts(|m| m.level)),
            Column::new(
                cols::YEAR.into(),
                meta.iter()
                    .map(|m| m.year.unwrap_or_default())
                    .collect::<Vec<_>>(),
            ),
        ],
    )?;
    let years: Vec<i32> = meta.iter().map(|m| m.year.unwrap_or_default()).collect();
    let per_unit = frame
        .hstack(figures.columns())?
        .lazy()
        .with_columns(rates())
        .collect()?;
    with_yoy_by_index(per_unit, &who, &years)?
        .select(ordered(&keys))
        .collect()
}

/// [`with_yoy`] for a frame whose rows' unit (`who`) and year are known: the left join done
/// by row index, so only the year-before columns are made (a join copied every column of
/// a million unit-years once more). Rows keep their order; a row that has several rows of
/// its unit the year before comes once for each, in their order.
fn with_yoy_by_index(frame: DataFrame, who: &[u32], years: &[i32]) -> PolarsResult<LazyFrame> {
    const END: IdxSize = IdxSize::MAX;
    // The first row of each (unit, year), and after each row the next of the same.
    let mut first: rustc_hash::FxHashMap<(u32, i32), IdxSize> = Default::default();
    let mut last: rustc_hash::FxHashMap<(u32, i32), IdxSize> = Default::default();
    let mut next: Vec<IdxSize> = vec![END; who.len()];
    for (i, key) in who.iter().copied().zip(years.iter().copied()).enumerate() {
        let i = i as IdxSize;
        match last.insert(key, i) {
            Some(before) => next[before as usize] = i,
            None => {
                first.insert(key, i);
            }
        }
    }
    drop(last);
    let mut left: Vec<IdxSize> = Vec::with_capacity(who.len());
    let mut right: Vec<Option<IdxSize>> = Vec::with_capacity(who.len());
    for (i, (w, y)) in who.iter().copied().zip(years.iter().copied()).enumerate() {
        let mut j = first.get(&(w, y.wrapping_sub(1))).copied().unwrap_or(END);
        if j == END {
            left.push(i as IdxSize);
            right.push(None);
        }
        while j != END {
            left.push(i as IdxSize);
            right.push(Some(j));
            j = next[j as usize];
        }
    }
    let right = IdxCa::from_iter_options("".into(), right.into_iter());
    let mut prev = Vec::with_capacity(YOY.len());
    for f in YOY {
        let c = frame.column(f.id)?.take(&right)?;
        prev.push(c.with_name(format!("{}_prev", f.id).into()));
    }
    let base = if left.len() == frame.height() {
        frame
    } else {
        frame.take(&IdxCa::from_vec("".into(), left))?
    };
    Ok(base.hstack(&prev)?.lazy().with_columns(
        YOY.iter()
            .map(|f| {
                let p = col(format!("{}_prev", f.id));
                ratio(col(f.id) - p.clone(), p).alias(format!("{}_yoy", f.id))
            })
            .collect::<Vec<_>>(),
    ))
}

/// Per year and group (`all`, then each roster level): the units' counts summed, how many
/// units, the rates recomputed from the sums and the change from the year before.
pub fn district(units: &DataFrame, by_level: bool) -> PolarsResult<DataFrame> {
    // Each group summed on its own and the small sums stacked: stacking the units frame
    // once per group copied it (at a million unit-years, +0.45 GB at the run's peak).
    let mut needed = vec![cols::YEAR, "level"];
    needed.extend(COUNTS.iter().map(|f| f.id));
    let base = units.select(needed)?.lazy();
    let mut aggs: Vec<Expr> = vec![len().cast(DataType::UInt32).alias(cols::UNITS)];
    aggs.extend(COUNTS.iter().map(|f| col(f.id).sum()));
    let mut columns = vec![col(cols::YEAR), col(cols::GROUP), col(cols::UNITS)];
    columns.extend(COUNTS.iter().map(|f| col(f.id)));
    let mut parts = vec![base
        .clone()
        .group_by([col(cols::YEAR)])
        .agg(aggs.clone())
        .with_column(lit("all").alias(cols::GROUP))
        .select(columns.clone())];
    if by_level {
        parts.push(
            base.group_by([col(cols::YEAR), col("level").alias(cols::GROUP)])
                .agg(aggs)
                .select(columns),
        );
    }
    let summed = concat(parts, UnionArgs::default())?.with_columns(rates());
    let keys = [cols::YEAR, cols::GROUP, cols::UNITS];
    with_yoy(summed, &[cols::GROUP])
        .select(ordered(&keys))
        .sort([cols::YEAR, cols::GROUP], SortMultipleOptions::default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A frame of unit-years with every year-on-year figure (row k's figures are k+1, k+2…).
    fn unit_years(who: &[u32], years: &[i32]) -> DataFrame {
        let mut columns = vec![
            Column::new("who".into(), who.to_vec()),
            Column::new(cols::YEAR.into(), years.to_vec()),
        ];
        for (n, f) in YOY.iter().enumerate() {
            let values: Vec<f64> = (0..who.len()).map(|k| (k + n + 1) as f64).collect();
            columns.push(Column::new(f.id.into(), values));
        }
        DataFrame::new(who.len(), columns).expect("frame")
    }

    #[test]
    fn the_year_on_year_by_row_index_equals_polars_join() {
        let (who, years) = ([0, 0, 1, 2, 0, 1], [2021, 2022, 2022, 2023, 2023, 2023]);
        let frame = unit_years(&who, &years);
        let joined = with_yoy(frame.clone().lazy(), &["who"])
            .collect()
            .expect("join");
        let by_index = with_yoy_by_index(frame, &who, &years)
            .expect("index")
            .collect()
            .expect("frame");
        let names: Vec<String> = joined
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        let by_index = by_index
            .select(names.iter().map(String::as_str))
            .expect("columns");
        assert!(joined.equals_missing(&by_index), "{joined}\n{by_index}");
        // The unit's own year before only: unit 1's 2023 row has its 2022 figures.
        let prev = by_index
            .column(&format!("{}_prev", YOY[0].id))
            .expect("prev");
        assert_eq!(prev.get(5).expect("row").extract::<f64>(), Some(3.0));
        assert!(prev.get(0).expect("row").is_null());
    }

    #[test]
    fn a_unit_year_with_two_rows_the_year_before_comes_once_for_each() {
        let (who, years) = ([0, 0, 0], [2021, 2021, 2022]);
        let out = with_yoy_by_index(unit_years(&who, &years), &who, &years)
            .expect("index")
            .collect()
            .expect("frame");
        assert_eq!(out.height(), 4);
        let prev = out.column(&format!("{}_prev", YOY[0].id)).expect("prev");
        let got: Vec<Option<f64>> = (0..4)
            .map(|i| prev.get(i).ok().and_then(|v| v.extract()))
            .collect();
        assert_eq!(got, vec![None, None, Some(1.0), Some(2.0)]);
    }

    #[test]
    fn every_outcome_row_of_table_three_adds_to_one_figure() {
        use crate::model::ids::{rows_of, T3_ROW_OTHER_2019};
        let outcome_rows = rows_of(TableId::T3)
            .iter()
            .chain([&T3_ROW_OTHER_2019])
            .filter(|r| {
                !matches!(
                    r.id,
                    "new_received" | "carried_over" | "total_processed" | "carried_forward"
                )
            });
        for r in outcome_rows {
            assert!(figure_of(TableId::T3, r.id, "total").is_some(), "{}", r.id);
            assert_eq!(figure_of(TableId::T3, r.id, "natural_person"), None);
        }
        assert_eq!(
            figure_of(TableId::T3, "denied.third_party", "total"),
            Some("denied")
        );
        assert_eq!(
            figure_of(TableId::T3, "other", "total"),
            Some("other_handling")
        );
        assert_eq!(
            figure_of(TableId::T4, "suit_after_review", "corrected"),
            Some("suit_corrected")
        );
        assert_eq!(figure_of(TableId::T2, "rules", "issued"), None);
    }
}
