//! [`SentenceSplitter`]: sentence boundaries inside one paragraph.

use sentencex::languages::Language;

/// Splits a paragraph into sentences, returning trimmed byte ranges.
///
/// Built on `sentencex` (Wikimedia), which knows per-language abbreviations
/// ("Mr.", "Dr.", "Dec.", "U.S.", "Gen.", "St.", initials), keeps quoted
/// text together and does not break after an ellipsis followed by a lower-case
/// word. Languages it does not know fall back to its defaults.
pub struct SentenceSplitter {
    language: Box<dyn Language>,
}

impl SentenceSplitter {
    /// A splitter for an ISO 639-1 language code.
    pub fn new(lang: &str) -> Self {
        SentenceSplitter {
            language: sentencex::language_factory(lang),
        }
    }

    /// Trimmed, non-empty sentence byte ranges of `text`, in order.
    pub fn split(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for boundary in self.language.get_sentence_boundaries(text) {
            let (start, end) = (boundary.start_byte, boundary.end_byte);
            let Some(piece) = text.get(start..end) else {
                continue;
            };
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            let range = (start + lead, start + lead + trimmed.len());
            // A break right after a period with no space before a letter is a
            // domain or a code, not a sentence end: "Pravda.Ru", "RT.com" —
            // unless a lower-case word of three or more letters comes before
            // and a capitalised word after, as when scraping glued two
            // sentences ("… he added.Graham is …").
            if let Some(prev) = out.last_mut() {
                let glued = lead == 0
                    && prev.1 == start
                    && text[..start].ends_with('.')
                    && trimmed.chars().next().is_some_and(char::is_alphanumeric)
                    && !glued_sentences(&text[..start - 1], trimmed);
                if glued {
                    prev.1 = range.1;
                    continue;
                }
            }
            // Never emit overlapping or backwards ranges, whatever the splitter does.
            if out.last().is_some_and(|&(_, prev_end)| range.0 < prev_end) {
                continue;
            }
            out.push(range);
        }
        out
    }
}

/// Whether `before` (up to a period) and `after` look like two sentences
/// glued by scraping: a lower-case word of three or more letters before the
/// period, a capitalised word going on in lower case after it.
fn glued_sentences(before: &str, after: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let mut next = after.chars();
    word.chars().count() >= 3
        && word.chars().all(char::is_lowercase)
        && next.next().is_some_and(char::is_uppercase)
        && next.next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences<'t>(lang: &str, text: &'t str) -> Vec<&'t str> {
        SentenceSplitter::new(lang)
            .split(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Mr. Smith met Dr. Jones on Dec. 4 in the U.S. capital. Gen. Milley and St. Louis officials agreed.";
        assert_eq!(
            sentences("en", text),
            [
                "Mr. Smith met Dr. Jones on Dec. 4 in the U.S. capital.",
                "Gen. Milley and St. Louis officials agreed."
            ]
        );
    }

    #[test]
    fn initials_do_not_end_sentences() {
        let text = "The report by J. R. Tolkien was cited. Nobody objected.";
        assert_eq!(
            sentences("en", text),
            ["The report by J. R. Tolkien was cited.", "Nobody objected."]
        );
    }

    #[test]
    fn quote_followed_by_cue_stays_one_sentence() {
        let text = "\"We are ready to talk. But not on those terms,\" he said. Then he left.";
        let got = sentences("en", text);
        assert_eq!(got.last(), Some(&"Then he left."));
        assert!(got.iter().any(|s| s.ends_with("he said.")));
    }

    #[test]
    fn ellipsis_inside_quote_does_not_split() {
        let text = "He said: \"we will wait … and see what happens\". Later he spoke again.";
        assert_eq!(
            sentences("en", text),
            [
                "He said: \"we will wait … and see what happens\".",
                "Later he spoke again."
            ]
        );
    }

    #[test]
    fn domain_names_do_not_end_sentences() {
        let text = "Об этом заявил Pravda.Ru военный политолог. Он добавил, что RT.com ошибается.";
        let got = sentences("ru", text);
        assert_eq!(
            got,
            [
                "Об этом заявил Pravda.Ru военный политолог.",
                "Он добавил, что RT.com ошибается."
            ]
        );
    }

    #[test]
    fn sentences_glued_by_scraping_stay_apart() {
        let got = sentences(
            "en",
            "The country is rich, he added.Graham is wrong, said X.",
        );
        assert_eq!(
            got,
            ["The country is rich, he added.", "Graham is wrong, said X."]
        );
    }

    #[test]
    fn russian_sentences_split() {
        let text = "Лавров заявил об этом в понедельник. Переговоры продолжатся.";
        assert_eq!(sentences("ru", text).len(), 2);
    }

    #[test]
    fn ranges_are_trimmed_and_ordered() {
        let text = "  One.   Two.  ";
        let ranges = SentenceSplitter::new("en").split(text);
        assert_eq!(
            ranges.iter().map(|&(s, e)| &text[s..e]).collect::<Vec<_>>(),
            ["One.", "Two."]
        );
        assert!(ranges.windows(2).all(|w| w[0].1 <= w[1].0));
    }
}
