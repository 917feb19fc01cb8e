use super::*;

fn subject(id: &'static str, level: &'static str, year: i32) -> Subject<'static> {
    Subject {
        unit_id: id,
        unit_name: Box::leak(format!("单位{id}").into_boxed_str()),
        level,
        year,
    }
}

fn charge(subject: usize, key: &'static str) -> Charge {
    Charge {
        subject,
        key,
        message: format!("{key} 的问题"),
    }
}

fn one(rubric: &Rubric, charges: &[Charge]) -> Scored<'static> {
    score(
        rubric,
        &[subject("A", "department", 2023)],
        charges,
        Lang::Zh,
    )
}

/// Every deduction of the default rubric, alone, takes exactly its points (capped by its
/// category), and the deductions add up to 100 − score.
#[test]
fn each_default_deduction_takes_its_points() {
    let rubric = Rubric::default_rubric();
    assert!(rubric.deductions.len() >= 25);
    for (key, d) in &rubric.deductions {
        let key: &'static str = crate::model::RULE_IDS
            .iter()
            .chain(STATUSES)
            .find(|k| **k == key.as_str())
            .expect("a known key");
        let scored = one(&rubric, &[charge(0, key)]);
        let cap = rubric.categories[&d.category].cap;
        let expected = d.points.min(cap);
        assert_eq!(scored.scores[0].deductions, expected, "{key}");
        assert_eq!(
            scored.scores[0].score,
            Points(100 * 100 - expected.0),
            "{key}"
        );
        let rows = &scored.deductions;
        assert_eq!(rows.len(), usize::from(expected > Points(0)), "{key}");
        if let Some(row) = rows.first() {
            assert_eq!((row.rule, row.points, row.year), (key, expected, 2023));
            assert_eq!(row.message, format!("{key} 的问题"));
        }
    }
}

#[test]
fn a_finding_not_in_the_rubric_costs_nothing() {
    let scored = one(
        &Rubric::default_rubric(),
        &[charge(0, "Z001"), charge(0, "R002")],
    );
    assert_eq!(scored.scores[0].score, Points(100 * 100));
    assert!(scored.deductions.is_empty());
}

#[test]
fn per_finding_charges_each_and_per_report_once() {
    let rubric = Rubric::default_rubric();
    // T301 is per finding (4 each); Y001 per report (2 once).
    let scored = one(
        &rubric,
        &[
            charge(0, "T301"),
            charge(0, "T301"),
            charge(0, "Y001"),
            charge(0, "Y001"),
        ],
    );
    assert_eq!(scored.scores[0].deductions, Points(8 * 100 + 2 * 100));
    let y001: Vec<&Taken> = scored
        .deductions
        .iter()
        .filter(|t| t.rule == "Y001")
        .collect();
    assert_eq!(y001.len(), 1);
    assert!(
        y001[0].message.ends_with("（共2处，只扣一次）"),
        "{}",
        y001[0].message
    );
}

#[test]
fn a_category_cap_holds_and_the_rows_say_what_was_taken() {
    let rubric = Rubric::default_rubric();
    // Completeness caps at 30: seven missing sections (5 each) take 30, not 35.
    let charges: Vec<Charge> = (0..7).map(|_| charge(0, "P004")).collect();
    let scored = one(&rubric, &charges);
    assert_eq!(scored.scores[0].score, Points(70 * 100));
    let taken: Vec<i64> = scored.deductions.iter().map(|t| t.points.0).collect();
    assert_eq!(taken, [500, 500, 500, 500, 500, 500, 0]);
    // Copying this unit's and another unit's report: originality caps at 30.
    let scored = one(&rubric, &[charge(0, "X003"), charge(0, "X004")]);
    assert_eq!(scored.scores[0].score, Points(70 * 100));
}

#[test]
fn the_score_never_goes_below_the_floor() {
    let rubric = Rubric::default_rubric();
    let scored = one(
        &rubric,
        &[charge(0, "no_report"), charge(0, "X003"), charge(0, "T301")],
    );
    assert_eq!(scored.scores[0].score, Points(0));
    let sum: i64 = scored.deductions.iter().map(|t| t.points.0).sum();
    assert_eq!(sum, 100 * 100);
    let floored = Rubric::parse(
        "full = 100\nfloor = 40\n[categories.a]\nname = \"甲\"\ncap = 100\n[deductions]\nno_report = { points = 100, category = \"a\" }\n",
    )
    .unwrap();
    let scored = one(&floored, &[charge(0, "no_report")]);
    assert_eq!(scored.scores[0].score, Points(40 * 100));
    assert_eq!(scored.deductions[0].points, Points(60 * 100));
}

#[test]
fn ranks_are_within_year_and_level_and_ties_share_one() {
    let subjects = [
        subject("A", "department", 2023),
        subject("B", "department", 2023),
        subject("C", "department", 2023),
        subject("D", "department", 2023),
        subject("T", "township", 2023),
        subject("A", "department", 2022),
    ];
    let charges = [charge(0, "T301"), charge(1, "T301"), charge(3, "no_report")];
    let scored = score(&Rubric::default_rubric(), &subjects, &charges, Lang::Zh);
    let ranks: Vec<(i32, &str, &str, u32, String)> = scored
        .scores
        .iter()
        .map(|s| {
            let u = &s.subject;
            (u.year, u.level, u.unit_id, s.rank, s.score.to_string())
        })
        .collect();
    assert_eq!(
        ranks,
        [
            (2022, "department", "A", 1, "100".to_string()),
            (2023, "department", "C", 1, "100".to_string()),
            (2023, "department", "A", 2, "96".to_string()),
            (2023, "department", "B", 2, "96".to_string()),
            (2023, "department", "D", 4, "0".to_string()),
            (2023, "township", "T", 1, "100".to_string()),
        ]
    );
}

#[test]
fn a_custom_rubric_changes_the_score_as_written() {
    let custom = Rubric::parse(
        "full = 10\n[categories.a]\nname = \"甲\"\ncap = 10\n[deductions]\nT305 = { points = 0.5, category = \"a\", per = \"report\" }\n",
    )
    .unwrap();
    let scored = one(
        &custom,
        &[charge(0, "T305"), charge(0, "T305"), charge(0, "T301")],
    );
    assert_eq!(scored.scores[0].score.to_string(), "9.5");
    assert_eq!(scored.deductions.len(), 1);
}

#[test]
fn status_messages_exist_in_both_languages() {
    for s in STATUSES {
        assert_ne!(
            status_message(s, Lang::Zh),
            status_message(s, Lang::En),
            "{s}"
        );
    }
}
