//! [`Quote`]: who said what — a quoted or reported statement and its speaker.

use crate::Span;
use std::borrow::Cow;

/// How a statement is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// Whole quoted sentence(s) inside quote marks.
    Direct,
    /// A quoted fragment inside a reported sentence.
    Partial,
    /// Reported speech without quote marks ("X said that …").
    Indirect,
}

impl QuoteKind {
    pub fn name(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// The speaker of a quote as written next to it, and who that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The words naming the speaker in the text ("he", "the ambassador", "Lavrov").
    pub span: Span,
    /// The resolved name (through pronouns, titles and aliases), if known.
    pub name: Option<String>,
    /// Index into `Document::entities`, once entities exist.
    pub entity: Option<usize>,
}

/// A quoted or reported statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The content, without the quote marks.
    pub span: Span,
    pub kind: QuoteKind,
    /// The speech verb or phrase ("said", "according to").
    pub cue: Option<Span>,
    pub speaker: Option<Speaker>,
    /// The date the statement was made, when the text states it
    /// ("Lavrov told reporters on Oct. 12"), as an ISO 8601 value.
    pub said_on: Option<String>,
    /// Stretches inside `span` that are not the statement: the cue and
    /// quote marks between the parts of a quote split around its
    /// attribution ("“A,” she said, “B.”"). In order, inside `span`, not
    /// overlapping; empty for a quote in one piece.
    pub gaps: Vec<Span>,
}

impl Quote {
    /// The statement's parts: `span` without its `gaps`.
    pub fn parts(&self) -> Vec<Span> {
        let mut out = Vec::with_capacity(self.gaps.len() + 1);
        let mut at = self.span.start();
        for gap in &self.gaps {
            if gap.start() >= at && gap.end() <= self.span.end() {
                if let Ok(part) = Span::new(at, gap.start()) {
                    out.push(part);
                }
                at = gap.end();
            }
        }
        if let Ok(part) = Span::new(at, self.span.end()) {
            out.push(part);
        }
        out.retain(|p| !p.is_empty());
        out
    }

    /// What was said, as text: the span's text, or for a split quote its
    /// parts joined by " … " (each trimmed of spaces and of the commas
    /// and quote marks left at the break).
    pub fn text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let whole = self.span.slice(text).unwrap_or("");
        if self.gaps.is_empty() {
            return Cow::Borrowed(whole);
        }
        let trim = |s: &'t str| {
            s.trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '‘' | '’')
            })
            .trim_end_matches(',')
        };
        let pieces: Vec<&str> = self
            .parts()
            .iter()
            .filter_map(|p| p.slice(text))
            .map(trim)
            .filter(|p| !p.is_empty())
            .collect();
        Cow::Owned(pieces.join(" … "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_quote(text: &str) -> Quote {
        // “A,” she said, “B.” — content from A to B, the attribution a gap.
        let s = text.find("We").unwrap();
        let e = text.rfind('.').unwrap() + 1;
        let gs = text.find(',').unwrap() + 1;
        let ge = text.find("But").unwrap();
        Quote {
            span: Span::within(text, s, e).unwrap(),
            kind: QuoteKind::Direct,
            cue: None,
            speaker: None,
            said_on: None,
            gaps: vec![Span::within(text, gs, ge).unwrap()],
        }
    }

    #[test]
    fn a_split_quote_reads_without_its_attribution() {
        let text = "“We are ready to talk,” the minister said. “But the terms must be clear.”";
        let q = split_quote(text);
        assert_eq!(
            q.text(text),
            "We are ready to talk … But the terms must be clear."
        );
        assert_eq!(q.parts().len(), 2);
    }

    #[test]
    fn a_quote_in_one_piece_is_its_span() {
        let text = "He said: “We are ready.”";
        let s = text.find("We").unwrap();
        let q = Quote {
            span: Span::within(text, s, s + "We are ready.".len()).unwrap(),
            kind: QuoteKind::Direct,
            cue: None,
            speaker: None,
            said_on: None,
            gaps: Vec::new(),
        };
        assert_eq!(q.text(text), "We are ready.");
        assert_eq!(q.parts(), vec![q.span]);
    }

    #[test]
    fn gaps_outside_the_span_are_ignored() {
        let text = "“We are ready to talk,” the minister said. “But the terms must be clear.”";
        let mut q = split_quote(text);
        q.gaps = vec![Span::new(0, 1).unwrap()];
        assert_eq!(q.parts(), vec![q.span]);
    }
}
