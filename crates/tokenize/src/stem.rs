//! The English Snowball stemmer (Porter2) for words of ASCII lower-case letters, with the exact
//! decisions of `rust-stemmers` 1.2 (its `english` algorithm: the same exceptions, the same
//! `gener`/`commun`/`arsen` regions, the same suffix tables), without its general machinery:
//! no allocation, no table search by binary chop, one pass per step.
//!
//! Any other word (capitals, digits, apostrophes, other scripts, longer than [`MAX`] bytes) is
//! not handled here: the caller stems it with `rust-stemmers`. A property test and the
//! `parity` example compare both on every word they are given.

/// The longest word handled here, in bytes.
pub(crate) const MAX: usize = 48;

fn is_v(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// The vowels with `w`, `x` and `Y`: letters that do not end a short syllable.
fn is_v_wxy(c: u8) -> bool {
    matches!(
        c,
        b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w' | b'x' | b'Y'
    )
}

/// The letters before which a final `li` is removed.
fn is_valid_li(c: u8) -> bool {
    matches!(
        c,
        b'c' | b'd' | b'e' | b'g' | b'h' | b'k' | b'm' | b'n' | b'r' | b't'
    )
}

/// Words stemmed as a whole (Snowball's `exception1`).
fn exception1(w: &[u8]) -> Option<&'static str> {
    Some(match w {
        b"skis" => "ski",
        b"skies" => "sky",
        b"dying" => "die",
        b"lying" => "lie",
        b"tying" => "tie",
        b"idly" => "idl",
        b"gently" => "gentl",
        b"ugly" => "ugli",
        b"early" => "earli",
        b"only" => "onli",
        b"singly" => "singl",
        b"sky" => "sky",
        b"news" => "news",
        b"howe" => "howe",
        b"atlas" => "atlas",
        b"cosmos" => "cosmos",
        b"bias" => "bias",
        b"andes" => "andes",
        _ => return None,
    })
}

/// A word being stemmed: its letters in `b[..n]`, and the starts of its regions R1 and R2.
struct Word<'a> {
    b: &'a mut [u8; MAX],
    n: usize,
    p1: usize,
    p2: usize,
}

impl Word<'_> {
    fn ends(&self, s: &[u8]) -> bool {
        self.b[..self.n].ends_with(s)
    }

    /// Replaces the last `len` letters by `with`.
    fn replace(&mut self, len: usize, with: &[u8]) {
        let at = self.n - len;
        self.b[at..at + with.len()].copy_from_slice(with);
        self.n = at + with.len();
    }

    /// Whether `b[..m]` ends in a short syllable (Snowball's `shortv`).
    fn short_syllable(&self, m: usize) -> bool {
        let b = &self.b;
        (m >= 3 && !is_v_wxy(b[m - 1]) && is_v(b[m - 2]) && !is_v(b[m - 3]))
            || (m == 2 && !is_v(b[1]) && is_v(b[0]))
    }

    /// The longest of `table`'s suffixes that ends the word, with its tag.
    fn longest<T: Copy>(&self, table: &[(&[u8], T)]) -> Option<(usize, T)> {
        table
            .iter()
            .find(|(s, _)| self.ends(s))
            .map(|&(s, t)| (s.len(), t))
    }

    /// [`Word::longest`], if that suffix starts in the region from `region` on (otherwise
    /// nothing: Snowball does not fall back to a shorter suffix).
    fn longest_in<T: Copy>(&self, table: &[(&[u8], T)], region: usize) -> Option<(usize, T)> {
        self.longest(table)
            .filter(|&(len, _)| region <= self.n - len)
    }

    fn step_1a(&mut self) {
        if self.ends(b"sses") {
            self.replace(4, b"ss");
        } else if self.ends(b"ied") || self.ends(b"ies") {
            if self.n - 3 >= 2 {
                self.replace(3, b"i");
            } else {
                self.replace(3, b"ie");
            }
        } else if self.ends(b"ss") || self.ends(b"us") {
        } else if self.ends(b"s") {
            // A vowel before the letter that precedes the `s`.
            let before = self.n - 1;
            if before >= 1 && self.b[..before - 1].iter().any(|&c| is_v(c)) {
                self.n -= 1;
            }
        }
    }

    fn step_1b(&mut self) {
        // Longest first: 1 = `eed`, `eedly`; 2 = `ed`, `edly`, `ing`, `ingly`.
        const SUFFIXES: &[(&[u8], u8)] = &[
            (b"eedly", 1),
            (b"ingly", 2),
            (b"edly", 2),
            (b"eed", 1),
            (b"ing", 2),
            (b"ed", 2),
        ];
        let Some((len, kind)) = self.longest(SUFFIXES) else {
            return;
        };
        let bra = self.n - len;
        if kind == 1 {
            if self.p1 <= bra {
                self.replace(len, b"ee");
            }
            return;
        }
        if !self.b[..bra].iter().any(|&c| is_v(c)) {
            return;
        }
        self.n = bra;
        if self.ends(b"at") || self.ends(b"bl") || self.ends(b"iz") {
            self.b[self.n] = b'e';
            self.n += 1;
        } else if [
            b"bb", b"dd", b"ff", b"gg", b"mm", b"nn", b"pp", b"rr", b"tt",
        ]
        .iter()
        .any(|d| self.ends(*d))
        {
            self.n -= 1;
        } else if self.n == self.p1 && self.short_syllable(self.n) {
            self.b[self.n] = b'e';
            self.n += 1;
        }
    }

    fn step_1c(&mut self) {
        let n = self.n;
        if n >= 3 && matches!(self.b[n - 1], b'y' | b'Y') && !is_v(self.b[n - 2]) {
            self.b[n - 1] = b'i';
        }
    }

    fn step_2(&mut self) {
        // The replacement of each suffix; `ogi` and `li` have conditions of their own.
        const SUFFIXES: &[(&[u8], &[u8])] = &[
            (b"ational", b"ate"),
            (b"ization", b"ize"),
            (b"iveness", b"ive"),
            (b"fulness", b"ful"),
            (b"ousness", b"ous"),
            (b"tional", b"tion"),
            (b"biliti", b"ble"),
            (b"lessli", b"less"),
            (b"entli", b"ent"),
            (b"ousli", b"ous"),
            (b"fulli", b"ful"),
            (b"aliti", b"al"),
            (b"iviti", b"ive"),
            (b"alism", b"al"),
            (b"ation", b"ate"),
            (b"anci", b"ance"),
            (b"enci", b"ence"),
            (b"abli", b"able"),
            (b"alli", b"al"),
            (b"izer", b"ize"),
            (b"ator", b"ate"),
            (b"ogi", b"og"),
            (b"bli", b"ble"),
            (b"li", b""),
        ];
        let Some((len, with)) = self.longest_in(SUFFIXES, self.p1) else {
            return;
        };
        let bra = self.n - len;
        match len {
            3 if with == b"og" => {
                if bra >= 1 && self.b[bra - 1] == b'l' {
                    self.replace(len, with);
                }
            }
            2 => {
                if bra >= 1 && is_valid_li(self.b[bra - 1]) {
                    self.replace(len, with);
                }
            }
            _ => self.replace(len, with),
        }
    }

    fn step_3(&mut self) {
        // `None`: `ative`, removed in R2 only.
        const SUFFIXES: &[(&[u8], Option<&[u8]>)] = &[
            (b"ational", Some(b"ate")),
            (b"tional", Some(b"tion")),
            (b"alize", Some(b"al")),
            (b"icate", Some(b"ic")),
            (b"iciti", Some(b"ic")),
            (b"ative", None),
            (b"ical", Some(b"ic")),
            (b"ness", Some(b"")),
            (b"ful", Some(b"")),
        ];
        let Some((len, with)) = self.longest_in(SUFFIXES, self.p1) else {
            return;
        };
        let bra = self.n - len;
        match with {
            Some(with) => self.replace(len, with),
            None if self.p2 <= bra => self.n = bra,
            None => {}
        }
    }

    fn step_4(&mut self) {
        // `true`: `ion`, removed after `s` or `t` only.
        const SUFFIXES: &[(&[u8], bool)] = &[
            (b"ement", false),
            (b"ance", false),
            (b"ence", false),
            (b"able", false),
            (b"ible", false),
            (b"ment", false),
            (b"ate", false),
            (b"ive", false),
            (b"ize", false),
            (b"iti", false),
            (b"ism", false),
            (b"ion", true),
            (b"ous", false),
            (b"ant", false),
            (b"ent", false),
            (b"ic", false),
            (b"al", false),
            (b"er", false),
        ];
        let Some((len, ion)) = self.longest_in(SUFFIXES, self.p2) else {
            return;
        };
        let bra = self.n - len;
        if !ion || (bra >= 1 && matches!(self.b[bra - 1], b's' | b't')) {
            self.n = bra;
        }
    }

    fn step_5(&mut self) {
        let Some(&last) = self.b[..self.n].last() else {
            return;
        };
        let bra = self.n - 1;
        let delete = match last {
            b'e' => self.p2 <= bra || (self.p1 <= bra && !self.short_syllable(bra)),
            b'l' => self.p2 <= bra && bra >= 1 && self.b[bra - 1] == b'l',
            _ => false,
        };
        if delete {
            self.n = bra;
        }
    }
}

/// Where the region after the first non-vowel that follows a vowel starts, from `from` on
/// (the length if there is none).
fn region_after(b: &[u8], from: usize) -> usize {
    let n = b.len();
    let Some(v) = b[from.min(n)..].iter().position(|&c| is_v(c)) else {
        return n;
    };
    let v = from + v + 1;
    match b[v..].iter().position(|&c| !is_v(c)) {
        Some(k) => v + k + 1,
        None => n,
    }
}

/// The Snowball English stem of `word`, written into `buf`, if `word` is 1 to [`MAX`] ASCII
/// lower-case letters; `None` otherwise (the caller then uses `rust-stemmers`).
pub(crate) fn english<'a>(word: &str, buf: &'a mut [u8; MAX]) -> Option<&'a str> {
    let w = word.as_bytes();
    if w.is_empty() || w.len() > MAX || !w.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    if let Some(s) = exception1(w) {
        return Some(s);
    }
    let n = w.len();
    buf[..n].copy_from_slice(w);
    if n < 3 {
        return std::str::from_utf8(&buf[..n]).ok();
    }
    // Prelude: a `y` at the start or after a vowel is a consonant, `Y`.
    let mut y_found = false;
    if buf[0] == b'y' {
        buf[0] = b'Y';
        y_found = true;
    }
    for i in 1..n {
        if buf[i] == b'y' && is_v(buf[i - 1]) {
            buf[i] = b'Y';
            y_found = true;
        }
    }
    let p1 = if w.starts_with(b"gener") || w.starts_with(b"arsen") {
        5
    } else if w.starts_with(b"commun") {
        6
    } else {
        region_after(&buf[..n], 0)
    };
    let p2 = if p1 < n {
        region_after(&buf[..n], p1)
    } else {
        n
    };
    let mut word = Word { b: buf, n, p1, p2 };
    word.step_1a();
    let exception2 = matches!(
        &word.b[..word.n],
        b"inning"
            | b"outing"
            | b"canning"
            | b"herring"
            | b"earring"
            | b"proceed"
            | b"exceed"
            | b"succeed"
    );
    if !exception2 {
        word.step_1b();
        word.step_1c();
        word.step_2();
        word.step_3();
        word.step_4();
        word.step_5();
    }
    let n = word.n;
    if y_found {
        buf[..n].iter_mut().for_each(|c| {
            if *c == b'Y' {
                *c = b'y';
            }
        });
    }
    std::str::from_utf8(&buf[..n]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snowball(w: &str) -> String {
        rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)
            .stem(w)
            .into_owned()
    }

    #[test]
    fn stems_as_rust_stemmers_on_the_snowball_cases() {
        let words = [
            "consign",
            "consigned",
            "consigning",
            "consignment",
            "consist",
            "consisted",
            "consistency",
            "consistent",
            "consistently",
            "consisting",
            "consists",
            "consolation",
            "consolations",
            "consolatory",
            "console",
            "consoled",
            "consoles",
            "consolidate",
            "consolidated",
            "consolidating",
            "consoling",
            "consolingly",
            "consols",
            "consonant",
            "consort",
            "consorted",
            "consorting",
            "conspicuous",
            "conspicuously",
            "conspiracy",
            "conspirator",
            "conspirators",
            "conspire",
            "conspired",
            "conspiring",
            "constable",
            "constables",
            "constance",
            "constancy",
            "constant",
            "knack",
            "knackeries",
            "knacks",
            "knag",
            "knave",
            "knaves",
            "knavish",
            "kneaded",
            "kneading",
            "knee",
            "kneel",
            "kneeled",
            "kneeling",
            "kneels",
            "knees",
            "knell",
            "knelt",
            "knew",
            "knick",
            "knif",
            "knife",
            "knight",
            "knightly",
            "knights",
            "knit",
            "knits",
            "knitted",
            "knitting",
            "knives",
            "knob",
            "knobs",
            "knock",
            "knocked",
            "knocker",
            "knockers",
            "knocking",
            "knocks",
            "knopp",
            "knot",
            "knots",
            "generously",
            "generation",
            "communism",
            "arsenal",
            "skies",
            "dying",
            "sky",
            "news",
            "succeeding",
            "succeed",
            "inning",
            "innings",
            "cries",
            "ties",
            "gas",
            "gaps",
            "hopping",
            "hoped",
            "hoping",
            "filing",
            "fizzed",
            "luxuriating",
            "agreed",
            "feed",
            "bleed",
            "sayings",
            "yelling",
            "toy",
            "toying",
            "says",
            "syzygy",
            "happy",
            "by",
            "cry",
            "enjoying",
            "logically",
            "analogies",
            "geology",
            "archaeology",
            "biology",
            "conditional",
            "rationalization",
            "hopefulness",
            "effectiveness",
            "electricity",
            "formalism",
            "possibility",
            "callousness",
            "adoption",
            "revision",
            "cautiously",
            "controlling",
            "rolling",
            "meetings",
            "mediation",
            "universities",
            "technologies",
            "innovation",
            "innovative",
            "scientific",
            "provincial",
            "enterprises",
            "laboratories",
            "strengthening",
            "yyy",
            "ayy",
            "byy",
            "yay",
            "eyeing",
            "played",
            "ugliness",
            "only",
            "early",
        ];
        let mut buf = [0u8; MAX];
        for w in words {
            assert_eq!(english(w, &mut buf), Some(snowball(w).as_str()), "{w}");
        }
    }

    #[test]
    fn declines_what_it_does_not_handle() {
        let mut buf = [0u8; MAX];
        for w in [
            "",
            "Apple",
            "co-operate",
            "don't",
            "2022",
            "café",
            &"a".repeat(MAX + 1),
        ] {
            assert_eq!(english(w, &mut buf), None, "{w}");
        }
    }
}
