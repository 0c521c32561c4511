//! Background document frequencies, so that the common words of news language do not dominate
//! keyword scores.

use crate::error::Error;
use brief_tokenize::Document;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// The format version written into background tables.
pub const BACKGROUND_FORMAT: u32 = 1;

/// Document frequencies of stems over a background corpus.
///
/// The shipped table (`data/background/en-stip.json`, see [`Background::builtin`]) was computed
/// by `brief train --background` from the texts of the EC-OECD STIP Compass (2021) policy
/// initiatives, so it reflects the language of science-and-technology policy.
///
/// ```
/// use brief_summarize::Background;
///
/// let docs: Vec<_> = ["Funding for research.", "Research and talent.", "Talent policy."]
///     .iter().map(|t| brief_tokenize::analyze(t)).collect();
/// let bg = Background::from_documents(docs.iter(), 1, "example");
/// assert_eq!(bg.docs(), 3);
/// assert_eq!(bg.df("research"), 2);
/// assert!(bg.idf("research") < bg.idf("fund"));
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Background {
    format: u32,
    source: String,
    docs: u32,
    #[serde(deserialize_with = "owned_table")]
    df: Table,
}

/// The stems' document frequencies: read from a file, or the shipped table compiled into the
/// binary as a sorted array (by `build.rs`), so that starting up parses nothing. The array
/// comes with each stem's first 8 bytes as a big-endian `u64` ([`prefix_key`]), in the same
/// order, so that a lookup compares integers and reads a string only on a tie.
#[derive(Debug, Clone)]
enum Table {
    Owned(FxHashMap<String, u32>),
    Static(&'static [(&'static str, u32)], &'static [u64]),
}

/// The first 8 bytes of `s` as a big-endian integer, zero-padded: strings in byte order have
/// their keys in the same (non-decreasing) order.
fn prefix_key(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut k = [0u8; 8];
    let n = b.len().min(8);
    k[..n].copy_from_slice(&b[..n]);
    u64::from_be_bytes(k)
}

impl Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let entries = self.sorted();
        let mut map = s.serialize_map(Some(entries.len()))?;
        for (stem, n) in entries {
            map.serialize_entry(stem, &n)?;
        }
        map.end()
    }
}

fn owned_table<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Table, D::Error> {
    FxHashMap::<String, u32>::deserialize(d).map(Table::Owned)
}

impl Table {
    fn get(&self, stem: &str) -> Option<u32> {
        match self {
            Table::Owned(m) => m.get(stem).copied(),
            Table::Static(t, keys) => {
                let k = prefix_key(stem);
                let lo = keys.partition_point(|&x| x < k);
                // Stems sharing their first 8 bytes are few: walk past them.
                let hi = lo + keys[lo..].iter().take_while(|&&x| x == k).count();
                let ties = &t[lo..hi];
                ties.binary_search_by(|(s, _)| (*s).cmp(stem))
                    .ok()
                    .map(|i| ties[i].1)
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            Table::Owned(m) => m.len(),
            Table::Static(t, _) => t.len(),
        }
    }

    fn iter(&self) -> Box<dyn Iterator<Item = (&str, u32)> + '_> {
        match self {
            Table::Owned(m) => Box::new(m.iter().map(|(s, &n)| (s.as_str(), n))),
            Table::Static(t, _) => Box::new(t.iter().copied()),
        }
    }

    /// The entries sorted by stem (what a file holds, so that it is stable).
    fn sorted(&self) -> Vec<(&str, u32)> {
        let mut entries: Vec<_> = self.iter().collect();
        entries.sort_unstable();
        entries
    }
}

include!(concat!(env!("OUT_DIR"), "/background.rs"));

impl Background {
    /// Counts, for each stem, how many of `docs` contain it; stems in fewer than `min_df`
    /// documents are left out (they get the idf of an unseen stem).
    pub fn from_documents<'a>(
        docs: impl Iterator<Item = &'a Document>,
        min_df: u32,
        source: &str,
    ) -> Self {
        let mut df: FxHashMap<String, u32> = FxHashMap::default();
        let mut n = 0u32;
        let mut seen = FxHashSet::default();
        for doc in docs {
            n += 1;
            seen.clear();
            for t in doc.tokens() {
                if t.is_content() && seen.insert(t.stem) {
                    *df.entry(doc.stem(t.stem).to_owned()).or_default() += 1;
                }
            }
        }
        df.retain(|_, v| *v >= min_df.max(1));
        Background {
            format: BACKGROUND_FORMAT,
            source: source.to_owned(),
            docs: n,
            df: Table::Owned(df),
        }
    }

    /// Number of background documents.
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// Where the table came from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Number of documents that contain `stem` (0 if unseen or pruned).
    pub fn df(&self, stem: &str) -> u32 {
        self.df.get(stem).unwrap_or(0)
    }

    /// An identity of the shipped table, the same for all its copies (`None` for a table read
    /// from a file or counted from documents): computed statistics can be remembered by it.
    pub(crate) fn builtin_identity(&self) -> Option<usize> {
        match &self.df {
            Table::Static(t, _) => Some(t.as_ptr() as usize),
            Table::Owned(_) => None,
        }
    }

    /// Smoothed inverse document frequency: `ln((N + 1) / (df + 1)) + 1`.
    pub fn idf(&self, stem: &str) -> f64 {
        brief_tokenize::idf(self.docs as usize, self.df(stem) as usize)
    }

    /// Number of stems in the table.
    pub fn len(&self) -> usize {
        self.df.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.df.len() == 0
    }

    /// Parses and validates a table from JSON.
    pub fn from_json(json: &str, what: &str) -> Result<Self, Error> {
        let bg: Background =
            serde_json::from_str(json).map_err(|e| Error::json(what, "background table", e))?;
        if bg.format != BACKGROUND_FORMAT {
            return Err(Error::config(format!(
                "{what}: background table format {} is not supported (expected {BACKGROUND_FORMAT})",
                bg.format
            )));
        }
        if let Some((stem, df)) = bg.df.iter().find(|&(_, df)| df > bg.docs) {
            return Err(Error::config(format!(
                "{what}: stem `{stem}` has df {df} > {} documents",
                bg.docs
            )));
        }
        Ok(bg)
    }

    /// Loads a table from a JSON file of at most [`MAX_TABLE_BYTES`] (a device such as
    /// `/dev/zero`, or a runaway file, is refused after that many bytes, not read forever).
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        use std::io::Read;
        let path = path.as_ref();
        let mut json = String::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_TABLE_BYTES + 1).read_to_string(&mut json))
            .map_err(|e| Error::io(path, e))?;
        if json.len() as u64 > MAX_TABLE_BYTES {
            return Err(Error::config(format!(
                "{}: a background table is at most {} MiB",
                path.display(),
                MAX_TABLE_BYTES >> 20
            )));
        }
        Self::from_json(&json, &path.display().to_string())
    }

    /// Serializes the table as JSON (stems sorted, so the file is stable).
    pub fn to_json(&self) -> String {
        // The table serializes its entries sorted by stem.
        let v = serde_json::json!({
            "format": self.format,
            "source": self.source,
            "docs": self.docs,
            "df": self.df,
        });
        v.to_string()
    }

    /// The table shipped with brief.
    ///
    /// Like every `builtin()` in brief: made once per process and shared (an `Arc`). The
    /// shipped file is checked when brief is built (`build.rs` compiles it into a sorted
    /// array, so nothing is parsed at run time), and a unit test checks that the array and the
    /// file read by [`Background::from_json`] agree.
    pub fn builtin() -> Arc<Background> {
        static BUILTIN: OnceLock<Arc<Background>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                Arc::new(Background {
                    format: BACKGROUND_FORMAT,
                    source: BUILTIN_SOURCE.to_owned(),
                    docs: BUILTIN_DOCS,
                    df: Table::Static(BUILTIN_DF, BUILTIN_KEYS),
                })
            })
            .clone()
    }
}

/// The largest background table file [`Background::from_file`] reads: 64 MiB (the shipped
/// table is 51 KB; one of a million stems is about 25 MB).
pub const MAX_TABLE_BYTES: u64 = 64 << 20;

#[cfg(test)]
mod tests {
    use super::*;

    const BUILTIN_JSON: &str = include_str!("../../../data/background/en-stip.json");

    #[test]
    fn builtin_table_is_valid() {
        let bg = Background::from_json(BUILTIN_JSON, "builtin").expect("shipped table parses");
        assert!(bg.docs() > 1000, "{}", bg.docs());
        assert!(bg.df("research") > bg.df("laboratori"));
        assert!(bg.idf("innov") < bg.idf("graphen"));
    }

    #[test]
    fn compiled_table_is_the_shipped_file() {
        let file = Background::from_json(BUILTIN_JSON, "builtin").unwrap();
        let compiled = Background::builtin();
        assert!(matches!(compiled.df, Table::Static(..)));
        assert_eq!(compiled.docs(), file.docs());
        assert_eq!(compiled.source(), file.source());
        assert_eq!(compiled.len(), file.len());
        let b = file.df.sorted();
        assert_eq!(compiled.df.sorted(), b);
        // Every stem is found by the binary search, and an unknown one is not.
        assert!(b.iter().all(|&(s, n)| compiled.df(s) == n));
        assert_eq!(compiled.df("zzzz-not-a-stem"), 0);
        // The prefix keys: one per stem, and lookups of near misses (a stem made longer or
        // shorter, sharing its first bytes with others) agree with the file's hash table.
        if let Table::Static(t, keys) = &compiled.df {
            assert_eq!(keys.len(), t.len());
            assert!(t
                .iter()
                .zip(keys.iter())
                .all(|(&(s, _), &k)| prefix_key(s) == k));
        }
        for &(s, _) in &b {
            for probe in [format!("{s}x"), format!("{s}\u{0}"), format!("a{s}")] {
                assert_eq!(compiled.df(&probe), file.df(&probe), "{probe:?}");
            }
            for (k, _) in s.char_indices() {
                assert_eq!(compiled.df(&s[..k]), file.df(&s[..k]), "{:?}", &s[..k]);
            }
        }
        assert_eq!(compiled.to_json(), file.to_json());
        let again: Background =
            serde_json::from_str(&serde_json::to_string(&*compiled).unwrap()).unwrap();
        assert_eq!(again.to_json(), file.to_json());
    }

    #[test]
    fn rejects_bad_tables() {
        assert!(Background::from_json("{", "x").is_err());
        let wrong = r#"{"format": 9, "source": "", "docs": 1, "df": {}}"#;
        assert!(Background::from_json(wrong, "x").is_err());
        let inconsistent = r#"{"format": 1, "source": "", "docs": 1, "df": {"a": 5}}"#;
        assert!(Background::from_json(inconsistent, "x").is_err());
    }
}
