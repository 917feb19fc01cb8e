//! Exact decimal numbers for table cells.
//!
//! Cells hold counts and money amounts. Floats would make sums such as 0.1 + 0.2 fail an
//! identity that holds on paper, so values are fixed-point millionths in an `i64`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Neg, Sub};

/// A decimal number with six fractional digits (millionths).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Num(i64);

const SCALE: i64 = 1_000_000;

impl Num {
    /// Zero.
    pub const ZERO: Num = Num(0);

    /// A whole number.
    pub const fn int(n: i64) -> Num {
        Num(n.saturating_mul(SCALE))
    }

    /// The raw millionths.
    pub const fn millionths(self) -> i64 {
        self.0
    }

    /// From raw millionths.
    pub const fn from_millionths(m: i64) -> Num {
        Num(m)
    }

    /// True when the number has no fractional part.
    pub fn is_whole(self) -> bool {
        self.0 % SCALE == 0
    }

    /// True when below zero.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// The whole part (truncated), for counts.
    pub fn whole(self) -> i64 {
        self.0 / SCALE
    }

    /// Divides by 10,000 (元 → 万元), rounding half away from zero at the sixth digit.
    pub fn div_10k(self) -> Num {
        let q = self.0 / 10_000;
        let r = self.0 % 10_000;
        let adj = if r.abs() >= 5_000 { r.signum() } else { 0 };
        Num(q + adj)
    }

    /// As a float, for outputs that want one.
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }

    /// Parses a plain ASCII decimal: optional sign, digits, optional fraction.
    ///
    /// Anything else (letters, several dots, more than six decimals) gives `None`.
    pub fn parse_plain(s: &str) -> Option<Num> {
        let (neg, body) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if frac_part.len() > 6 || int_part.len() > 12 {
            return None;
        }
        if !int_part.bytes().all(|b| b.is_ascii_digit())
            || !frac_part.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let mut v: i64 = 0;
        for b in int_part.bytes() {
            v = v * 10 + i64::from(b - b'0');
        }
        let mut frac: i64 = 0;
        for (i, b) in frac_part.bytes().enumerate() {
            frac += i64::from(b - b'0') * 10_i64.pow(5 - i as u32);
        }
        let m = v * SCALE + frac;
        Some(Num(if neg { -m } else { m }))
    }
}

impl fmt::Display for Num {
    /// Plain decimal: `3`, `0`, `24.5`, `-1.25`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let scale = SCALE as u64;
        let (i, fr) = (a / scale, a % scale);
        if fr == 0 {
            return write!(f, "{sign}{i}");
        }
        let digits = format!("{fr:06}");
        write!(f, "{sign}{i}.{}", digits.trim_end_matches('0'))
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_whole() {
            s.serialize_i64(self.whole())
        } else {
            s.serialize_f64(self.to_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Num {
    /// What [`Serialize`] wrote: a whole number, or a decimal as a float (exact to the
    /// millionth below 9 × 10⁹).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Num, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Num;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Num, E> {
                Ok(Num::int(n))
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Num, E> {
                Ok(Num::int(i64::try_from(n).unwrap_or(i64::MAX)))
            }
            fn visit_f64<E: serde::de::Error>(self, f: f64) -> Result<Num, E> {
                Ok(Num((f * SCALE as f64).round() as i64))
            }
        }
        d.deserialize_any(V)
    }
}

impl Add for Num {
    type Output = Num;
    fn add(self, o: Num) -> Num {
        Num(self.0.saturating_add(o.0))
    }
}

impl Sub for Num {
    type Output = Num;
    fn sub(self, o: Num) -> Num {
        Num(self.0.saturating_sub(o.0))
    }
}

impl Neg for Num {
    type Output = Num;
    fn neg(self) -> Num {
        Num(-self.0)
    }
}

impl Sum for Num {
    fn sum<I: Iterator<Item = Num>>(iter: I) -> Num {
        iter.fold(Num::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_plain_decimals() {
        for (s, out) in [
            ("3", "3"),
            ("0", "0"),
            ("24.5", "24.5"),
            ("-1.25", "-1.25"),
            ("007", "7"),
        ] {
            assert_eq!(
                Num::parse_plain(s).map(|n| n.to_string()).as_deref(),
                Some(out)
            );
        }
        for bad in ["", ".", "1.2.3", "a", "1e5", "-"] {
            assert_eq!(Num::parse_plain(bad), None, "{bad}");
        }
    }

    #[test]
    fn sums_are_exact() {
        let a = Num::parse_plain("0.1").unwrap();
        let b = Num::parse_plain("0.2").unwrap();
        assert_eq!(a + b, Num::parse_plain("0.3").unwrap());
    }

    #[test]
    fn yuan_to_wan_yuan() {
        assert_eq!(Num::int(251000).div_10k().to_string(), "25.1");
    }

    #[test]
    fn numbers_read_back_exactly_from_json() {
        for s in [
            "0",
            "3",
            "-1.25",
            "24.5",
            "0.000001",
            "123456789.123456",
            "-7",
        ] {
            let n = Num::parse_plain(s).unwrap();
            let json = serde_json::to_string(&n).unwrap();
            let back: Num = serde_json::from_str(&json).unwrap();
            assert_eq!(back, n, "{s} as {json}");
        }
        assert!(serde_json::from_str::<Num>("\"3\"").is_err());
    }
}
