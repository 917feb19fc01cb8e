//! The sentence sketch of a report's prose, for telling copies (X003, X004) without keeping
//! the text: one hash per sentence, made blind to what a copier changes (years, figures, the
//! unit's own name) and leaving out what every report of the template says anyway.

use super::text::find_str;
use crate::model::Span;

/// Most sentences kept in a report's sketch.
const MAX_SENTENCES: usize = 256;

/// Sentences shorter than this (in characters, a run of figures or the unit's name counting
/// one) are not hashed: "一是…", headings, the signature are common to every report.
const MIN_CHARS: usize = 12;

/// A sentence with one of these is the template's (the 条例 it is made under, the statistics
/// period, "本报告…"), however the unit words it: never evidence of copying.
const TEMPLATE_WORDS: &[&str] = &["政府信息公开条例", "统计期限", "本报告"];

/// What a unit's name may end with or not (和陂街道办事处, 和陂街道; 和陂镇人民政府, 和陂镇).
const NAME_TAILS: &[&str] = &["办事处", "人民政府", "政府"];

/// Place names end in one of these ("示例区", "威海市环翠区").
const PLACE_ENDS: &[char] = &['省', '市', '区', '县', '旗'];

/// What sentences are hashed without.
pub(crate) struct Mask<'a> {
    /// The unit's name and its forms after each place in it, longest first ("示例区商务局",
    /// "商务局"): reports write the name in full, without the district ("区商务局") or bare,
    /// and a copier swaps only this part. Every form is tried, as a place character may be
    /// part of the name itself (城市管理局, 市场监督管理局).
    names: Vec<&'a str>,
    /// Byte ranges of the document left out: the title, the section headings.
    skip: Vec<(usize, usize)>,
}

impl<'a> Mask<'a> {
    /// A mask for a report of `unit` whose title and headings are at `skip`.
    pub(crate) fn new(unit: Option<&'a str>, skip: impl Iterator<Item = Span>) -> Mask<'a> {
        let names = unit
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(name_forms)
            .unwrap_or_default();
        let mut skip: Vec<(usize, usize)> = skip
            .map(|s| (s.start as usize, s.end as usize))
            .filter(|(a, b)| a < b)
            .collect();
        skip.sort_unstable();
        Mask { names, skip }
    }

    /// The length in bytes of the unit's name starting `rest`, if it does (its longest form,
    /// with the tail it may have).
    fn name_at(&self, rest: &[u8]) -> Option<usize> {
        // Called at every character: the first two bytes turn most places down without a
        // comparison call.
        let n = self.names.iter().find(|n| {
            let b = n.as_bytes();
            rest.len() >= b.len()
                && b.first() == rest.first()
                && (b.len() < 2 || b[1] == rest[1])
                && rest.starts_with(b)
        })?;
        let tail = NAME_TAILS
            .iter()
            .find(|t| rest[n.len()..].starts_with(t.as_bytes()));
        Some(n.len() + tail.map_or(0, |t| t.len()))
    }

    /// Whether a left-out range meets the bytes `from..to` (most lines meet none).
    fn meets(&self, from: usize, to: usize) -> bool {
        self.skip.iter().any(|&(a, b)| a < to && from < b)
    }

    fn skipped(&self, at: usize) -> bool {
        self.skip.iter().any(|&(a, b)| a <= at && at < b)
    }
}

/// The unit's name and what follows each place character in it, when two characters or
/// more remain, longest first. A form that starts with a place character ("区商务局") is
/// left to the shorter one after it, so that [`drop_place`] takes the place before it.
fn name_forms(unit: &str) -> Vec<&str> {
    let mut forms = vec![unit];
    for (at, c) in unit.char_indices().filter(|(_, c)| PLACE_ENDS.contains(c)) {
        let rest = &unit[at + c.len_utf8()..];
        if rest.chars().count() >= 2 {
            forms.push(rest);
        }
    }
    forms.retain(|f| !f.starts_with(PLACE_ENDS));
    for f in &mut forms {
        if let Some(core) = NAME_TAILS.iter().find_map(|t| f.strip_suffix(t)) {
            if core.chars().count() >= 2 {
                *f = core;
            }
        }
    }
    forms
}

/// Drops the place written before the unit's name: each place character with up to two
/// characters of its own name before it ("示例区", "威海市环翠区", the "区" of "区商务局"), so
/// that every form of the name masks alike.
fn drop_place(sentence: &mut Vec<char>) {
    let own = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c) && !PLACE_ENDS.contains(c);
    while sentence.last().is_some_and(|c| PLACE_ENDS.contains(c)) {
        sentence.pop();
        for _ in 0..2 {
            if sentence.last().is_some_and(own) {
                sentence.pop();
            }
        }
    }
}

/// A figure's character: Arabic, full-width or Chinese digits (二〇二三年).
fn is_figure(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || matches!(
            c,
            '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        )
}

/// Hashes of the prose sentences of `lines` (each with its byte offset in the document),
/// sorted, the smallest [`MAX_SENTENCES`] kept: a bottom-k sketch of the sentence set.
///
/// A run of figures hashes as one mark and the unit's name (with the place before it) as
/// another, so that last year's report with its years and figures changed, or another unit's
/// with the name swapped, hashes the same; template sentences ([`TEMPLATE_WORDS`]), the title
/// and the headings are left out.
pub(crate) fn sentence_hashes<'a>(
    lines: impl Iterator<Item = (usize, &'a str)>,
    mask: &Mask<'_>,
) -> Vec<u64> {
    let mut out = Vec::new();
    let mut sentence = Vec::new();
    for (base, line) in lines {
        hash_line(base, line, mask, &mut sentence, &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out.truncate(MAX_SENTENCES);
    out
}

/// FNV-1a over the characters of a masked sentence.
fn hash(sentence: &[char]) -> u64 {
    sentence.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| {
        (h ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One pass over a line: a sentence ends at 。；！？ or the line end. `sentence` is scratch
/// space for the masked characters.
fn hash_line(
    base: usize,
    line: &str,
    mask: &Mask<'_>,
    sentence: &mut Vec<char>,
    out: &mut Vec<u64>,
) {
    let bytes = line.as_bytes();
    let skipping = mask.meets(base, base + line.len());
    sentence.clear();
    let mut start = 0;
    let mut i = 0;
    while i <= line.len() {
        let c = line[i..].chars().next().unwrap_or('。');
        let width = c.len_utf8();
        if matches!(c, '。' | '；' | '！' | '？') {
            let text = &line[start..i.min(line.len())];
            if sentence.len() >= MIN_CHARS
                && !TEMPLATE_WORDS.iter().any(|w| find_str(text, w).is_some())
            {
                out.push(hash(sentence));
            }
            sentence.clear();
            i += width;
            start = i;
            continue;
        }
        if c.is_whitespace() || (skipping && mask.skipped(base + i)) {
            i += width;
            continue;
        }
        if let Some(len) = mask.name_at(&bytes[i..]) {
            drop_place(sentence);
            sentence.push('@');
            i += len;
            continue;
        }
        if !is_figure(c) {
            sentence.push(c);
        } else if sentence.last() != Some(&'#') {
            sentence.push('#');
        }
        i += width;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(unit: Option<&str>, text: &str) -> Vec<u64> {
        let mask = Mask::new(unit, std::iter::empty());
        let mut base = 0;
        let lines = text.lines().map(|l| {
            let b = base;
            base += l.len() + 1;
            (b, l)
        });
        sentence_hashes(lines, &mask)
    }

    const ONE: &str = "2022年，示例区商务局围绕优化营商环境公开了招商引资政策和惠企措施的执行情况。\n全年共办理申请12件，均在法定期限内答复，群众满意度持续提升。";

    #[test]
    fn years_and_figures_do_not_change_the_hashes() {
        let other = ONE.replace("2022", "二〇二三").replace("12件", "3件");
        assert_eq!(
            hashes(Some("示例区商务局"), ONE),
            hashes(Some("示例区商务局"), &other)
        );
        assert_eq!(hashes(None, ONE).len(), 2);
    }

    #[test]
    fn the_units_own_name_does_not_change_the_hashes() {
        let other = ONE.replace("示例区商务局", "示例区东城街道办事处");
        assert_eq!(
            hashes(Some("示例区商务局"), ONE),
            hashes(Some("示例区东城街道办事处"), &other)
        );
        // The name without its district, as reports often write it.
        let short = ONE.replace("示例区商务局", "商务局");
        assert_eq!(
            hashes(Some("示例区商务局"), ONE),
            hashes(Some("示例区商务局"), &short)
        );
        assert_ne!(hashes(None, ONE), hashes(None, &other));
        // Whichever form of the name the title gives, and whichever the text writes.
        assert_eq!(
            hashes(Some("区商务局"), ONE),
            hashes(Some("示例区商务局"), ONE)
        );
        let city = ONE.replace("示例区商务局", "威海市环翠区商务局");
        assert_eq!(
            hashes(Some("示例区商务局"), ONE),
            hashes(Some("商务局"), &city)
        );
    }

    #[test]
    fn template_sentences_the_title_and_headings_are_left_out() {
        let text = "根据《中华人民共和国政府信息公开条例》规定，现公布本单位年度报告。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。";
        assert!(hashes(Some("示例区商务局"), text).is_empty());
        let title = "示例区商务局2023年政府信息公开工作年度报告";
        let mask = Mask::new(
            Some("示例区商务局"),
            std::iter::once(Span::new(0, title.len())),
        );
        assert!(sentence_hashes(std::iter::once((0, title)), &mask).is_empty());
    }

    #[test]
    fn the_name_is_tried_after_every_place_character() {
        assert_eq!(name_forms("示例区商务局"), ["示例区商务局", "商务局"]);
        assert_eq!(
            name_forms("示例区和陂街道办事处"),
            ["示例区和陂街道", "和陂街道"]
        );
        assert_eq!(
            name_forms("威海市环翠区东城街道办事处"),
            ["威海市环翠区东城街道", "环翠区东城街道", "东城街道"]
        );
        assert_eq!(name_forms("示例区"), ["示例区"]);
        assert_eq!(name_forms("区商务局"), ["商务局"]);
        // 城市管理局: the 市 is the name's own.
        assert_eq!(name_forms("中坝城市管理局"), ["中坝城市管理局", "管理局"]);
    }

    #[test]
    fn a_place_character_inside_the_name_masks_alike_in_every_form() {
        let text = "围绕城市管理领域，区中坝城市管理局分类整理了权责清单，方便群众查阅和监督。";
        let bare = text.replace("区中坝", "中坝");
        let full = text.replace("区中坝", "示例区中坝");
        let one = hashes(Some("示例区中坝城市管理局"), text);
        assert_eq!(hashes(Some("中坝城市管理局"), &bare), one);
        assert_eq!(hashes(Some("中坝城市管理局"), &full), one);
        assert_eq!(hashes(Some("示例区中坝城市管理局"), &bare), one);
    }

    #[test]
    fn a_name_with_or_without_its_office_masks_alike() {
        let text = "围绕养老服务领域，示例区和陂街道办事处公开征求了权责清单，方便群众查阅和监督。";
        let short = text.replace("街道办事处", "街道");
        let one = hashes(Some("示例区和陂街道办事处"), text);
        assert_eq!(hashes(Some("示例区和陂街道"), &short), one);
        assert_eq!(hashes(Some("示例区和陂街道"), text), one);
        assert_eq!(hashes(Some("和陂街道办事处"), &short), one);
    }
}
