//! The scanner: tokens of one sentence, the date grammar over their
//! [`Meaning`]s, and resolution against the article date with `chrono`.

use crate::lexicon::{Lexicon, Meaning, Unit};
use chrono::{Datelike, Days, Months, NaiveDate};
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    /// A run of ASCII digits: its value (saturating) and digit count.
    Num(u32, u8),
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    start: usize,
    end: usize,
    kind: Kind,
    meaning: Option<Meaning>,
    /// The word starts with an uppercase letter.
    cap: bool,
}

/// A calendar value before formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Val {
    Day(NaiveDate),
    Month(i32, u32),
    Year(i32),
    Week(i32, u32),
    /// From a start value to the article date.
    Since(Inner, NaiveDate),
    /// A range of days ("July 9-12").
    Range(NaiveDate, NaiveDate),
}

/// The start of a `since` interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Inner {
    Day(NaiveDate),
    Month(i32, u32),
    Year(i32),
}

impl Val {
    pub(crate) fn is_interval(&self) -> bool {
        matches!(self, Val::Since(..) | Val::Range(..))
    }

    pub(crate) fn write(&self, out: &mut String) {
        // Writing to a String cannot fail.
        let _ = match *self {
            Val::Day(d) => write!(out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Val::Month(y, m) => write!(out, "{y:04}-{m:02}"),
            Val::Year(y) => write!(out, "{y:04}"),
            Val::Week(y, w) => write!(out, "{y:04}-W{w:02}"),
            Val::Range(a, b) => {
                Val::Day(a).write(out);
                out.push('/');
                Val::Day(b).write(out);
                Ok(())
            }
            Val::Since(inner, end) => {
                match inner {
                    Inner::Day(d) => Val::Day(d).write(out),
                    Inner::Month(y, m) => Val::Month(y, m).write(out),
                    Inner::Year(y) => Val::Year(y).write(out),
                }
                out.push('/');
                Val::Day(end).write(out);
                Ok(())
            }
        };
    }
}

/// One found expression: byte range in the text, value, whether the article
/// date was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub val: Val,
    pub relative: bool,
}

/// Parses the article's `published` string: `YYYY-MM-DD`, optionally followed
/// by a time (`T…` or ` …`).
pub(crate) fn parse_published(published: Option<&str>) -> Option<NaiveDate> {
    let s = published?.trim();
    let day = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c == '\u{301}'
}

/// Splits `text` (a sentence starting at byte `base` of the document) into
/// tokens, appending to `out`. `lower` is a reused buffer.
pub(crate) fn tokenize(
    text: &str,
    base: usize,
    lex: &Lexicon,
    out: &mut Vec<Tok>,
    lower: &mut String,
) {
    let bytes = text.as_bytes();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            let mut value: u32 = u32::from(bytes[i] - b'0');
            let mut digits: u8 = 1;
            while end < bytes.len() && bytes[end].is_ascii_digit() {
                value = value
                    .saturating_mul(10)
                    .saturating_add(u32::from(bytes[end] - b'0'));
                digits = digits.saturating_add(1);
                end += 1;
                iter.next();
            }
            out.push(Tok {
                start: base + i,
                end: base + end,
                kind: Kind::Num(value, digits),
                meaning: None,
                cap: false,
            });
        } else if is_word_char(c) {
            let mut end = i + c.len_utf8();
            // Letters, plus ' ’ - joining letters ("п'ятницю", "segunda-feira").
            while let Some(&(j, d)) = iter.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else if matches!(d, '\'' | '’' | '-') {
                    let next = text[j + d.len_utf8()..].chars().next();
                    if next.is_some_and(is_word_char) {
                        end = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let word = &text[i..end];
            lower.clear();
            for ch in word.chars() {
                lower.extend(ch.to_lowercase());
            }
            let mut meaning = lex.get(lower);
            if meaning.is_none() {
                // "July's", "Today’s": the word without the possessive.
                for suffix in ["'s", "’s"] {
                    if let Some(stem) = lower.strip_suffix(suffix) {
                        if let Some(m) = lex.get(stem) {
                            meaning = Some(m);
                            end -= suffix.len();
                        }
                    }
                }
            }
            if meaning.is_none() {
                // "mid-February": the part after the hyphen.
                if let Some(rest) = lower.strip_prefix("mid-") {
                    meaning = lex.get(rest).filter(|m| matches!(m, Meaning::Month(_)));
                }
            }
            let cap = c.is_uppercase() || lower.starts_with("mid-");
            out.push(Tok {
                start: base + i,
                end: base + end,
                kind: Kind::Word,
                meaning,
                cap,
            });
        } else if !c.is_whitespace() {
            out.push(Tok {
                start: base + i,
                end: base + i + c.len_utf8(),
                kind: Kind::Punct(c),
                meaning: None,
                cap: false,
            });
        }
    }
}

/// The grammar over one sentence's tokens.
pub(crate) struct Scanner<'a> {
    pub toks: &'a [Tok],
    pub lex: &'a Lexicon,
    pub anchor: Option<NaiveDate>,
}

/// How a weekday or month name is modified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Bare,
    Last,
    This,
    Next,
}

fn mode_of(m: Option<Meaning>) -> Option<Mode> {
    match m? {
        Meaning::Last => Some(Mode::Last),
        Meaning::This => Some(Mode::This),
        Meaning::Next => Some(Mode::Next),
        _ => None,
    }
}

impl Scanner<'_> {
    /// Every expression of the sentence, in order, without overlaps.
    pub(crate) fn scan(&self, out: &mut Vec<Found>) {
        let mut i = 0;
        while i < self.toks.len() {
            match self.at(i) {
                Some((end, found)) => {
                    out.push(found);
                    i = end.max(i + 1);
                }
                None => i += 1,
            }
        }
    }

    fn meaning(&self, i: usize) -> Option<Meaning> {
        self.toks.get(i).and_then(|t| t.meaning)
    }

    fn num(&self, i: usize) -> Option<(u32, u8)> {
        match self.toks.get(i)?.kind {
            Kind::Num(v, d) => Some((v, d)),
            _ => None,
        }
    }

    fn punct(&self, i: usize, c: char) -> bool {
        matches!(self.toks.get(i), Some(t) if t.kind == Kind::Punct(c))
    }

    /// Tokens `i` and `i + 1` touch (no space between).
    fn adjacent(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// A count: digits (1–99) or a number word.
    fn count(&self, i: usize) -> Option<u32> {
        if let Some((v, d)) = self.num(i) {
            return (d <= 2 && v > 0).then_some(v);
        }
        match self.meaning(i)? {
            Meaning::Num(n) => Some(n),
            _ => None,
        }
    }

    fn unit(&self, i: usize) -> Option<Unit> {
        match self.meaning(i)? {
            Meaning::Unit(u) => Some(u),
            _ => None,
        }
    }

    /// A full month name at `i` (capitalised in English).
    fn month(&self, i: usize) -> Option<u32> {
        let tok = self.toks.get(i)?;
        match tok.meaning? {
            Meaning::Month(m) if tok.cap || !self.lex.capitalised_names => Some(m),
            _ => None,
        }
    }

    /// A full or abbreviated month name at `i`, with an optional dot after an
    /// abbreviation; returns the month and the next token index.
    fn month_any(&self, i: usize) -> Option<(u32, usize)> {
        if let Some(m) = self.month(i) {
            return Some((m, i + 1));
        }
        let tok = self.toks.get(i)?;
        match tok.meaning? {
            Meaning::MonthAbbr(m) if tok.cap || !self.lex.capitalised_names => {
                let next = if self.punct(i + 1, '.') && self.adjacent(i) {
                    i + 2
                } else {
                    i + 1
                };
                Some((m, next))
            }
            _ => None,
        }
    }

    fn weekday(&self, i: usize) -> Option<u32> {
        let tok = self.toks.get(i)?;
        match tok.meaning? {
            Meaning::Weekday(d) if tok.cap || !self.lex.capitalised_names => Some(d),
            _ => None,
        }
    }

    /// A four-digit year 1800–2100 at `i`.
    fn year(&self, i: usize) -> Option<i32> {
        match self.num(i)? {
            (v, 4) if (1800..=2100).contains(&v) => Some(v as i32),
            _ => None,
        }
    }

    /// Skips "году", "г.", "року", "р." after a year.
    fn after_year(&self, i: usize) -> usize {
        match self.meaning(i) {
            Some(Meaning::Unit(Unit::Year)) => i + 1,
            Some(Meaning::YearAbbr) if self.punct(i + 1, '.') => i + 2,
            Some(Meaning::YearAbbr) => i + 1,
            _ => i,
        }
    }

    /// Whether the token before `i` licenses a bare month, year or weekday.
    fn licensed(&self, i: usize) -> bool {
        i > 0
            && matches!(
                self.meaning(i - 1),
                Some(Meaning::Prep | Meaning::Of | Meaning::Since)
            )
    }

    fn start(&self, i: usize) -> usize {
        self.toks[i].start
    }

    fn end(&self, i: usize) -> usize {
        self.toks[i].end
    }

    fn found(&self, first: usize, next: usize, val: Val, relative: bool) -> (usize, Found) {
        (
            next,
            Found {
                start: self.start(first),
                end: self.end(next - 1),
                val,
                relative,
            },
        )
    }

    /// The expression starting at token `i`, if any: (next token, found).
    fn at(&self, i: usize) -> Option<(usize, Found)> {
        match self.meaning(i) {
            Some(Meaning::Since) => {
                if let Some((next, inner)) = self.core(i + 1, true) {
                    let start = match inner.val {
                        Val::Day(d) => Inner::Day(d),
                        Val::Month(y, m) => Inner::Month(y, m),
                        Val::Year(y) => Inner::Year(y),
                        _ => return Some((next, inner)),
                    };
                    return Some(match self.anchor {
                        Some(anchor) if start_before(start, anchor) => {
                            self.found(i, next, Val::Since(start, anchor), true)
                        }
                        // Without an article date the start alone is still known.
                        _ => (next, inner),
                    });
                }
                None
            }
            Some(Meaning::Earlier) => {
                if mode_of(self.meaning(i + 1)) == Some(Mode::This) {
                    let (next, f) = self.core(i + 1, false)?;
                    return Some(self.found(i, next, f.val, f.relative));
                }
                None
            }
            Some(Meaning::AgoPrefix) => {
                let n = self.count(i + 1)?;
                let unit = self.unit(i + 2)?;
                let val = self.ago(n, unit)?;
                Some(self.found(i, i + 3, val, true))
            }
            _ => self.core(i, self.licensed(i)),
        }
    }

    /// Expressions that do not start with "since" or "earlier".
    fn core(&self, i: usize, licensed: bool) -> Option<(usize, Found)> {
        let tok = self.toks.get(i)?;
        if let Kind::Num(v, digits) = tok.kind {
            return self.numeric(i, v, digits, licensed);
        }
        let meaning = tok.meaning?;
        match meaning {
            Meaning::Month(_) | Meaning::MonthAbbr(_) => self.month_first(i, licensed),
            Meaning::Weekday(_) => self.weekday_expr(i, licensed),
            Meaning::Last | Meaning::This | Meaning::Next => self.modified(i),
            Meaning::Unit(unit) => {
                // "la semana pasada", "el año pasado".
                let mode = mode_of(self.meaning(i + 1))?;
                let val = self.unit_rel(unit, mode)?;
                Some(self.found(i, i + 2, val, true))
            }
            Meaning::DayRel(offset) => {
                if offset == 1 && i > 0 && self.meaning(i - 1) == Some(Meaning::NotTomorrow) {
                    return None;
                }
                let day = shift_days(self.anchor?, i64::from(offset))?;
                Some(self.found(i, i + 1, Val::Day(day), true))
            }
            Meaning::YearRel(offset) => {
                let y = self.anchor?.year() + offset;
                Some(self.found(i, i + 1, Val::Year(y), true))
            }
            Meaning::Num(n) => {
                let unit = self.unit(i + 1)?;
                if self.meaning(i + 2) != Some(Meaning::Ago) {
                    return None;
                }
                let val = self.ago(n, unit)?;
                Some(self.found(i, i + 3, val, true))
            }
            _ => None,
        }
    }

    fn numeric(&self, i: usize, v: u32, digits: u8, licensed: bool) -> Option<(usize, Found)> {
        // 2023-05-14
        if digits == 4
            && self.punct(i + 1, '-')
            && self.adjacent(i)
            && self.adjacent(i + 1)
            && self.adjacent(i + 2)
            && self.punct(i + 3, '-')
            && self.adjacent(i + 3)
        {
            if let (Some((m, 1..=2)), Some((d, 1..=2))) = (self.num(i + 2), self.num(i + 4)) {
                if !self.continues_number(i + 4) {
                    let day = NaiveDate::from_ymd_opt(v as i32, m, d)?;
                    return Some(self.found(i, i + 5, Val::Day(day), false));
                }
            }
            return None;
        }
        // 14.05.2023, 14/05/2023 (not in English)
        if (1..=2).contains(&digits) {
            for sep in ['.', '/'] {
                if sep == '/' && !self.lex.slash_day_first {
                    continue;
                }
                if self.punct(i + 1, sep)
                    && self.punct(i + 3, sep)
                    && (i..i + 4).all(|k| self.adjacent(k))
                {
                    if let (Some((m, 1..=2)), Some(y)) = (self.num(i + 2), self.year(i + 4)) {
                        if self.continues_number(i + 4) {
                            return None;
                        }
                        let day = NaiveDate::from_ymd_opt(y, m, v)?;
                        let next = self.after_year(i + 5);
                        return Some(self.found(i, next, Val::Day(day), false));
                    }
                    return None;
                }
            }
            // 4 December 2023, 12 мая, 12 de mayo de 2023, 4th of December
            let mut k = i + 1;
            if self.meaning(k) == Some(Meaning::Ordinal) && self.adjacent(i) {
                k += 1;
            } else if self.punct(k, '.') && self.adjacent(i) {
                // German-style "4. December" is rare; Bulgarian/Russian "4." no.
                return None;
            }
            if self.meaning(k) == Some(Meaning::Of) {
                k += 1;
            }
            if let Some((m, mut next)) = self.month_any(k) {
                if !(1..=31).contains(&v) {
                    return None;
                }
                let mut year = None;
                let mut y_at = next;
                if self.punct(y_at, ',') {
                    y_at += 1;
                }
                if self.meaning(y_at) == Some(Meaning::Of) {
                    y_at += 1;
                }
                if let Some(y) = self.year(y_at) {
                    year = Some(y);
                    next = self.after_year(y_at + 1);
                }
                return self.day_month(i, next, year, m, v);
            }
        }
        // Ago: "2 days ago"
        if let Some(n) = self.count(i) {
            if let Some(unit) = self.unit(i + 1) {
                if self.meaning(i + 2) == Some(Meaning::Ago) {
                    let val = self.ago(n, unit)?;
                    return Some(self.found(i, i + 3, val, true));
                }
            }
        }
        // in 2022, в 2022 году
        if digits == 4 {
            let y = self.year(i)?;
            let next = self.after_year(i + 1);
            let year_word = next > i + 1;
            // "the year 2045"
            let after_unit = i > 0 && self.meaning(i - 1) == Some(Meaning::Unit(Unit::Year));
            // "the 2020 election", "a 2019 council race": a determiner, then a word.
            let modifier = i > 0
                && matches!(self.meaning(i - 1), Some(Meaning::Det | Meaning::Num(1)))
                && (1900..2100).contains(&y)
                && self.toks.get(i + 1).is_some_and(|t| {
                    t.kind == Kind::Word && t.meaning.is_none_or(|m| m == Meaning::Of)
                });
            // "the 2000s", "2020th": letters glued to the number.
            let glued =
                self.adjacent(i) && self.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Word);
            if (licensed || year_word || after_unit || modifier)
                && !glued
                && !self.continues_number(i)
            {
                return Some(self.found(i, next, Val::Year(y), false));
            }
        }
        None
    }

    /// Whether the number at `i` goes on as a longer number or code
    /// ("2023-05-14-7", "2022.5", "2014/15").
    fn continues_number(&self, i: usize) -> bool {
        self.adjacent(i)
            && self
                .toks
                .get(i + 1)
                .is_some_and(|t| matches!(t.kind, Kind::Punct('-' | '.' | '/' | ',' | ':')))
            && self.adjacent(i + 1)
            && self.num(i + 2).is_some()
    }

    /// A day and month, with or without a year.
    fn day_month(
        &self,
        first: usize,
        next: usize,
        year: Option<i32>,
        m: u32,
        d: u32,
    ) -> Option<(usize, Found)> {
        match year {
            Some(y) => {
                let day = NaiveDate::from_ymd_opt(y, m, d)?;
                Some(self.found(first, next, Val::Day(day), false))
            }
            None => {
                let day = nearest_year(self.anchor?, m, d)?;
                Some(self.found(first, next, Val::Day(day), true))
            }
        }
    }

    /// Expressions starting with a month name.
    fn month_first(&self, i: usize, licensed: bool) -> Option<(usize, Found)> {
        let (m, k) = self.month_any(i)?;
        let abbr = matches!(self.meaning(i), Some(Meaning::MonthAbbr(_)));
        // July 9-12: an interval of days.
        if let (Some((d, 1..=2)), Some((d2, 1..=2))) = (self.num(k), self.num(k + 2)) {
            if self.punct(k + 1, '-') && self.adjacent(k) && self.adjacent(k + 1) && d < d2 {
                let mut next = k + 3;
                let mut y_at = next;
                if self.punct(y_at, ',') {
                    y_at += 1;
                }
                let (first, last, relative) = match self.year(y_at) {
                    Some(y) => {
                        next = self.after_year(y_at + 1);
                        let first = NaiveDate::from_ymd_opt(y, m, d)?;
                        (first, NaiveDate::from_ymd_opt(y, m, d2)?, false)
                    }
                    None => {
                        let first = nearest_year(self.anchor?, m, d)?;
                        let last = NaiveDate::from_ymd_opt(first.year(), m, d2)?;
                        (first, last, true)
                    }
                };
                return Some(self.found(i, next, Val::Range(first, last), relative));
            }
        }
        // Dec. 4, December 4, 2023, December 4th
        if let Some((d, 1..=2)) = self.num(k) {
            if (1..=31).contains(&d) && !self.continues_number(k) {
                let mut next = k + 1;
                if self.meaning(next) == Some(Meaning::Ordinal) && self.adjacent(k) {
                    next += 1;
                }
                let mut y_at = next;
                if self.punct(y_at, ',') {
                    y_at += 1;
                }
                let mut year = None;
                if let Some(y) = self.year(y_at) {
                    year = Some(y);
                    next = self.after_year(y_at + 1);
                }
                return self.day_month(i, next, year, m, d);
            }
        }
        // December 2023, mayo de 2023
        let mut y_at = k;
        if self.punct(y_at, ',') || self.meaning(y_at) == Some(Meaning::Of) {
            y_at += 1;
        }
        if let Some(y) = self.year(y_at) {
            let next = self.after_year(y_at + 1);
            return Some(self.found(i, next, Val::Month(y, m), false));
        }
        if abbr || !licensed {
            return None;
        }
        // in February
        let (y, m) = month_rel(self.anchor?, m, Mode::Bare);
        Some(self.found(i, i + 1, Val::Month(y, m), true))
    }

    /// "Monday", "on Monday", "Monday, March 6", "el lunes pasado".
    fn weekday_expr(&self, i: usize, licensed: bool) -> Option<(usize, Found)> {
        let wd = self.weekday(i)?;
        // A full date after the weekday carries the value.
        let mut k = i + 1;
        if self.punct(k, ',') {
            k += 1;
        }
        if let Some((next, f)) = self.core(k, false) {
            if matches!(f.val, Val::Day(_))
                && (self.num(k).is_some() || self.month_any(k).is_some())
            {
                return Some(self.found(i, next, f.val, f.relative));
            }
        }
        if self.lex.weekday_needs_prep && !licensed {
            return None;
        }
        let (mode, next) = match mode_of(self.meaning(i + 1)) {
            Some(Mode::Last) => (Mode::Last, i + 2),
            _ => (Mode::Bare, i + 1),
        };
        let day = weekday_rel(self.anchor?, wd, mode)?;
        Some(self.found(i, next, Val::Day(day), true))
    }

    /// "last week", "this month", "next year", "last Monday", "next February",
    /// "на прошлой неделе", "минулого тижня".
    fn modified(&self, i: usize) -> Option<(usize, Found)> {
        let mode = mode_of(self.meaning(i))?;
        let anchor = self.anchor?;
        if let Some(unit) = self.unit(i + 1) {
            let val = self.unit_rel(unit, mode)?;
            return Some(self.found(i, i + 2, val, true));
        }
        if let Some(wd) = self.weekday(i + 1) {
            let day = weekday_rel(anchor, wd, mode)?;
            return Some(self.found(i, i + 2, Val::Day(day), true));
        }
        if let Some(m) = self.month(i + 1) {
            let (y, m) = month_rel(anchor, m, mode);
            return Some(self.found(i, i + 2, Val::Month(y, m), true));
        }
        None
    }

    fn unit_rel(&self, unit: Unit, mode: Mode) -> Option<Val> {
        let anchor = self.anchor?;
        let step: i32 = match mode {
            Mode::Last => -1,
            Mode::Next => 1,
            Mode::This | Mode::Bare => 0,
        };
        Some(match unit {
            Unit::Day => return None,
            Unit::Week => {
                let day = shift_days(anchor, 7 * i64::from(step))?;
                let w = day.iso_week();
                Val::Week(w.year(), w.week())
            }
            Unit::Month => {
                let (y, m) = add_months(anchor, step)?;
                Val::Month(y, m)
            }
            Unit::Year => Val::Year(anchor.year() + step),
        })
    }

    /// "two days ago", "hace dos semanas", "3 years ago".
    fn ago(&self, n: u32, unit: Unit) -> Option<Val> {
        let anchor = self.anchor?;
        let n = i64::from(n);
        Some(match unit {
            Unit::Day => Val::Day(shift_days(anchor, -n)?),
            Unit::Week => {
                let w = shift_days(anchor, -7 * n)?.iso_week();
                Val::Week(w.year(), w.week())
            }
            Unit::Month => {
                let (y, m) = add_months(anchor, -(n as i32))?;
                Val::Month(y, m)
            }
            Unit::Year => Val::Year(anchor.year() - n as i32),
        })
    }
}

fn shift_days(day: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        day.checked_add_days(Days::new(n as u64))
    } else {
        day.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// The (year, month) `step` months from `day`'s month.
fn add_months(day: NaiveDate, step: i32) -> Option<(i32, u32)> {
    let first = day.with_day(1)?;
    let moved = if step >= 0 {
        first.checked_add_months(Months::new(step as u32))?
    } else {
        first.checked_sub_months(Months::new(step.unsigned_abs()))?
    };
    Some((moved.year(), moved.month()))
}

/// A weekday relative to the article date: bare = the most recent on or
/// before it, last = strictly before, next = strictly after.
fn weekday_rel(anchor: NaiveDate, wd: u32, mode: Mode) -> Option<NaiveDate> {
    let today = anchor.weekday().num_days_from_monday();
    match mode {
        Mode::Bare | Mode::This => shift_days(anchor, -i64::from((today + 7 - wd) % 7)),
        Mode::Last => {
            let back = match (today + 7 - wd) % 7 {
                0 => 7,
                b => b,
            };
            shift_days(anchor, -i64::from(back))
        }
        Mode::Next => {
            let ahead = match (wd + 7 - today) % 7 {
                0 => 7,
                a => a,
            };
            shift_days(anchor, i64::from(ahead))
        }
    }
}

/// A month name relative to the article month: bare = the most recent not
/// after it, last = strictly before, next = strictly after.
fn month_rel(anchor: NaiveDate, m: u32, mode: Mode) -> (i32, u32) {
    let (y, cur) = (anchor.year(), anchor.month());
    let year = match mode {
        Mode::Bare | Mode::This => {
            if m <= cur {
                y
            } else {
                y - 1
            }
        }
        Mode::Last => {
            if m < cur {
                y
            } else {
                y - 1
            }
        }
        Mode::Next => {
            if m > cur {
                y
            } else {
                y + 1
            }
        }
    };
    (year, m)
}

/// How far ahead of the article date a year-less day may fall before the
/// previous year's is taken instead (news mostly reports the past).
const FUTURE_DAYS: i64 = 45;

/// A day and month without a year: the next such date when it is at most
/// [`FUTURE_DAYS`] after the article date, otherwise the most recent one on or
/// before it. Invalid days (February 30) give `None`.
fn nearest_year(anchor: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let y = anchor.year();
    let mut past = None;
    for year in [y - 1, y, y + 1] {
        let Some(day) = NaiveDate::from_ymd_opt(year, m, d) else {
            continue;
        };
        let ahead = (day - anchor).num_days();
        if ahead <= 0 {
            past = Some(day);
        } else if ahead <= FUTURE_DAYS {
            return Some(day);
        }
    }
    past
}

fn start_before(start: Inner, anchor: NaiveDate) -> bool {
    match start {
        Inner::Day(d) => d <= anchor,
        Inner::Month(y, m) => (y, m) <= (anchor.year(), anchor.month()),
        Inner::Year(y) => y <= anchor.year(),
    }
}
