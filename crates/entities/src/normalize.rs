//! The folded view of a text that the automaton searches, with a map back to
//! byte offsets of the original; name keys for transliteration variants; and
//! Russian oblique-case forms of Cyrillic aliases.

use unicode_normalization::char::decompose_canonical;

/// Cyrillic letters that look like Latin ones, and their Latin twins.
const HOMOGLYPHS: &[(char, char)] = &[
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('і', 'i'),
    ('к', 'k'),
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('І', 'I'),
];

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// A Cyrillic look-alike standing inside a Latin word becomes the Latin letter,
/// and a Latin look-alike inside a Cyrillic word the Cyrillic one.
fn dehomoglyph(c: char, prev: Option<char>, next: Option<char>) -> char {
    let latin = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphabetic());
    let cyr = |x: Option<char>| x.is_some_and(|x| is_cyrillic(x) && x.is_alphabetic());
    if is_cyrillic(c) {
        if (latin(prev) || latin(next)) && !(cyr(prev) || cyr(next)) {
            if let Some(&(_, l)) = HOMOGLYPHS.iter().find(|(k, _)| *k == c) {
                return l;
            }
        }
    } else if c.is_ascii_alphabetic() && (cyr(prev) || cyr(next)) && !(latin(prev) || latin(next)) {
        if let Some(&(k, _)) = HOMOGLYPHS.iter().find(|(_, l)| *l == c) {
            return k;
        }
    }
    c
}

/// Pushes the folded form of one char: punctuation variants unified,
/// lowercase, Latin/Cyrillic diacritics and the Devanagari nukta dropped.
fn push_folded(c: char, out: &mut String) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => {
            out.push('-')
        }
        '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\u{2007}' => out.push(' '),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => {
            for l in c.to_lowercase() {
                decompose_canonical(l, |d| {
                    if !('\u{0300}'..='\u{036F}').contains(&d) && d != '\u{093C}' {
                        out.push(d);
                    }
                });
            }
        }
    }
}

/// Folds a pattern or a name (no offset map).
pub fn fold(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let c = dehomoglyph(c, prev, chars.get(i + 1).copied());
        push_folded(c, &mut out);
    }
    out
}

/// The folded text and, for each folded byte offset, the original offsets.
pub struct Folded {
    pub text: String,
    /// `start[k]`: original offset of the char that produced folded byte `k`
    /// (`start[len]` = original length).
    start: Vec<u32>,
    /// `end[k]`: original end of the char that produced folded byte `k - 1`.
    end: Vec<u32>,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len() + 16);
        let mut start = Vec::with_capacity(original.len() + 17);
        let mut end = Vec::with_capacity(original.len() + 17);
        end.push(0);
        let mut prev: Option<char> = None;
        let mut iter = original.char_indices().peekable();
        while let Some((at, c)) = iter.next() {
            let next = iter.peek().map(|&(_, n)| n);
            let stop = (at + c.len_utf8()) as u32;
            let before = text.len();
            if c.is_ascii_alphanumeric()
                && !next.is_some_and(is_cyrillic)
                && !prev.is_some_and(is_cyrillic)
            {
                text.push(c.to_ascii_lowercase());
            } else {
                push_folded(dehomoglyph(c, prev, next), &mut text);
            }
            let added = text.len() - before;
            if added == 0 {
                // A lone combining mark: the previous char's span absorbs it.
                if let Some(last) = end.last_mut() {
                    if before > 0 {
                        *last = stop;
                    }
                }
            }
            for _ in 0..added {
                start.push(at as u32);
                end.push(stop);
            }
            prev = Some(c);
        }
        start.push(original.len() as u32);
        Folded { text, start, end }
    }

    /// The original byte range of folded range `s..e`.
    pub fn original(&self, s: usize, e: usize) -> (usize, usize) {
        (self.start[s] as usize, self.end[e] as usize)
    }
}

/// A key under which transliteration variants of one name meet: folded,
/// `sch`→`sh`, `tch`→`ch`, `kh`→`h`, `ou`→`u`, `w`→`v`, doubled letters
/// single, and the endings `y`/`i`/`j` (Zelensky, Zelenskyy, Zelenskiy,
/// Selenskyj's `j`) dropped.
pub fn name_key(s: &str) -> String {
    let f = fold(s);
    let f = f
        .trim_end_matches("'s")
        .replace("sch", "sh")
        .replace("tch", "ch")
        .replace("kh", "h")
        .replace("ou", "u")
        .replace('w', "v");
    let mut out = String::with_capacity(f.len());
    for c in f.chars() {
        if out.ends_with(c) && c.is_alphabetic() {
            continue;
        }
        out.push(c);
    }
    while out.chars().count() > 4 && out.ends_with(['y', 'i', 'j']) {
        out.pop();
    }
    out
}

/// Oblique-case forms (genitive, dative, instrumental, prepositional,
/// accusative) of a Russian word; the word itself when it does not decline.
fn word_cases(w: &str) -> [Vec<String>; 5] {
    let same = || [vec![w.to_string()], vec![], vec![], vec![], vec![]];
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    if n < 3 || !chars.iter().all(|c| is_cyrillic(*c) || *c == '-') {
        return same();
    }
    let last = chars[n - 1];
    if last.is_uppercase() {
        return same();
    }
    let stem = |k: usize| chars[..n - k].iter().collect::<String>();
    let v = |s: &str, ends: &[&str]| ends.iter().map(|e| format!("{s}{e}")).collect::<Vec<_>>();
    let ends_with = |suffix: &str| w.ends_with(suffix);
    if ends_with("ский") || ends_with("цкий") || ends_with("ской") {
        let s = stem(2);
        return [
            v(&s, &["ого"]),
            v(&s, &["ому"]),
            v(&s, &["им"]),
            v(&s, &["ом"]),
            v(&s, &["ого"]),
        ];
    }
    if ends_with("ський") || ends_with("цький") {
        let s = stem(2);
        return [
            v(&s, &["ого"]),
            v(&s, &["ому"]),
            v(&s, &["им"]),
            v(&s, &["ому", "ім"]),
            v(&s, &["ого"]),
        ];
    }
    if ends_with("ая") {
        let s = stem(2);
        return [
            v(&s, &["ой"]),
            v(&s, &["ой"]),
            v(&s, &["ой"]),
            v(&s, &["ой"]),
            v(&s, &["ую"]),
        ];
    }
    if last == 'й' {
        let s = stem(1);
        let prep = if s.ends_with('и') { "и" } else { "е" };
        return [
            v(&s, &["я"]),
            v(&s, &["ю"]),
            v(&s, &["ем"]),
            v(&s, &[prep]),
            v(&s, &["я"]),
        ];
    }
    if last == 'ь' {
        let s = stem(1);
        return [
            v(&s, &["я"]),
            v(&s, &["ю"]),
            v(&s, &["ем"]),
            v(&s, &["е"]),
            v(&s, &["я"]),
        ];
    }
    if ends_with("ова") || ends_with("ева") || ends_with("ина") || ends_with("ына") {
        let s = stem(1);
        return [
            v(&s, &["ой"]),
            v(&s, &["ой"]),
            v(&s, &["ой"]),
            v(&s, &["ой"]),
            v(&s, &["у"]),
        ];
    }
    if ends_with("ия") {
        let s = stem(1);
        return [
            v(&s, &["и"]),
            v(&s, &["и"]),
            v(&s, &["ей"]),
            v(&s, &["и"]),
            v(&s, &["ю"]),
        ];
    }
    if last == 'я' {
        let s = stem(1);
        return [
            v(&s, &["и"]),
            v(&s, &["е"]),
            v(&s, &["ей"]),
            v(&s, &["е"]),
            v(&s, &["ю"]),
        ];
    }
    if last == 'а' {
        let s = stem(1);
        let soft = s.ends_with(['г', 'к', 'х', 'ж', 'ш', 'ч', 'щ']);
        let gen = if soft { "и" } else { "ы" };
        return [
            v(&s, &[gen]),
            v(&s, &["е"]),
            v(&s, &["ой"]),
            v(&s, &["е"]),
            v(&s, &["у"]),
        ];
    }
    if "оеуюиыэіёє".contains(last) {
        return same();
    }
    // A consonant: Лавров, Путин, Владимир, Киев.
    let ins: &[&str] = if ends_with("ов") || ends_with("ев") || ends_with("ин") || ends_with("ын")
    {
        &["ым", "ом"]
    } else {
        &["ом"]
    };
    [
        v(w, &["а"]),
        v(w, &["у"]),
        v(w, ins),
        v(w, &["е"]),
        v(w, &["а"]),
    ]
}

/// The oblique-case forms of a Cyrillic alias (every word in the same case):
/// "Сергей Лавров" → "Сергея Лаврова", "Сергею Лаврову", … Empty for
/// aliases that are not Cyrillic.
pub fn russian_forms(alias: &str) -> Vec<String> {
    if !alias.chars().any(is_cyrillic) {
        return Vec::new();
    }
    let words: Vec<&str> = alias.split(' ').collect();
    if words.len() > 4 {
        return Vec::new();
    }
    let cases: Vec<[Vec<String>; 5]> = words.iter().map(|w| word_cases(w)).collect();
    let mut out = Vec::new();
    for case in 0..5 {
        let mut combos: Vec<String> = vec![String::new()];
        for (wi, wc) in cases.iter().enumerate() {
            // Indeclinable words keep their form (stored in slot 0 only).
            let forms: Vec<String> = if wc[1].is_empty() && wc[2].is_empty() {
                vec![words[wi].to_string()]
            } else {
                wc[case].clone()
            };
            let mut next = Vec::new();
            for c in &combos {
                for f in &forms {
                    next.push(if c.is_empty() {
                        f.clone()
                    } else {
                        format!("{c} {f}")
                    });
                }
            }
            combos = next;
        }
        for c in combos {
            if c != alias && !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_maps_back_to_original_offsets() {
        let text = "Zelenskyy’s aide met Kuleba in Київ and Zürich";
        let f = Folded::new(text);
        let key = fold("Київ");
        let at = f.text.find(&key).unwrap();
        let (s, e) = f.original(at, at + key.len());
        assert_eq!(&text[s..e], "Київ");
        let at = f.text.find("zurich").unwrap();
        let (s, e) = f.original(at, at + 6);
        assert_eq!(&text[s..e], "Zürich");
        assert!(f.text.starts_with("zelenskyy's"));
    }

    #[test]
    fn homoglyphs_inside_latin_words_fold_to_latin() {
        // Cyrillic "о" and "е" inside a Latin word.
        let text = "Stoltenb\u{0435}rg and L\u{043e}vrov";
        let f = Folded::new(text);
        assert!(f.text.contains("stoltenberg"), "{}", f.text);
        // And a Latin "o" inside a Cyrillic word.
        assert_eq!(fold("Лавр\u{006f}в"), fold("Лавров"));
    }

    #[test]
    fn name_key_joins_transliterations() {
        assert_eq!(name_key("Zelensky"), name_key("Zelenskyy"));
        assert_eq!(name_key("Zelenskiy"), name_key("Zelenskyi"));
        assert_eq!(name_key("Kouleba"), name_key("Kuleba"));
        assert_eq!(name_key("Schmyhal"), name_key("Shmyhal"));
        assert_ne!(name_key("Kuleba"), name_key("Lavrov"));
    }

    #[test]
    fn russian_forms_decline_names() {
        let f = russian_forms("Сергей Лавров");
        assert!(f.contains(&"Сергея Лаврова".to_string()), "{f:?}");
        assert!(f.contains(&"Сергеем Лавровым".to_string()), "{f:?}");
        let f = russian_forms("Зеленский");
        assert!(f.contains(&"Зеленского".to_string()), "{f:?}");
        let f = russian_forms("Мария Захарова");
        assert!(f.contains(&"Марии Захаровой".to_string()), "{f:?}");
        assert!(russian_forms("НАТО").is_empty());
        assert!(russian_forms("Lavrov").is_empty());
        assert!(russian_forms("Москва").contains(&"Москве".to_string()));
    }
}
