//! Random reports whose identities all hold, for property tests and corpora.

pub use super::size::Size;
use super::size::{applications, decisions, documents, sometimes};
use crate::model::ids::{self, RowSpec, T3_COLS, T3_ROWS_2021, T3_ROW_OTHER_2019, T4_ROWS};
use crate::model::{
    Cell, CellState, Date, DateSource, Num, Published, Report, ReportMeta, Scope, Section,
    SectionId, Span, Table, TableId, Template, YearMention, YearSource,
};

/// A small deterministic generator (SplitMix64): the same seed gives the same reports.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// True with probability `p` percent.
    pub fn chance(&mut self, p: u64) -> bool {
        self.below(100) < p
    }

    /// A count as in life: mostly 0–5, sometimes dozens.
    pub fn count(&mut self) -> i64 {
        match self.below(10) {
            0..=4 => 0,
            5..=8 => self.below(6) as i64,
            _ => self.below(80) as i64,
        }
    }

    /// One of the items.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const UNITS: &[&str] = &[
    "示例区人民政府办公室",
    "示例区发展和改革局",
    "示例区教育局",
    "示例区公安分局",
    "示例区民政局",
    "示例区财政局",
    "示例区人力资源和社会保障局",
    "示例区自然资源局",
    "示例区住房和城乡建设局",
    "示例区交通运输局",
    "示例区商务局",
    "示例区卫生健康局",
    "示例区市场监督管理局",
    "示例区东城街道办事处",
    "示例区西山镇人民政府",
];

fn cell(row: &'static str, col: &'static str, v: Num) -> Cell {
    Cell {
        row: row.into(),
        col: col.into(),
        state: CellState::Number,
        value: Some(v),
        raw: v.to_string().into(),
        span: Span::default(),
        reconstructed: false,
    }
}

fn table(id: TableId, cells: Vec<Cell>) -> Table {
    Table::new(id, cells, Span::default())
}

/// A random report for `year` whose identities all hold; `v2019` picks the 2019 layout. The
/// unit's size is drawn as districts have them ([`Size::pick`]).
pub fn random_report(rng: &mut Rng, year: i32, v2019: bool) -> Report {
    let size = Size::pick(rng);
    random_report_sized(rng, year, v2019, size)
}

/// A random report of a unit of `size` for `year` whose identities all hold.
pub fn random_report_sized(rng: &mut Rng, year: i32, v2019: bool, size: Size) -> Report {
    let unit = rng.pick(UNITS).to_string();
    let mut tables = if v2019 {
        t2_2019(rng, size)
    } else {
        vec![t2_2021(rng, size)]
    };
    tables.push(t3(rng, v2019, size));
    tables.push(t4(rng, size));
    keep_something(&mut tables);
    let published = Date {
        year: year + 1,
        month: 1,
        day: 5 + rng.below(20) as u8,
    };
    let years = vec![
        YearMention {
            year,
            source: YearSource::Title,
            span: Span::default(),
        },
        YearMention {
            year,
            source: YearSource::Body,
            span: Span::default(),
        },
        YearMention {
            year,
            source: YearSource::Period,
            span: Span::default(),
        },
    ];
    Report {
        meta: ReportMeta {
            title: Some(format!("{unit}{year}年政府信息公开工作年度报告")),
            unit_name: Some(unit),
            unit_source: None,
            unit_candidates: Vec::new(),
            year: Some(year),
            years,
            period_year: Some(year),
            published: Some(Published {
                date: published,
                source: DateSource::Signature,
                span: Span::default(),
            }),
            template: Some(if v2019 {
                Template::V2019
            } else {
                Template::V2021
            }),
            scope: Some(Scope::Own),
        },
        sections: SectionId::ALL
            .iter()
            .map(|&id| Section {
                id,
                heading: id.heading_zh().to_string(),
                numbering: id.numeral().to_string(),
                number: Some(id.number()),
                span: Span::default(),
            })
            .collect(),
        tables,
        ..Report::default()
    }
}

fn t2_2021(rng: &mut Rng, size: Size) -> Table {
    let mut cells = Vec::new();
    for spec in ids::T2_ROWS {
        match spec.id {
            "rules" | "normative" => {
                let values = documents(rng, size, spec.id == "rules");
                for (col, v) in spec.cols.iter().zip(values) {
                    cells.push(cell(spec.id, col, Num::int(v)));
                }
            }
            "fees_10k_yuan" => {
                let tenths = match size {
                    Size::Busy => sometimes(rng, 25, |r| r.below(5000) as i64),
                    Size::Quiet | Size::Small => 0,
                };
                cells.push(cell(
                    spec.id,
                    "value",
                    Num::from_millionths(tenths * 100_000),
                ));
            }
            row => cells.push(cell(row, "value", Num::int(decisions(rng, size, row)))),
        }
    }
    table(TableId::T2, cells)
}

fn t2_2019(rng: &mut Rng, size: Size) -> Vec<Table> {
    let mut cells = Vec::new();
    let mut t2 = Vec::new();
    for spec in ids::T2V2019_ROWS {
        for &col in spec.cols {
            let v = match (col, size) {
                ("change", Size::Quiet) => 0,
                ("change", _) => rng.below(7) as i64 - 3,
                ("amount", _) => {
                    let hundredths = match size {
                        Size::Quiet => 0,
                        Size::Small | Size::Busy => sometimes(rng, 50, |r| r.below(900) as i64),
                    };
                    cells.push(cell(
                        spec.id,
                        col,
                        Num::from_millionths(hundredths * 10_000),
                    ));
                    continue;
                }
                ("decisions", _) => decisions(rng, size, spec.id),
                (_, Size::Quiet) => sometimes(rng, 20, |r| r.below(4) as i64),
                _ => rng.count(),
            };
            cells.push(cell(spec.id, col, Num::int(v)));
            if col == "decisions" && matches!(spec.id, "licensing" | "penalty" | "coercion") {
                t2.push(cell(spec.id, "value", Num::int(v)));
            }
        }
    }
    vec![table(TableId::T2v2019, cells), table(TableId::T2, t2)]
}

fn t3(rng: &mut Rng, v2019: bool, size: Size) -> Table {
    let outcome_rows: Vec<&RowSpec> = T3_ROWS_2021
        .iter()
        .filter(|r| {
            !matches!(
                r.id,
                "new_received" | "carried_over" | "total_processed" | "carried_forward"
            )
        })
        .filter(|r| !(v2019 && r.id.starts_with("other.")))
        .chain(v2019.then_some(&T3_ROW_OTHER_2019))
        .collect();
    // Per applicant column: received, carried over, how many were finished and in which rows.
    let mut grid: Vec<(&'static str, [i64; 6])> = Vec::new();
    let mut new = [0i64; 6];
    let mut carried = [0i64; 6];
    let mut outcomes = vec![[0i64; 6]; outcome_rows.len()];
    let mut forward = [0i64; 6];
    let carry_chance = if size == Size::Quiet { 5 } else { 20 };
    for c in 0..6 {
        new[c] = applications(rng, size, c);
        carried[c] = sometimes(rng, carry_chance, |r| 1 + r.below(3) as i64);
        let open = new[c] + carried[c];
        forward[c] = if open > 0 && rng.chance(carry_chance + 10) {
            rng.below(open as u64 + 1) as i64
        } else {
            0
        };
        for _ in 0..open - forward[c] {
            let r = if rng.chance(60) {
                rng.below(2)
            } else {
                rng.below(outcome_rows.len() as u64)
            } as usize;
            outcomes[r][c] += 1;
        }
    }
    let processed: [i64; 6] = std::array::from_fn(|c| outcomes.iter().map(|o| o[c]).sum());
    grid.push(("new_received", new));
    grid.push(("carried_over", carried));
    for (spec, o) in outcome_rows.iter().zip(&outcomes) {
        grid.push((spec.id, *o));
    }
    grid.push(("total_processed", processed));
    grid.push(("carried_forward", forward));
    grid.sort_by_key(|(id, _)| {
        T3_ROWS_2021
            .iter()
            .position(|r| r.id == *id)
            .unwrap_or_else(|| {
                T3_ROWS_2021
                    .iter()
                    .position(|r| r.id == "other.no_correction")
                    .unwrap_or(0)
            })
    });
    let mut cells = Vec::new();
    for (row, vals) in grid {
        for (c, v) in vals.iter().enumerate() {
            cells.push(cell(row, T3_COLS[c], Num::int(*v)));
        }
        cells.push(cell(row, "total", Num::int(vals.iter().sum())));
    }
    table(TableId::T3, cells)
}

fn t4(rng: &mut Rng, size: Size) -> Table {
    let (chance, most) = match size {
        Size::Quiet => (0, 0),
        Size::Small => (4, 2),
        Size::Busy => (15, 4),
    };
    let mut cells = Vec::new();
    for block in T4_ROWS {
        let parts: Vec<i64> = (0..4)
            .map(|_| sometimes(rng, chance, |r| 1 + r.below(most) as i64))
            .collect();
        for (col, v) in block
            .cols
            .iter()
            .zip(parts.iter().copied().chain([parts.iter().sum()]))
        {
            cells.push(cell(block.id, col, Num::int(v)));
        }
    }
    table(TableId::T4, cells)
}

/// A unit still decides something in a year (else the report is empty, Z001): when it
/// handled no application and decided nothing, one 行政许可. A decision, not a stock or a
/// carry-over, because the district chains those from the year before.
fn keep_something(tables: &mut [Table]) {
    let decided = |t: &Table| match t.id {
        TableId::T2 => t.cells.iter().any(|c| {
            matches!(c.col.as_str(), "issued" | "value") && c.value.is_some_and(|v| v != Num::ZERO)
        }),
        TableId::T3 => t
            .get("total_processed", "total")
            .is_some_and(|c| c.value.is_some_and(|v| v != Num::ZERO)),
        TableId::T2v2019 | TableId::T4 => false,
    };
    if tables.iter().any(decided) {
        return;
    }
    let v = Num::int(1);
    for t in tables
        .iter_mut()
        .filter(|t| t.id == TableId::T2v2019 || t.id == TableId::T2)
    {
        for c in t.cells.iter_mut().filter(|c| c.row == "licensing") {
            if matches!(c.col.as_str(), "value" | "decisions") {
                c.value = Some(v);
                c.raw = v.to_string().into();
            }
        }
    }
}

/// Turns random zero cells of tables 三 and 四 into blank or "/" cells (identities still
/// hold: both count as 0). `allow_blank` is false for forms that cannot show a blank.
pub fn sprinkle_empty_cells(rng: &mut Rng, report: &mut Report, allow_blank: bool) {
    for t in &mut report.tables {
        if !matches!(t.id, TableId::T3 | TableId::T4) {
            continue;
        }
        for c in &mut t.cells {
            if c.value == Some(Num::ZERO) && rng.chance(8) {
                if allow_blank && rng.chance(50) {
                    c.state = CellState::Blank;
                    c.raw = "".into();
                } else {
                    c.state = CellState::Na;
                    c.raw = "/".into();
                }
                c.value = None;
            }
        }
    }
}
