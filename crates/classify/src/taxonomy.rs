//! The theme taxonomy: names, definitions, STIP Compass codes and lexicons.

use crate::error::{Error, ErrorKind};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// The taxonomy format version this crate reads.
pub const TAXONOMY_FORMAT: u32 = 1;

/// A lexicon entry: a word or phrase (English or Chinese) and how strongly it signals its theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The word or phrase as written.
    pub text: String,
    /// Its weight (> 0).
    pub weight: f64,
}

/// One theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Identifier used in output (`talent`, `key_core_tech`, ...).
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// One-paragraph definition.
    pub definition: String,
    /// The EC-OECD STIP Compass theme codes it covers.
    #[serde(default)]
    pub stip_codes: Vec<String>,
    /// Lexicon terms.
    #[serde(default)]
    pub terms: Vec<Term>,
}

/// A set of themes, loaded from a JSON file (the default is `data/taxonomy/themes.json`).
///
/// ```
/// let t = brief_classify::Taxonomy::builtin();
/// assert_eq!(t.len(), 12);
/// assert_eq!(t.index_of("talent"), Some(0));
/// assert!(t.theme("key_core_tech").unwrap().terms.iter().any(|x| x.text == "揭榜挂帅"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// Format version ([`TAXONOMY_FORMAT`]).
    pub format: u32,
    /// Name of the taxonomy.
    pub name: String,
    /// What it is for.
    #[serde(default)]
    pub description: String,
    /// The themes, in output order.
    pub themes: Vec<Theme>,
}

impl Taxonomy {
    /// The taxonomy shipped with brief: twelve science-and-technology policy themes.
    ///
    /// Like every `builtin()` in brief: parsed once per process and shared (an `Arc`); the
    /// shipped file is checked by a unit test, so a failure to load it is a defect of the
    /// build, which panics naming the file, never silently empty data.
    pub fn builtin() -> Arc<Taxonomy> {
        static T: OnceLock<Arc<Taxonomy>> = OnceLock::new();
        T.get_or_init(|| {
            Arc::new(
                Taxonomy::from_json(include_str!("../../../data/taxonomy/themes.json"))
                    .unwrap_or_else(|e| {
                        panic!(
                            "data/taxonomy/themes.json, shipped in this build, does not load: {e}"
                        )
                    }),
            )
        })
        .clone()
    }

    /// Parses and validates a taxonomy.
    pub fn from_json(json: &str) -> Result<Taxonomy, Error> {
        let t: Taxonomy = serde_json::from_str(json).map_err(|e| Error::taxonomy(e.to_string()))?;
        t.validate()?;
        Ok(t)
    }

    /// Loads and validates a taxonomy file.
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Taxonomy, Error> {
        let path = path.as_ref();
        let json = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Taxonomy::from_json(&json).map_err(|e| e.in_source(&path.display().to_string()))
    }

    /// Checks the format version, ids, and term weights.
    pub fn validate(&self) -> Result<(), Error> {
        if self.format != TAXONOMY_FORMAT {
            return Err(Error::taxonomy(format!(
                "format {} is not supported (expected {TAXONOMY_FORMAT})",
                self.format
            )));
        }
        if self.themes.is_empty() {
            return Err(Error::taxonomy("no themes"));
        }
        // Bounds that keep matching linear in the text: a term is looked up once per length
        // at each position, so its length in words bounds the work, not the lexicon's size.
        const MAX_THEMES: usize = 1_000;
        const MAX_TERMS: usize = 200_000;
        const MAX_TERM_CHARS: usize = 200;
        if self.themes.len() > MAX_THEMES {
            return Err(Error::taxonomy(format!("more than {MAX_THEMES} themes")));
        }
        let terms: usize = self.themes.iter().map(|t| t.terms.len()).sum();
        if terms > MAX_TERMS {
            return Err(Error::taxonomy(format!(
                "{terms} terms; at most {MAX_TERMS} are accepted"
            )));
        }
        if let Some(t) = self
            .themes
            .iter()
            .flat_map(|t| &t.terms)
            .find(|t| t.text.chars().count() > MAX_TERM_CHARS)
        {
            return Err(Error::taxonomy(format!(
                "term `{}…` is longer than {MAX_TERM_CHARS} characters",
                t.text.chars().take(20).collect::<String>()
            )));
        }
        let mut seen = std::collections::HashSet::new();
        for t in &self.themes {
            if t.id.is_empty()
                || !t
                    .id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Err(Error::taxonomy(format!(
                    "theme id `{}` must be non-empty ASCII letters, digits, `_` or `-`",
                    t.id
                )));
            }
            if !seen.insert(&t.id) {
                return Err(Error::taxonomy(format!("theme `{}` appears twice", t.id)));
            }
            for term in &t.terms {
                if !(term.weight.is_finite() && term.weight > 0.0 && term.weight <= 1e6) {
                    return Err(Error::taxonomy(format!(
                        "term `{}` of `{}` has weight {}; weights must be positive and at most 1e6",
                        term.text, t.id, term.weight
                    )));
                }
                if term.text.trim().is_empty() {
                    return Err(Error::taxonomy(format!(
                        "theme `{}` has an empty term",
                        t.id
                    )));
                }
            }
        }
        Ok(())
    }

    /// Number of themes.
    pub fn len(&self) -> usize {
        self.themes.len()
    }

    /// Whether there are no themes.
    pub fn is_empty(&self) -> bool {
        self.themes.is_empty()
    }

    /// The position of a theme id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.themes.iter().position(|t| t.id == id)
    }

    /// A theme by id.
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// The position of a theme id, or an error that lists the valid ids.
    pub fn require(&self, id: &str) -> Result<usize, Error> {
        self.index_of(id).ok_or_else(|| {
            Error::new(ErrorKind::UnknownTheme {
                name: id.to_owned(),
                hint: did_you_mean(id, self.ids().iter().copied()),
                valid: self.ids().join(", "),
            })
        })
    }

    /// The theme ids in order.
    pub fn ids(&self) -> Vec<&str> {
        self.themes.iter().map(|t| t.id.as_str()).collect()
    }
}

/// The theme ids of the shipped taxonomy (`data/taxonomy/themes.json`), in its order, as
/// constants (for shell completion, say); a test checks them against the file.
pub const BUILTIN_THEME_IDS: &[&str] = &[
    "talent",
    "enterprise_innovation",
    "key_core_tech",
    "research_institutions",
    "tech_transfer",
    "international",
    "governance_reform",
    "regional_innovation",
    "funding_finance",
    "digital",
    "green_energy",
    "science_society",
];

/// "; did you mean `x`?" for the valid name closest to `name` (Jaro-Winkler similarity at least
/// 0.8), or an empty string.
pub(crate) fn did_you_mean<'a>(name: &str, valid: impl IntoIterator<Item = &'a str>) -> String {
    valid
        .into_iter()
        .map(|v| (strsim::jaro_winkler(name, v), v))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, v)| format!("; did you mean `{v}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_is_valid() {
        let t = Taxonomy::from_json(include_str!("../../../data/taxonomy/themes.json")).unwrap();
        assert_eq!(t.ids(), BUILTIN_THEME_IDS);
        assert!(t
            .themes
            .iter()
            .all(|th| th.terms.len() >= 20 && !th.stip_codes.is_empty()));
    }

    #[test]
    fn rejects_bad_taxonomies() {
        let cases = [
            r#"{"format": 2, "name": "x", "themes": [{"id": "a", "name": "A", "definition": ""}]}"#,
            r#"{"format": 1, "name": "x", "themes": []}"#,
            r#"{"format": 1, "name": "x", "themes": [{"id": "a", "name": "A", "definition": ""}, {"id": "a", "name": "B", "definition": ""}]}"#,
            r#"{"format": 1, "name": "x", "themes": [{"id": "a b", "name": "A", "definition": ""}]}"#,
            r#"{"format": 1, "name": "x", "themes": [{"id": "a", "name": "A", "definition": "", "terms": [{"text": "x", "weight": -1}]}]}"#,
            r#"{"format": 1, "name": "x", "themes": [{"id": "a", "name": "A", "definition": "", "extra": 1}]}"#,
            r#"{"format": 1, "name": "x""#,
        ];
        for c in cases {
            assert!(Taxonomy::from_json(c).is_err(), "{c}");
        }
        let e = Taxonomy::builtin().require("talnet").unwrap_err();
        assert!(e.to_string().contains("talent"));
    }
}
