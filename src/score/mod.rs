//! Scores and ranking (政务公开考评): the rubric (TOML) and the deductions it makes, as pure
//! functions over plain unit-years and the charges against them (findings, missing rows).
//!
//! Imports only `model`: which report counts for a unit-year is decided above (`aggregate`
//! gathers the charges from a batch), so scoring knows nothing of files or rosters.

pub mod rubric;

pub use rubric::{Category, Deduction, Per, Points, Rubric, RubricError, DEFAULT_RUBRIC, STATUSES};

use crate::model::Lang;
use std::collections::BTreeMap;

/// A unit and year to be scored (a roster unit × an expected year), borrowing the roster's
/// texts (a province scores a million unit-years).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Subject<'a> {
    /// Roster id.
    pub unit_id: &'a str,
    /// Name.
    pub unit_name: &'a str,
    /// Roster level: ranks are within a year and level.
    pub level: &'a str,
    /// Year.
    pub year: i32,
}

/// Something held against a subject: a finding of its report or a missing.csv row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charge {
    /// Index into the subjects.
    pub subject: usize,
    /// The rule id of the finding, or the missing.csv status.
    pub key: &'static str,
    /// The finding's message, or the status's ([`status_message`]), in the run's language.
    pub message: String,
}

/// One subject's score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score<'a> {
    /// The subject scored.
    pub subject: Subject<'a>,
    /// `full − deductions`, never below the floor.
    pub score: Points,
    /// 1 = best within (year, level); ties share a rank (1, 1, 3).
    pub rank: u32,
    /// Points lost in all.
    pub deductions: Points,
}

/// One row of deductions.csv: points actually taken for one charge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Taken<'a> {
    /// Roster id.
    pub unit_id: &'a str,
    /// Year.
    pub year: i32,
    /// Rule id or missing.csv status.
    pub rule: &'static str,
    /// Points taken: the rubric's, or less when a category cap or the floor cut it.
    pub points: Points,
    /// What the charge says.
    pub message: String,
}

/// Scores and the deductions that explain them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scored<'a> {
    /// Sorted by year, level, rank, unit id.
    pub scores: Vec<Score<'a>>,
    /// Sorted by unit id and year, then in the order the rubric applied them (category,
    /// rule, message), so that the row a cap cut is the last of its category.
    pub deductions: Vec<Taken<'a>>,
}

/// What a missing.csv status says, as a deduction's message.
pub fn status_message(status: &str, lang: Lang) -> String {
    let (zh, en) = match status {
        "no_report" => ("未报送年度报告", "no report"),
        "unreadable" => ("报送的文件无法读取", "only unreadable files came"),
        "late" => ("逾期发布", "published late"),
        "copied" => ("照搬其他报告", "copies another report"),
        "empty" => ("各表全为0或空白", "every table cell zero or blank"),
        other => (other, other),
    };
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// Scores every subject: each charge the rubric prices takes its points, within its
/// category's cap and above the floor; then ranks within (year, level).
pub fn score<'a>(
    rubric: &Rubric,
    subjects: &[Subject<'a>],
    charges: &[Charge],
    lang: Lang,
) -> Scored<'a> {
    let mut by_subject: Vec<Vec<&Charge>> = vec![Vec::new(); subjects.len()];
    for c in charges.iter().filter(|c| rubric.costs(c.key)) {
        by_subject[c.subject].push(c);
    }
    let mut scored = Scored::default();
    for (subject, charged) in subjects.iter().zip(by_subject) {
        let start = scored.deductions.len();
        deduct(rubric, subject, charged, lang, &mut scored.deductions);
        let lost = Points(scored.deductions[start..].iter().map(|t| t.points.0).sum());
        scored.scores.push(Score {
            subject: *subject,
            score: Points(rubric.full.0 - lost.0),
            rank: 0,
            deductions: lost,
        });
    }
    rank(&mut scored.scores);
    scored
        .deductions
        .sort_by(|a, b| (a.unit_id, a.year).cmp(&(b.unit_id, b.year)));
    scored
}

/// One subject's deductions, in the rubric's order (category, key, message), each cut to
/// what its category's cap and the floor leave.
fn deduct<'a>(
    rubric: &Rubric,
    subject: &Subject<'a>,
    charged: Vec<&Charge>,
    lang: Lang,
    out: &mut Vec<Taken<'a>>,
) {
    let mut items: Vec<(&str, &'static str, String)> = Vec::new();
    let mut once: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for c in charged {
        let d = &rubric.deductions[c.key];
        if d.per == Per::Report {
            if let Some((_, n)) = once.get_mut(c.key) {
                *n += 1;
                continue;
            }
            once.insert(c.key, (items.len(), 1));
        }
        items.push((d.category.as_str(), c.key, c.message.clone()));
    }
    for (i, n) in once.into_values().filter(|&(_, n)| n > 1) {
        items[i].2.push_str(&match lang {
            Lang::Zh => format!("（共{n}处，只扣一次）"),
            Lang::En => format!(" ({n} findings, charged once)"),
        });
    }
    items.sort();
    let mut left: BTreeMap<&str, i64> = rubric
        .categories
        .iter()
        .map(|(id, c)| (id.as_str(), c.cap.0))
        .collect();
    let mut above_floor = rubric.full.0 - rubric.floor.0;
    for (category, key, message) in items {
        let cap = left
            .get_mut(category)
            .expect("validated: the category exists");
        let points = rubric.deductions[key].points.0.min(*cap).min(above_floor);
        *cap -= points;
        above_floor -= points;
        out.push(Taken {
            unit_id: subject.unit_id,
            year: subject.year,
            rule: key,
            points: Points(points),
            message,
        });
    }
}

/// Competition ranking (1, 1, 3) by score within (year, level); sorts the scores so.
fn rank(scores: &mut [Score]) {
    scores.sort_by(|a, b| {
        (
            a.subject.year,
            &a.subject.level,
            b.score,
            &a.subject.unit_id,
        )
            .cmp(&(
                b.subject.year,
                &b.subject.level,
                a.score,
                &b.subject.unit_id,
            ))
    });
    let mut i = 0;
    while i < scores.len() {
        let group = (scores[i].subject.year, scores[i].subject.level);
        let mut position = 1;
        let mut j = i;
        while j < scores.len() && (scores[j].subject.year, scores[j].subject.level) == group {
            let tied = j > i && scores[j].score == scores[j - 1].score;
            scores[j].rank = if tied { scores[j - 1].rank } else { position };
            position += 1;
            j += 1;
        }
        i = j;
    }
}

#[cfg(test)]
mod tests;
