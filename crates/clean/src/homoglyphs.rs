//! [`HomoglyphRepair`]: fixes single look-alike letters of the wrong script.

use std::borrow::Cow;

/// Replaces Cyrillic or Greek look-alike letters inside an otherwise Latin
/// word by their Latin twins ("Zelenskу" with a Cyrillic `у` becomes
/// "Zelensky"), and Latin look-alikes inside an otherwise Cyrillic word by
/// Cyrillic letters. A word is changed only when every letter of the minority
/// script has a twin and the majority script clearly dominates; ambiguous
/// tokens are left alone. Pure one-script words cost one cheap scan.
#[derive(Debug, Clone, Copy, Default)]
pub struct HomoglyphRepair;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Other,
}

fn script(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' => Script::Latin,
        '\u{c0}'..='\u{24f}' if c != '×' && c != '÷' => Script::Latin,
        '\u{400}'..='\u{52f}' => Script::Cyrillic,
        '\u{370}'..='\u{3ff}' => Script::Greek,
        _ => Script::Other,
    }
}

/// Latin twin of a Cyrillic or Greek letter.
fn to_latin(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'һ' => 'h',
        'ӏ' => 'l',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        // Greek
        'ο' => 'o',
        'ν' => 'v',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Χ' => 'X',
        'Υ' => 'Y',
        _ => return None,
    })
}

/// Cyrillic twin of a Latin letter.
fn to_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        'y' => 'у',
        'x' => 'х',
        'i' => 'і',
        'A' => 'А',
        'B' => 'В',
        'E' => 'Е',
        'K' => 'К',
        'M' => 'М',
        'H' => 'Н',
        'O' => 'О',
        'P' => 'Р',
        'C' => 'С',
        'T' => 'Т',
        'X' => 'Х',
        'I' => 'І',
        _ => return None,
    })
}

impl HomoglyphRepair {
    pub fn new() -> Self {
        HomoglyphRepair
    }

    /// Repairs every word of `text`; borrows when nothing changes.
    pub fn repair<'a>(&self, text: &'a str) -> Cow<'a, str> {
        // Cheap scans: without Greek/Cyrillic letters (UTF-8 lead bytes
        // 0xCD..=0xD4) or without Latin letters no word can be mixed.
        let bytes = text.as_bytes();
        if !bytes.iter().any(|b| (0xCD..=0xD4).contains(b))
            || !bytes.iter().any(u8::is_ascii_alphabetic)
        {
            return Cow::Borrowed(text);
        }
        let mut out: Option<String> = None;
        // Start of the current word, and whether it mixes scripts.
        let mut start = 0usize;
        let (mut latin, mut other) = (false, false);
        let mut copied = 0usize; // bytes of `text` already copied into `out`
        let flush = |s: usize,
                     e: usize,
                     latin: bool,
                     other: bool,
                     out: &mut Option<String>,
                     copied: &mut usize| {
            if !(latin && other) || s == e {
                return;
            }
            if let Some(fixed) = repair_word(&text[s..e]) {
                let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
                buf.push_str(&text[*copied..s]);
                buf.push_str(&fixed);
                *copied = e;
            }
        };
        for (i, c) in text.char_indices() {
            match script(c) {
                Script::Latin => latin = true,
                Script::Cyrillic | Script::Greek => other = true,
                Script::Other => {
                    flush(start, i, latin, other, &mut out, &mut copied);
                    start = i + c.len_utf8();
                    latin = false;
                    other = false;
                }
            }
        }
        flush(start, text.len(), latin, other, &mut out, &mut copied);
        match out {
            Some(mut s) => {
                s.push_str(&text[copied..]);
                Cow::Owned(s)
            }
            None => Cow::Borrowed(text),
        }
    }
}

/// The repaired word, or `None` when it is fine or ambiguous.
fn repair_word(word: &str) -> Option<String> {
    if word.is_ascii() {
        return None;
    }
    let (mut latin, mut cyr, mut greek, mut other) = (0usize, 0usize, 0usize, 0usize);
    for c in word.chars() {
        match script(c) {
            Script::Latin => latin += 1,
            Script::Cyrillic => cyr += 1,
            Script::Greek => greek += 1,
            Script::Other => other += 1,
        }
    }
    if other > 0 {
        return None;
    }
    let scripts = (latin > 0) as u8 + (cyr > 0) as u8 + (greek > 0) as u8;
    if scripts < 2 {
        return None;
    }
    if latin >= 2 && latin > cyr + greek {
        // Latin word with Cyrillic/Greek intruders.
        let mut s = String::with_capacity(word.len());
        for c in word.chars() {
            if script(c) == Script::Latin {
                s.push(c);
            } else {
                s.push(to_latin(c)?);
            }
        }
        return Some(s);
    }
    if cyr >= 2 && greek == 0 && cyr > latin {
        let mut s = String::with_capacity(word.len());
        for c in word.chars() {
            if script(c) == Script::Cyrillic {
                s.push(c);
            } else {
                s.push(to_cyrillic(c)?);
            }
        }
        return Some(s);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_in_latin_word() {
        let h = HomoglyphRepair::new();
        assert_eq!(
            h.repair("President Zelenskу said"),
            "President Zelensky said"
        );
        assert_eq!(h.repair("Вiden and Тrump"), "Biden and Trump");
    }

    #[test]
    fn greek_in_latin_word() {
        let h = HomoglyphRepair::new();
        assert_eq!(h.repair("ΝΑΤΟ summit in Rοme"), "ΝΑΤΟ summit in Rome");
    }

    #[test]
    fn latin_in_cyrillic_word() {
        let h = HomoglyphRepair::new();
        assert_eq!(h.repair("Пyтин и Зеленcкий"), "Путин и Зеленский");
    }

    #[test]
    fn leaves_pure_and_ambiguous_words() {
        let h = HomoglyphRepair::new();
        for s in [
            "Путин met Biden",
            "Ab",
            "Аb",
            "naïve café",
            "हिंदी",
            "Zelenskyж",
            "ΑΒΓ",
        ] {
            assert_eq!(h.repair(s), s, "{s}");
        }
        assert!(matches!(h.repair("plain text"), Cow::Borrowed(_)));
    }
}
