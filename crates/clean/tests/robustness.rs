//! The Cleaner must never panic: random strings built from characters that
//! stress each part (line ends, odd spaces, joiners, look-alike letters,
//! brackets, dashes, cue words, dates) go through the whole stage.

use newslens_clean::{CleanConfig, Cleaner};
use newslens_core::{Document, Stage};

const PIECES: &[&str] = &[
    "\r\n",
    "\n",
    "\n\n",
    "\r",
    " ",
    "\u{a0}",
    "\t",
    "\u{200b}",
    "\u{200d}",
    "\u{ad}",
    "\u{feff}",
    "\u{0}",
    "\u{85}",
    "\u{2028}",
    "a",
    "Z",
    "у",
    "В",
    "ο",
    "क्",
    "्",
    "\u{301}",
    "é",
    "(",
    ")",
    "[",
    "]",
    ":",
    "-",
    "—",
    "–",
    "…",
    "...",
    ".",
    "?",
    "»",
    "|",
    "@x",
    "http://e.org/a",
    "By ",
    "Read also: ",
    "Related",
    "COMMENTS",
    "Subscribe",
    "Photo: ",
    "©",
    "2023",
    "14.05.2023",
    "May 14, 2023",
    "KYIV, March 3 (Reuters) - ",
    "MOSCOW—",
    "мая",
    "Источник: ",
    "(With information from AFP)",
    "एएनआई, कीव। ",
    "मॉस्को: ",
    "Sources:",
    "Zelenskу",
    "Пyтин",
    "- ",
    "1. ",
    "\"",
    "“",
    "«",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_inputs_do_not_panic() {
    let cleaner = Cleaner::new(CleanConfig::default());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..3000 {
        let len = (rng.next() % 60) as usize;
        let mut s = String::new();
        for _ in 0..len {
            s.push_str(PIECES[(rng.next() % PIECES.len() as u64) as usize]);
        }
        let mut doc = Document::new(format!("r{round}"), s.clone());
        if round % 3 == 0 {
            doc.title = Some(s.chars().take(20).collect());
        }
        cleaner.process(&mut doc).unwrap();
        assert!(!doc.text.starts_with(char::is_whitespace), "{s:?}");
        assert!(!doc.text.ends_with(char::is_whitespace), "{s:?}");
        assert!(!doc.text.contains("\n\n\n"), "{s:?}");
        assert!(!doc.text.contains('\r'), "{s:?}");
    }
}
