//! What a table label says, remembered per thread: reports repeat the template's labels, so
//! the keyword matching of [`labels`] and the label cutting of [`label_runs`] run once per
//! distinct label text on each worker instead of once per report.
//!
//! Each answer is a pure function of the text (and, for table 三, of the group open before
//! it), so remembering it changes no result. The memo holds at most [`MAX_ENTRIES`] labels of
//! at most [`MAX_KEY`] bytes each and starts again when full: its memory does not grow with
//! the batch, and a file of endless distinct labels costs what it did without it.

use super::label_runs;
use super::labels::{self, Group, T3Label};
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// Labels remembered per thread before the memo starts again.
const MAX_ENTRIES: usize = 16_384;
/// Longer texts are never a template label; they are worked out each time.
const MAX_KEY: usize = 192;

/// The answers known for one text; `None` until first asked.
#[derive(Default)]
struct Entry {
    /// `t3_label(text, open)`, by [`group_slot`] of `open`.
    t3: [Option<T3Label>; 5],
    t2: Option<Option<(&'static str, &'static str)>>,
    t4_header: Option<bool>,
    t3_cuts: Option<Box<[usize]>>,
    t2_cuts: Option<Box<[usize]>>,
}

thread_local! {
    static MEMO: RefCell<FxHashMap<Box<str>, Entry>> = RefCell::new(FxHashMap::default());
}

fn group_slot(open: Option<Group>) -> usize {
    match open {
        None => 0,
        Some(Group::Denied) => 1,
        Some(Group::Unable) => 2,
        Some(Group::Rejected) => 3,
        Some(Group::Other) => 4,
    }
}

/// `get`'s answer for `text`, from the memo when it has one, else worked out by `make` and
/// remembered.
fn remembered<T: Clone>(
    text: &str,
    get: impl Fn(&mut Entry) -> &mut Option<T>,
    make: impl FnOnce(&str) -> T,
) -> T {
    if text.len() > MAX_KEY {
        return make(text);
    }
    let known = MEMO.with(|memo| {
        let mut memo = memo.try_borrow_mut().ok()?;
        get(memo.get_mut(text)?).clone()
    });
    if let Some(v) = known {
        return v;
    }
    let v = make(text);
    MEMO.with(|memo| {
        let Ok(mut memo) = memo.try_borrow_mut() else {
            return;
        };
        if memo.len() >= MAX_ENTRIES && !memo.contains_key(text) {
            memo.clear();
        }
        let entry = match memo.get_mut(text) {
            Some(e) => e,
            None => memo.entry(text.into()).or_default(),
        };
        *get(entry) = Some(v.clone());
    });
    v
}

/// [`labels::t3_label`], remembered.
pub(super) fn t3_label(folded: &str, open: Option<Group>) -> T3Label {
    let slot = group_slot(open);
    remembered(folded, |e| &mut e.t3[slot], |t| labels::t3_label(t, open))
}

/// [`labels::t2_label`], remembered.
pub(super) fn t2_label(folded: &str) -> Option<(&'static str, &'static str)> {
    remembered(folded, |e| &mut e.t2, labels::t2_label)
}

/// [`labels::is_t4_header`], remembered.
pub(super) fn is_t4_header(folded: &str) -> bool {
    remembered(folded, |e| &mut e.t4_header, labels::is_t4_header)
}

/// [`label_runs::t3_cuts`], remembered.
pub(super) fn t3_cuts(label: &str) -> Box<[usize]> {
    remembered(label, |e| &mut e.t3_cuts, |t| label_runs::t3_cuts(t).into())
}

/// [`label_runs::t2_cuts`], remembered.
pub(super) fn t2_cuts(label: &str) -> Box<[usize]> {
    remembered(label, |e| &mut e.t2_cuts, |t| label_runs::t2_cuts(t).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Labels of the national template and of the variants reports write, with their cuts.
    const LABELS: &[&str] = &[
        "（一）本年新收政府信息公开申请数量",
        "（二）上年结转政府信息公开申请数量",
        "（三）不予公开",
        "1.属于国家秘密",
        "3.其他",
        "（七）总计",
        "总计",
        "其他",
        "1.属于国家秘密2.其他法律行政法规禁止公开",
        "（一）予以公开（二）部分公开",
        "行政复议",
        "行政规范性文件",
        "本年收费金额（单位：万元）",
        "规章",
    ];

    #[test]
    fn remembered_answers_equal_fresh_ones_whatever_the_order() {
        let groups = [
            None,
            Some(Group::Denied),
            Some(Group::Unable),
            Some(Group::Rejected),
            Some(Group::Other),
        ];
        // Twice: the second round is answered from the memo.
        for _ in 0..2 {
            for label in LABELS.iter().chain(LABELS.iter().rev()) {
                for open in groups {
                    assert_eq!(
                        t3_label(label, open),
                        labels::t3_label(label, open),
                        "{label}"
                    );
                }
                assert_eq!(t2_label(label), labels::t2_label(label), "{label}");
                assert_eq!(is_t4_header(label), labels::is_t4_header(label), "{label}");
                assert_eq!(&*t3_cuts(label), &label_runs::t3_cuts(label)[..], "{label}");
                assert_eq!(&*t2_cuts(label), &label_runs::t2_cuts(label)[..], "{label}");
            }
        }
        // The group open before a label changes its answer, and the memo keeps them apart.
        assert_ne!(
            t3_label("3.其他", None),
            t3_label("3.其他", Some(Group::Other))
        );
    }

    #[test]
    fn a_full_memo_starts_again_and_long_texts_are_not_kept() {
        for i in 0..MAX_ENTRIES + 10 {
            let label = format!("{i}.其他");
            assert_eq!(t2_label(&label), labels::t2_label(&label));
        }
        let len = MEMO.with(|m| m.borrow().len());
        assert!(len <= MAX_ENTRIES, "{len}");
        let long = "其他".repeat(100);
        assert_eq!(t3_label(&long, None), labels::t3_label(&long, None));
        assert!(MEMO.with(|m| !m.borrow().contains_key(long.as_str())));
    }
}
