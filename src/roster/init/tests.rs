//! roster init on names as reports write them.

use super::*;

fn seen<'a>(reports: &'a [(&'a str, Vec<UnitCandidate>, i32)]) -> Vec<Seen<'a>> {
    reports
        .iter()
        .map(|(path, names, year)| Seen {
            path: Path::new(path),
            names,
            year: Some(*year),
        })
        .collect()
}

fn title(name: &str) -> Vec<UnitCandidate> {
    vec![UnitCandidate {
        name: name.into(),
        source: UnitSource::Title,
    }]
}

fn names(made: &Initial) -> Vec<(&str, &str, Vec<&str>)> {
    made.units
        .iter()
        .map(|u| {
            (
                u.level.as_str(),
                u.name.as_str(),
                u.aliases.iter().map(String::as_str).collect(),
            )
        })
        .collect()
}

#[test]
fn one_unit_per_name_a_roster_takes_for_one() {
    let reports = [
        ("a.txt", title("示例区人民政府"), 2022),
        ("b.txt", title("示例区"), 2022),
        ("c.txt", title("区财政局"), 2021),
        ("d.txt", title("云州市示例区财政局"), 2022),
        ("e.txt", title("示例区财政局"), 2023),
        ("f.txt", title("示例区东城街道"), 2022),
        ("g.txt", title("示例区东城街道办事处"), 2023),
        ("h.txt", title("市场监督管理局"), 2022),
        ("i.txt", title("示例区市场监督管理局"), 2023),
        ("j.txt", Vec::new(), 2023),
    ];
    let made = init(&seen(&reports));
    assert_eq!(
        names(&made),
        [
            ("district", "示例区人民政府", vec!["示例区"]),
            ("department", "示例区市场监督管理局", vec!["市场监督管理局"]),
            (
                "department",
                "示例区财政局",
                vec!["云州市示例区财政局", "区财政局"]
            ),
            ("township", "示例区东城街道办事处", vec!["示例区东城街道"]),
        ]
    );
    assert_eq!(made.reports, [2, 2, 3, 2]);
    assert_eq!(made.unnamed, [Path::new("j.txt")]);
    let ids: Vec<&str> = made.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["D000", "B001", "B002", "T001"]);
}

#[test]
fn reports_in_any_order_give_the_same_roster() {
    let mut reports = vec![
        ("a.txt", title("示例区发改局"), 2021),
        ("b.txt", title("示例区发展和改革局"), 2022),
        ("c.txt", title("示例区国土资源局"), 2021),
        ("d.txt", title("示例区自然资源局"), 2022),
        ("e.txt", title("示例区人民政府"), 2022),
    ];
    let first = init(&seen(&reports));
    reports.reverse();
    assert_eq!(init(&seen(&reports)), first);
    assert_eq!(first.units.len(), 3, "{:?}", names(&first));
}

#[test]
fn two_names_that_reported_in_one_year_stay_two_units() {
    let reports = [
        ("a.txt", title("示例区发改局"), 2022),
        ("b.txt", title("示例区发展和改革局"), 2022),
        ("c.txt", title("示例区国土资源局"), 2022),
        ("d.txt", title("示例区自然资源局"), 2022),
    ];
    assert_eq!(init(&seen(&reports)).units.len(), 4);
}

#[test]
fn an_abbreviation_of_two_units_joins_neither() {
    let reports = [
        ("a.txt", title("示例区人社局"), 2021),
        ("b.txt", title("示例区人力资源和社会保障局"), 2022),
        ("c.txt", title("示例区人口和社会事务局"), 2023),
    ];
    assert_eq!(init(&seen(&reports)).units.len(), 3);
}
