//! The batch as the scoring stage sees it (roster units × expected years, and the charges
//! against each: the findings of the report that counts, the missing.csv rows), and the
//! scores frame for scores.parquet and the workbook.

use crate::model::Lang;
use crate::pipeline::Batch;
use crate::score::{self, Charge, Rubric, Scored, Subject};
use polars::prelude::*;
use std::collections::BTreeMap;

/// Scores every roster unit for every expected year; `None` without a roster (a unit that
/// sent nothing would then be absent rather than scored 0, and the ranks would mislead).
pub fn scores<'a>(batch: &'a Batch, rubric: &Rubric, lang: Lang) -> Option<Scored<'a>> {
    let (roster, chosen) = batch.roster.as_ref().zip(batch.chosen.as_ref())?;
    let mut subjects = Vec::new();
    let mut charges = Vec::new();
    let mut index = BTreeMap::new();
    for (u, unit) in roster.units.iter().enumerate() {
        for &year in &batch.years {
            let s = subjects.len();
            index.insert((unit.id.as_str(), year), s);
            subjects.push(Subject {
                unit_id: &unit.id,
                unit_name: &unit.name,
                level: &unit.level,
                year,
            });
            let Some(i) = chosen.counted_report(u, year) else {
                continue;
            };
            let priced = batch.outcomes[i]
                .findings
                .iter()
                .filter(|f| rubric.costs(f.rule.0));
            charges.extend(priced.map(|f| Charge {
                subject: s,
                key: f.rule.0,
                message: f.kind.message(lang),
            }));
        }
    }
    for m in &batch.missing {
        if let Some(&s) = index.get(&(m.unit_id.as_str(), m.year)) {
            charges.push(Charge {
                subject: s,
                key: m.status,
                message: score::status_message(m.status, lang),
            });
        }
    }
    Some(score::score(rubric, &subjects, &charges, lang))
}

/// scores.parquet: unit_id, unit_name, level, year, score, rank, deductions.
pub fn scores_frame(scored: &Scored) -> PolarsResult<DataFrame> {
    let s = &scored.scores;
    let text = |f: for<'s> fn(&'s score::Score<'s>) -> &'s str| s.iter().map(f).collect::<Vec<_>>();
    DataFrame::new(
        s.len(),
        vec![
            Column::new("unit_id".into(), text(|x| x.subject.unit_id)),
            Column::new("unit_name".into(), text(|x| x.subject.unit_name)),
            Column::new("level".into(), text(|x| x.subject.level)),
            Column::new(
                "year".into(),
                s.iter().map(|x| x.subject.year).collect::<Vec<i32>>(),
            ),
            Column::new(
                "score".into(),
                s.iter().map(|x| x.score.as_f64()).collect::<Vec<f64>>(),
            ),
            Column::new(
                "rank".into(),
                s.iter().map(|x| x.rank).collect::<Vec<u32>>(),
            ),
            Column::new(
                "deductions".into(),
                s.iter()
                    .map(|x| x.deductions.as_f64())
                    .collect::<Vec<f64>>(),
            ),
        ],
    )
}
