//! The per-row columns of a table side, stored compactly: each body row's
//! parent ([`Parents`], four bytes a row) and classification code
//! ([`RowCodes`], the codes of all rows in one text). A side has one entry
//! per body row of its table; serialized as plain lists (`[null, 0, 1]`,
//! `["", "204"]`), as the vectors they replace were.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The stored parent of a row at the top (no parent).
const TOP: u32 = u32::MAX;

/// Each body row's parent row, `None` at the top.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Parents(Box<[u32]>);

impl Parents {
    /// The parent of row `r`: `None` for a row at the top, or past the end.
    pub fn get(&self, r: usize) -> Option<usize> {
        match self.0.get(r) {
            Some(&p) if p != TOP => Some(p as usize),
            _ => None,
        }
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each row's parent, in row order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<usize>> + Clone + '_ {
        self.0.iter().map(|&p| (p != TOP).then_some(p as usize))
    }
}

/// Parents as given; a parent beyond `u32::MAX - 1` is no row (a table's
/// rows are counted in `u32`, [`Grid`](super::Grid)) and is stored as none.
impl FromIterator<Option<usize>> for Parents {
    fn from_iter<I: IntoIterator<Item = Option<usize>>>(parents: I) -> Parents {
        let stored = parents.into_iter().map(|p| {
            p.and_then(|p| u32::try_from(p).ok())
                .filter(|&p| p != TOP)
                .unwrap_or(TOP)
        });
        Parents(stored.collect())
    }
}

impl<const N: usize> PartialEq<[Option<usize>; N]> for Parents {
    fn eq(&self, other: &[Option<usize>; N]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

impl fmt::Debug for Parents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Parents {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Parents {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Parents, D::Error> {
        let parents = Vec::<Option<usize>>::deserialize(d)?;
        if parents.iter().flatten().any(|&p| p >= TOP as usize) {
            return Err(serde::de::Error::custom("a parent row past the last row"));
        }
        Ok(parents.into_iter().collect())
    }
}

/// Each body row's classification code (`2040201`; empty when unknown):
/// the codes one after another in one text, with where each ends.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct RowCodes {
    text: Box<str>,
    ends: Box<[u32]>,
}

impl RowCodes {
    /// The code of row `r` (`None` past the end).
    pub fn get(&self, r: usize) -> Option<&str> {
        let end = *self.ends.get(r)? as usize;
        let start = match r {
            0 => 0,
            _ => self.ends[r - 1] as usize,
        };
        self.text.get(start..end)
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Each row's code, in row order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        (0..self.len()).map(|r| self.get(r).unwrap_or_default())
    }
}

/// Codes as given; past 4 GiB of codes in one side (no real table), a row's
/// code is stored empty.
impl<'a> FromIterator<&'a str> for RowCodes {
    fn from_iter<I: IntoIterator<Item = &'a str>>(codes: I) -> RowCodes {
        let codes = codes.into_iter();
        let mut text = String::new();
        let mut ends = Vec::with_capacity(codes.size_hint().0);
        for code in codes {
            if u32::try_from(text.len() + code.len()).is_ok() {
                text.push_str(code);
            }
            // fits: the text is at most u32::MAX long
            ends.push(text.len() as u32);
        }
        RowCodes {
            text: text.into_boxed_str(),
            ends: ends.into_boxed_slice(),
        }
    }
}

impl<const N: usize> PartialEq<[&str; N]> for RowCodes {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

impl fmt::Debug for RowCodes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for RowCodes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for RowCodes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RowCodes, D::Error> {
        let codes = Vec::<String>::deserialize(d)?;
        Ok(codes.iter().map(String::as_str).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_keep_the_top_and_every_row() {
        let parents: Parents = [None, Some(0), Some(1), None].into_iter().collect();
        assert_eq!(parents, [None, Some(0), Some(1), None]);
        assert_eq!(
            (parents.get(2), parents.get(3), parents.get(4)),
            (Some(1), None, None)
        );
        assert_eq!(parents.len(), 4);
        assert_eq!(serde_json::to_string(&parents).unwrap(), "[null,0,1,null]");
        let back: Parents = serde_json::from_str("[null,0,1,null]").unwrap();
        assert_eq!(back, parents);
        assert!(serde_json::from_str::<Parents>("[4294967295]").is_err());
    }

    #[test]
    fn codes_come_back_row_by_row() {
        let codes: RowCodes = ["", "204", "20402", ""].into_iter().collect();
        assert_eq!(codes, ["", "204", "20402", ""]);
        assert_eq!(
            (codes.get(2), codes.get(3), codes.get(4)),
            (Some("20402"), Some(""), None)
        );
        assert_eq!(codes.len(), 4);
        let json = serde_json::to_string(&codes).unwrap();
        assert_eq!(json, r#"["","204","20402",""]"#);
        assert_eq!(serde_json::from_str::<RowCodes>(&json).unwrap(), codes);
        assert_eq!(RowCodes::default().iter().count(), 0);
    }
}
