//! How busy a generated unit is, and the figures of a year for each size: most units of a
//! district are quiet, their tables near-empty and often the same as another unit's.

use super::random::Rng;

/// How busy a unit is. Most units of a district (townships, small bureaus) receive a
/// handful of applications a year or none and make few decisions, so their tables are
/// near-empty and often the same as another's; a few receive dozens and decide hundreds of
/// cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// 0–2 applications, now and then a document or a decision; never every cell 0 (Z001).
    Quiet,
    /// Up to a dozen applications, some documents and decisions.
    Small,
    /// Dozens of applications, hundreds of decisions, fees, reviews and suits.
    Busy,
}

impl Size {
    /// A size as districts have them: about half quiet, a third small, the rest busy.
    pub fn pick(rng: &mut Rng) -> Size {
        match rng.below(100) {
            0..=44 => Size::Quiet,
            45..=79 => Size::Small,
            _ => Size::Busy,
        }
    }
}

/// `n` with probability `p` percent, else 0.
pub(crate) fn sometimes(rng: &mut Rng, p: u64, n: impl FnOnce(&mut Rng) -> i64) -> i64 {
    if rng.chance(p) {
        n(rng)
    } else {
        0
    }
}

/// 本年制发, 本年废止 and 现行有效 of 规章 or 行政规范性文件. District units make no 规章 of
/// their own, a busy one now and then excepted.
pub(crate) fn documents(rng: &mut Rng, size: Size, rules: bool) -> [i64; 3] {
    let (issued, repealed, stock) = match (size, rules) {
        (Size::Quiet | Size::Small, true) => (0, 0, 0),
        (Size::Busy, true) => (sometimes(rng, 10, |r| r.below(2) as i64), 0, 0),
        (Size::Quiet, false) => (
            sometimes(rng, 10, |_| 1),
            0,
            sometimes(rng, 50, |r| 1 + r.below(3) as i64),
        ),
        (Size::Small, false) => (
            rng.below(3) as i64,
            sometimes(rng, 20, |_| 1),
            1 + rng.below(15) as i64,
        ),
        (Size::Busy, false) => (
            rng.below(8) as i64,
            rng.below(3) as i64,
            5 + rng.below(60) as i64,
        ),
    };
    [issued, repealed, stock + issued]
}

/// 本年处理决定数量 of 行政许可, 行政处罚 or 行政强制.
pub(crate) fn decisions(rng: &mut Rng, size: Size, row: &str) -> i64 {
    let busy_max = match row {
        "licensing" => 2000,
        "penalty" => 300,
        _ => 30,
    };
    match size {
        Size::Quiet => sometimes(rng, 10, |r| 1 + r.below(2) as i64),
        Size::Small => sometimes(rng, 40, |r| 1 + r.below(20) as i64),
        Size::Busy => sometimes(rng, 70, |r| 1 + r.below(busy_max) as i64),
    }
}

/// New applications in applicant column `c` (0 = 自然人, who file most of them).
pub(crate) fn applications(rng: &mut Rng, size: Size, c: usize) -> i64 {
    match (size, c) {
        (Size::Quiet, 0) => match rng.below(20) {
            0..=12 => 0,
            13..=18 => 1,
            _ => 2,
        },
        (Size::Quiet, _) => sometimes(rng, 2, |_| 1),
        (Size::Small, 0) => rng.below(8) as i64,
        (Size::Small, _) => sometimes(rng, 15, |r| 1 + r.below(3) as i64),
        (Size::Busy, 0) => 3 + rng.below(60) as i64,
        (Size::Busy, _) => sometimes(rng, 40, Rng::count),
    }
}
