//! [`EntityLinker`]: the `entities` stage.

use crate::base::ActorBase;
use crate::names::{self, NameRun, Token};
use crate::normalize::{fold, name_key, russian_forms, Folded};
use crate::{EntityConfig, EntityError};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use newslens_core::{Document, Entity, EntityKind, Layer, Span, Stage, StageError};
use std::collections::{HashMap, HashSet};

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone)]
enum Payload {
    /// An alias of an actor. `exact`: the alias is all capitals, or starts
    /// in lower case with a capital later, and must be written so; `upper`:
    /// the case its first letter must have.
    Alias {
        actor: usize,
        exact: Option<Box<str>>,
        upper: Option<bool>,
    },
    /// A form of a country/organisation used with office titles.
    Qualifier { of: usize },
    /// An office title (index into `titles`).
    Title { title: usize },
    /// A title template filled with a qualifier: one office.
    Fixed { role: usize, of: usize },
    /// A title standing alone for one office.
    Bare { role: usize, of: usize },
}

/// Connectors between a title and a following qualifier.
#[rustfmt::skip]
const CONNECTORS: &[&str] = &[
    " ", " of ", " of the ", " на ", " da ", " do ", " de ", " del ", " de la ", " dos ", " das ",
];
/// Words before a title that make it someone else than the office holder.
#[rustfmt::skip]
const NOT_CURRENT: &[&str] = &[
    "former", "ex", "then", "previous", "late", "outgoing", "incoming", "future", "acting",
    "deputy", "vice", "бывший", "бывшего", "бывшему", "экс", "бивш", "бившият", "бившия", "antigo",
    "ex-", "первый", "заместитель", "замглавы", "заместителя", "заместник", "заместника",
    "заступник", "заступника", "зам",
];
/// Single-word titles too vague to resolve without a qualifier.
#[rustfmt::skip]
const NEEDS_QUALIFIER: &[&str] = &[
    "chief", "head", "chair", "глава", "главы", "представитель", "representative", "envoy",
    "ambassador", "king", "queen", "premier", "ministro", "министр", "министър", "speaker",
];
/// Words a name gets glued to by bad extraction or translation.
#[rustfmt::skip]
const GLUE: &[&str] = &[
    "said", "says", "told", "added", "and", "has", "had", "was", "is", "who", "in", "on", "at",
    "to", "of", "the", "for", "with", "also", "will", "would", "wrote", "stated", "claimed",
    "noted", "stressed", "warned", "called", "urged", "met",
];

/// Links entity mentions to each other and to the actor base, and quote
/// speakers to entities. Build once; `process` is linear in the text.
pub struct EntityLinker {
    base: ActorBase,
    config: EntityConfig,
    ac: AhoCorasick,
    payloads: Vec<Vec<Payload>>,
    /// Folded title → roles having it.
    titles: Vec<(String, Vec<usize>)>,
    /// Name key of single-word person aliases → actor (`None`: ambiguous).
    surname_keys: HashMap<String, Option<usize>>,
    /// Folded single-word aliases of people (6+ letters) for glue/fuzzy.
    person_words: Vec<(String, usize)>,
    /// Deletion-neighbourhood index over `person_words`.
    fuzzy_index: HashMap<String, Vec<usize>>,
    /// Folded single-word aliases and qualifiers (never fuzzy-corrected).
    known_words: HashSet<String>,
    /// Single-word qualifiers as written ("Ukrainian"): not names.
    qualifier_words: HashSet<String>,
    /// Built-in first names and those of base people.
    first_names: HashSet<String>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn boundary_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

fn boundary_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_none_or(|c| !is_word_char(c))
}

fn deletions(w: &str) -> Vec<String> {
    let chars: Vec<char> = w.chars().collect();
    (0..chars.len())
        .map(|i| chars[..i].iter().chain(&chars[i + 1..]).collect())
        .collect()
}

/// Levenshtein distance, stopping early above 1.
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

/// The article's date as an ISO day (months and years padded to mid-period).
fn article_day(published: Option<&str>) -> Option<String> {
    let p = published?.trim();
    let b = p.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7) {
        if b.get(7) == Some(&b'-') && digits(8..10) {
            return Some(p[..10].to_string());
        }
        return Some(format!("{}-15", &p[..7]));
    }
    if digits(0..4) && (b.len() == 4 || !b[4].is_ascii_digit()) {
        return Some(format!("{}-07-01", &p[..4]));
    }
    None
}

/// What a speaker name resolves to.
enum NameMatch {
    /// An entity of the document.
    Entity(usize),
    /// A base actor the document does not name.
    Actor(usize),
}

/// A mention's target while a document is processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    Actor(usize),
    Group(usize),
}

/// A title phrase found in a text, in folded coordinates.
#[derive(Debug, Clone)]
struct Phrase {
    start: usize,
    end: usize,
    roles: Vec<usize>,
    of: Option<usize>,
}

/// Everything the automaton found in one folded text.
#[derive(Default)]
struct Found {
    /// (start, end, actor), folded coordinates, non-overlapping.
    aliases: Vec<(usize, usize, usize)>,
    phrases: Vec<Phrase>,
}

impl EntityLinker {
    /// Loads the actor base named by the config (or the bundled one) and
    /// builds the automaton.
    pub fn new(config: &EntityConfig) -> Result<Self, EntityError> {
        let base = match &config.actor_base {
            Some(path) => ActorBase::load(path)?,
            None => ActorBase::bundled()?,
        };
        Self::with_base(base, config)
    }

    /// Builds the stage over an already loaded actor base.
    pub fn with_base(base: ActorBase, config: &EntityConfig) -> Result<Self, EntityError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut payloads: Vec<Vec<Payload>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut add = |text: &str,
                       p: Payload,
                       patterns: &mut Vec<String>,
                       payloads: &mut Vec<Vec<Payload>>| {
            let key = fold(text.trim());
            if key.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                return;
            }
            let i = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                payloads.push(Vec::new());
                patterns.len() - 1
            });
            payloads[i].push(p);
        };

        let mut surname_keys: HashMap<String, Option<usize>> = HashMap::new();
        let mut person_words = Vec::new();
        let mut known_words = HashSet::new();
        let mut qualifier_words = HashSet::new();
        for (ai, actor) in base.actors().iter().enumerate() {
            for alias in &actor.aliases {
                let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
                let all_caps = letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase());
                let first = alias
                    .chars()
                    .next()
                    .filter(|c| c.is_uppercase() || c.is_lowercase());
                // "the West": a lower-case start with a capital later must
                // be written so ("the west of the country" is a direction).
                let mixed = first.is_some_and(char::is_lowercase)
                    && alias.chars().skip(1).any(char::is_uppercase);
                let payload = |form: &str| Payload::Alias {
                    actor: ai,
                    exact: (all_caps || mixed).then(|| form.into()),
                    upper: first.map(char::is_uppercase),
                };
                add(alias, payload(alias), &mut patterns, &mut payloads);
                if !all_caps {
                    for form in russian_forms(alias) {
                        add(&form, payload(&form), &mut patterns, &mut payloads);
                    }
                }
                if !alias.contains(' ') {
                    let folded = fold(alias);
                    known_words.insert(folded.clone());
                    if actor.kind == EntityKind::Person && !all_caps {
                        let key = name_key(alias);
                        let slot = surname_keys.entry(key).or_insert(Some(ai));
                        if *slot != Some(ai) {
                            *slot = None;
                        }
                        if folded.chars().count() >= 6 {
                            person_words.push((folded, ai));
                        }
                    }
                }
            }
        }

        // Offices present in the base: (role, of) pairs.
        let mut offices: HashSet<(usize, usize)> = HashSet::new();
        for a in base.actors() {
            for o in &a.offices {
                offices.insert((o.role, o.of));
            }
        }
        let office_of: HashSet<usize> = offices.iter().map(|&(_, of)| of).collect();
        for &of in &office_of {
            for q in &base.actors()[of].qualifiers {
                add(q, Payload::Qualifier { of }, &mut patterns, &mut payloads);
                if !q.contains(' ') {
                    known_words.insert(fold(q));
                    qualifier_words.insert(q.clone());
                }
            }
        }
        // Other qualifiers still are not names.
        for a in base.actors() {
            for q in &a.qualifiers {
                if !q.contains(' ') {
                    qualifier_words.insert(q.clone());
                }
            }
        }

        let mut titles: Vec<(String, Vec<usize>)> = Vec::new();
        let mut title_index: HashMap<String, usize> = HashMap::new();
        for (ri, role) in base.roles().iter().enumerate() {
            for t in &role.titles {
                if t.contains("{q}") {
                    for &(r, of) in &offices {
                        if r != ri {
                            continue;
                        }
                        for q in &base.actors()[of].qualifiers {
                            let text = t.replace("{q}", q);
                            add(
                                &text,
                                Payload::Fixed { role: ri, of },
                                &mut patterns,
                                &mut payloads,
                            );
                        }
                    }
                    continue;
                }
                let key = fold(t);
                let ti = *title_index.entry(key.clone()).or_insert_with(|| {
                    titles.push((key, Vec::new()));
                    titles.len() - 1
                });
                if !titles[ti].1.contains(&ri) {
                    titles[ti].1.push(ri);
                }
            }
        }
        for (ti, (t, _)) in titles.clone().iter().enumerate() {
            add(
                t,
                Payload::Title { title: ti },
                &mut patterns,
                &mut payloads,
            );
        }
        for p in base.phrases() {
            add(
                &p.text,
                Payload::Bare {
                    role: p.role,
                    of: p.of,
                },
                &mut patterns,
                &mut payloads,
            );
        }

        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| EntityError::Automaton(e.to_string()))?;

        let mut first_names = names::first_names();
        for a in base.actors() {
            if a.kind == EntityKind::Person {
                for alias in &a.aliases {
                    if let Some((first, _)) = alias.split_once(' ') {
                        first_names.insert(first.to_string());
                    }
                }
            }
        }
        let mut fuzzy_index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (w, _)) in person_words.iter().enumerate() {
            for k in std::iter::once(w.clone()).chain(deletions(w)) {
                fuzzy_index.entry(k).or_default().push(i);
            }
        }

        Ok(EntityLinker {
            base,
            config: config.clone(),
            ac,
            payloads,
            titles,
            surname_keys,
            person_words,
            fuzzy_index,
            known_words,
            qualifier_words,
            first_names,
        })
    }

    /// The actor base in use.
    pub fn base(&self) -> &ActorBase {
        &self.base
    }

    /// Runs the automaton over a folded text: non-overlapping alias matches
    /// and title phrases (unresolved).
    fn scan(&self, folded: &Folded, original: &str) -> Found {
        let text = folded.text.as_str();
        let mut aliases = Vec::new();
        let mut quals: Vec<(usize, usize, usize)> = Vec::new();
        let mut titles: Vec<(usize, usize, usize)> = Vec::new();
        let mut fixed: Vec<Phrase> = Vec::new();
        let mut bare: Vec<Phrase> = Vec::new();
        for m in self.ac.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            if !boundary_before(text, s) || !boundary_after(text, e) {
                continue;
            }
            for p in &self.payloads[m.pattern().as_usize()] {
                match p {
                    Payload::Alias {
                        actor,
                        exact,
                        upper,
                    } => {
                        let (os, oe) = folded.original(s, e);
                        let written = &original[os..oe];
                        let ok = match (exact, upper) {
                            (Some(x), _) => {
                                let letters = |t: &str| {
                                    t.chars()
                                        .filter(|c| c.is_alphanumeric())
                                        .collect::<String>()
                                };
                                letters(written) == letters(x)
                            }
                            (None, Some(u)) => written.chars().next().is_some_and(|c| {
                                if *u {
                                    c.is_uppercase()
                                } else {
                                    c.is_lowercase()
                                }
                            }),
                            (None, None) => true,
                        };
                        if ok {
                            aliases.push((s, e, *actor));
                        }
                    }
                    Payload::Qualifier { of } => quals.push((s, e, *of)),
                    Payload::Title { title } => titles.push((s, e, *title)),
                    Payload::Fixed { role, of } => fixed.push(Phrase {
                        start: s,
                        end: e,
                        roles: vec![*role],
                        of: Some(*of),
                    }),
                    Payload::Bare { role, of } => bare.push(Phrase {
                        start: s,
                        end: e,
                        roles: vec![*role],
                        of: Some(*of),
                    }),
                }
            }
        }
        let aliases = longest_first(aliases, |a| (a.0, a.1));
        let titles = greedy(titles, |t| (t.0, t.1));

        // Qualified titles: "Russian foreign minister", "NATO chief",
        // "министр обороны России", "Russia's top diplomat".
        let mut qualified: Vec<Phrase> = Vec::new();
        let mut unqualified: Vec<Phrase> = Vec::new();
        for &(ts, te, ti) in &titles {
            let roles = &self.titles[ti].1;
            let before = quals
                .iter()
                .filter(|q| q.1 <= ts && matches!(&text[q.1..ts], " " | "'s " | "' " | "-"))
                .min_by_key(|q| q.0);
            let after = quals
                .iter()
                .filter(|q| q.0 >= te && CONNECTORS.contains(&&text[te..q.0]))
                .max_by_key(|q| q.1);
            match (before, after) {
                (Some(q), _) => qualified.push(Phrase {
                    start: q.0,
                    end: te,
                    roles: roles.clone(),
                    of: Some(q.2),
                }),
                (None, Some(q)) => qualified.push(Phrase {
                    start: ts,
                    end: q.1,
                    roles: roles.clone(),
                    of: Some(q.2),
                }),
                (None, None) => unqualified.push(Phrase {
                    start: ts,
                    end: te,
                    roles: roles.clone(),
                    of: None,
                }),
            }
        }
        let mut chosen = greedy(qualified.into_iter().chain(fixed).collect(), |p| {
            (p.start, p.end)
        });
        let overlaps = |chosen: &[Phrase], p: &Phrase| {
            chosen.iter().any(|c| c.start < p.end && p.start < c.end)
        };
        for p in bare {
            if !overlaps(&chosen, &p) {
                chosen.push(p);
            }
        }
        for p in unqualified {
            let vague = NEEDS_QUALIFIER.contains(&&text[p.start..p.end]);
            if !vague && !overlaps(&chosen, &p) {
                chosen.push(p);
            }
        }
        chosen.sort_by_key(|p| p.start);
        Found {
            aliases,
            phrases: chosen,
        }
    }

    /// The office holder a phrase stands for on `day`: the only holder, or
    /// the only one of several that the document names elsewhere.
    fn resolve(&self, phrase: &Phrase, day: &str, mentioned: &HashSet<usize>) -> Option<usize> {
        let holders = self.base.holders(&phrase.roles, phrase.of, day);
        if phrase.of.is_some() && holders.len() == 1 {
            return Some(holders[0]);
        }
        let named: Vec<usize> = holders
            .into_iter()
            .filter(|h| mentioned.contains(h))
            .collect();
        (named.len() == 1).then(|| named[0])
    }

    /// Annotates one document (see the crate doc).
    pub fn link(&self, doc: &mut Document) {
        let text = doc.text.as_str();
        let folded = Folded::new(text);
        let found = self.scan(&folded, text);
        let day = article_day(doc.published.as_deref())
            .unwrap_or_else(|| self.base.latest_date().to_string());

        let starts: Vec<usize> = doc.sentences.iter().map(|s| s.span.start()).collect();
        let tokens = names::tokenize(text, &starts);

        // (start, end, target) in original coordinates.
        let mut mentions: Vec<(usize, usize, Target)> = found
            .aliases
            .iter()
            .map(|&(s, e, a)| {
                let (os, oe) = folded.original(s, e);
                (os, oe, Target::Actor(a))
            })
            .filter(|m| match m.2 {
                Target::Actor(a) if self.base.is_imported(a) => {
                    !inside_longer_name(text, &tokens, m.0, m.1)
                }
                _ => true,
            })
            .collect();
        let phrase_spans: Vec<(usize, usize)> = found
            .phrases
            .iter()
            .map(|p| folded.original(p.start, p.end))
            .collect();

        let mut covered = vec![false; tokens.len()];
        {
            let mut spans: Vec<(usize, usize)> = mentions
                .iter()
                .map(|m| (m.0, m.1))
                .chain(phrase_spans.iter().copied())
                .collect();
            spans.sort_unstable();
            mark_covered(&tokens, &spans, &mut covered);
        }

        // Glued and one-letter-off base names.
        if self.config.fuzzy {
            for (k, t) in tokens.iter().enumerate() {
                if covered[k] || !t.cap || t.all_caps {
                    continue;
                }
                if let Some((end, actor)) = self.fuzzy(text, t) {
                    // "David Schulz" is not Olaf Scholz: a known first name
                    // right before that is not the actor's own.
                    let other_first = k > 0 && t.tight && {
                        let p = &tokens[k - 1];
                        let first = &text[p.start..p.end];
                        p.cap
                            && self.first_names.contains(first)
                            && !self.base.actors()[actor]
                                .aliases
                                .iter()
                                .chain(std::iter::once(&self.base.actors()[actor].name))
                                .any(|n| n.starts_with(first))
                    };
                    if other_first {
                        continue;
                    }
                    mentions.push((t.start, end, Target::Actor(actor)));
                    covered[k] = true;
                }
            }
        }

        let mut groups: Vec<(String, EntityKind, Vec<String>)> = Vec::new();
        if self.config.unknown_names {
            let runs = names::find_runs(
                text,
                &tokens,
                &covered,
                &self.qualifier_words,
                &self.first_names,
            );
            self.place_runs(text, runs, &mut mentions, &mut groups);
        }

        // Title phrases, resolved against who the document names.
        let mentioned: HashSet<usize> = mentions
            .iter()
            .filter_map(|m| match m.2 {
                Target::Actor(a) if self.base.actors()[a].kind == EntityKind::Person => Some(a),
                _ => None,
            })
            .collect();
        for (p, &(os, oe)) in found.phrases.iter().zip(&phrase_spans) {
            let target = if not_current(text, os) {
                None
            } else {
                self.resolve(p, &day, &mentioned)
            };
            // "Ukraine's foreign minister, Dmytro Kuleba, said": the title
            // is a mention of the person named between the commas, whoever
            // held the office on the article's day. Two words at least:
            // "президента РФ, Москва, как и ранее" holds a place there.
            if let Some((ns, ne, _)) = comma_apposition(text, oe).filter(|a| a.2 >= 2) {
                let named = mentions
                    .iter()
                    .find(|m| m.0 == ns && m.1 == ne && self.is_person(&m.2, &groups))
                    .map(|m| m.2);
                if let Some(t) = named {
                    mentions.push((os, oe, t));
                }
                continue;
            }
            if let Some(a) = target {
                if !apposition(text, oe) {
                    mentions.push((os, oe, Target::Actor(a)));
                }
            }
        }

        let entities = build_entities(text, &self.base, mentions, &groups);
        doc.entities = entities;
        self.link_speakers(doc, &day);
    }

    /// Whether a mention's target is a person (a base person, or a group
    /// of unknown names taken for a person).
    fn is_person(&self, t: &Target, groups: &[(String, EntityKind, Vec<String>)]) -> bool {
        match *t {
            Target::Actor(a) => self.base.actors()[a].kind == EntityKind::Person,
            Target::Group(g) => groups.get(g).is_some_and(|g| g.1 == EntityKind::Person),
        }
    }

    /// A capitalised token that is a base person's single-word alias glued to
    /// a common word, or one edit away from one.
    fn fuzzy(&self, text: &str, t: &Token) -> Option<(usize, usize)> {
        let word = &text[t.start..t.end];
        let end = names::strip_possessive(text, t.start, t.end);
        let folded = fold(&text[t.start..end]);
        if folded.chars().count() < 6 || self.known_words.contains(&folded) {
            return None;
        }
        // Glued: "Zelenskysaid" (ASCII only, so folded and original bytes agree).
        if word.is_ascii() {
            for (w, a) in &self.person_words {
                if folded.len() > w.len()
                    && folded.starts_with(w.as_str())
                    && GLUE.contains(&&folded[w.len()..])
                {
                    return Some((t.start + w.len(), *a));
                }
            }
        }
        let mut hits: Vec<usize> = Vec::new();
        for k in std::iter::once(folded.clone()).chain(deletions(&folded)) {
            if let Some(list) = self.fuzzy_index.get(&k) {
                for &i in list {
                    let (w, a) = &self.person_words[i];
                    let same_start = w.chars().next() == folded.chars().next();
                    let suffix_variant =
                        folded.starts_with(w.as_str()) || w.starts_with(folded.as_str());
                    if same_start
                        && !suffix_variant
                        && within_one_edit(w, &folded)
                        && !hits.contains(a)
                    {
                        hits.push(*a);
                    }
                }
            }
        }
        (hits.len() == 1).then(|| (end, hits[0]))
    }

    /// Unknown names: link to base people by transliteration key, attach
    /// first names to a following base surname, group the rest.
    fn place_runs(
        &self,
        text: &str,
        runs: Vec<NameRun>,
        mentions: &mut Vec<(usize, usize, Target)>,
        groups: &mut Vec<(String, EntityKind, Vec<String>)>,
    ) {
        // Last words of base people's mentions: "Lloyd Austin" … "Austin".
        let mut doc_surnames: HashMap<String, Option<usize>> = HashMap::new();
        for m in mentions.iter() {
            if let Target::Actor(a) = m.2 {
                if self.base.actors()[a].kind == EntityKind::Person {
                    if let Some(last) = text[m.0..m.1].split_whitespace().last() {
                        let slot = doc_surnames.entry(name_key(last)).or_insert(Some(a));
                        if *slot != Some(a) {
                            *slot = None;
                        }
                    }
                }
            }
        }
        // Base person mentions by start, to attach "Volodymyr Oleksandrovych" + "Zelensky".
        let mut by_start: HashMap<usize, usize> = HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            by_start.insert(m.0, i);
        }
        // Multi-word person groups by the key of their last word.
        let mut last_word_groups: HashMap<String, Vec<usize>> = HashMap::new();
        let mut key_groups: HashMap<String, usize> = HashMap::new();
        let mut pending_single: Vec<(usize, usize, String, Option<EntityKind>)> = Vec::new();
        for run in runs {
            // First names right before a base person mention.
            let gap_end =
                run.end + text[run.end..].len() - text[run.end..].trim_start_matches(' ').len();
            if let Some(&mi) = by_start.get(&gap_end) {
                if let Target::Actor(a) = mentions[mi].2 {
                    if self.base.actors()[a].kind == EntityKind::Person
                        && gap_end > run.end
                        && gap_end - run.end <= 2
                    {
                        mentions[mi].0 = run.start;
                        continue;
                    }
                }
            }
            let (ls, le) = *run.words.last().expect("runs have words");
            let last_key = name_key(&text[ls..le]);
            // The surname of a base person named in full earlier in the text.
            if run.words.len() == 1 && run.kind.is_none_or(|k| k == EntityKind::Person) {
                if let Some(Some(a)) = doc_surnames.get(&last_key) {
                    mentions.push((run.start, run.end, Target::Actor(*a)));
                    continue;
                }
            }
            if run.kind != Some(EntityKind::Organization) && run.kind != Some(EntityKind::Location)
            {
                if let Some(Some(a)) = self.surname_keys.get(&last_key) {
                    let actor = &self.base.actors()[*a];
                    let initial_ok = run.words.len() == 1
                        || fold(&text[run.words[0].0..run.words[0].1]).chars().next()
                            == fold(&actor.name).chars().next();
                    if initial_ok {
                        mentions.push((run.start, run.end, Target::Actor(*a)));
                        continue;
                    }
                }
            }
            let written = &text[run.start..run.end];
            if run.words.len() == 1 {
                pending_single.push((run.start, run.end, last_key, run.kind));
                continue;
            }
            let key = run
                .words
                .iter()
                .map(|&(s, e)| name_key(&text[s..e]))
                .collect::<Vec<_>>()
                .join(" ");
            let gi = *key_groups.entry(key).or_insert_with(|| {
                groups.push((written.to_string(), EntityKind::Other, Vec::new()));
                groups.len() - 1
            });
            note_kind(&mut groups[gi], run.kind);
            if groups[gi].0.len() < written.len() {
                groups[gi].0 = written.to_string();
            }
            if run.kind.is_none_or(|k| k == EntityKind::Person) {
                let lw = last_word_groups.entry(last_key).or_default();
                if !lw.contains(&gi) {
                    lw.push(gi);
                }
            }
            mentions.push((run.start, run.end, Target::Group(gi)));
        }
        // Single words: a surname of a multi-word name in the document, or a
        // group of their own.
        for (s, e, key, kind) in pending_single {
            let gi = match last_word_groups.get(&key) {
                Some(list) if list.len() == 1 => list[0],
                _ => *key_groups.entry(key).or_insert_with(|| {
                    groups.push((text[s..e].to_string(), EntityKind::Other, Vec::new()));
                    groups.len() - 1
                }),
            };
            note_kind(&mut groups[gi], kind);
            mentions.push((s, e, Target::Group(gi)));
        }
        for g in groups.iter_mut() {
            g.1 = decide_kind(&g.2);
        }
        drop_common_words(text, mentions, groups);
    }

    /// Links each quote's speaker to an entity.
    fn link_speakers(&self, doc: &mut Document, day: &str) {
        let Document {
            text,
            entities,
            quotes,
            ..
        } = doc;
        let mentioned: HashSet<usize> = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .filter_map(|e| e.actor.as_deref().and_then(|id| self.base.index_of(id)))
            .collect();
        for q in quotes.iter_mut() {
            let Some(sp) = q.speaker.as_mut() else {
                continue;
            };
            let (s, e) = (sp.span.start(), sp.span.end());
            // A person named (capitalised) inside the speaker phrase wins
            // over anything else in it ("официалният представител на руското външно
            // министерство Мария Захарова"); a place is the speaker only
            // when it is most of the phrase ("Moscow said"), not a
            // qualifier ("посол России в Нидерландах", "Indiana voters").
            let mut best: Option<(bool, usize, usize, usize)> = None; // named person, overlap, len, entity
            let mut oblique: Vec<String> = Vec::new();
            for (ei, ent) in entities.iter().enumerate() {
                let person = ent.kind == EntityKind::Person;
                for m in &ent.mentions {
                    let ov = m.end().min(e).saturating_sub(m.start().max(s));
                    let exact_empty = sp.span.is_empty() && m.start() <= s && s < m.end();
                    if ov == 0 && !exact_empty {
                        continue;
                    }
                    // Nor an unclassified name hanging on the title by
                    // "of" ("a ministra do Ambiente" is not "Ambiente").
                    if qualifier(text, ent.kind, m.start()) && !exact_empty && ov * 2 < e - s {
                        continue;
                    }
                    // "Trump's campaign manager", "the spokesman for
                    // Hillary Clinton": a person the phrase's head noun
                    // depends on did not speak.
                    // (An organisation stays: "a spokesman for the
                    // Pentagon" speaks for it.)
                    if (person || (ent.kind == EntityKind::Other && person_shaped(m.slice(text))))
                        && dependent_person(text, s, e, m.start(), m.end())
                    {
                        continue;
                    }
                    // "Пресс-секретарь Путина", "Советник Зеленского": a
                    // base person's name in an oblique case is not the
                    // subject.
                    if person && s < m.start() && self.oblique_mention(ent, m.slice(text)) {
                        oblique.push(fold(m.slice(text).unwrap_or_default()));
                        continue;
                    }
                    // A title phrase ("премиерът на страната") resolved to
                    // a person is no better than the organisation beside it.
                    let named = person
                        && text[m.start()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase);
                    let cand = (named, ov, m.len(), ei);
                    if best.is_none_or(|b| (cand.0, cand.1, cand.2) > (b.0, b.1, b.2)) {
                        best = Some(cand);
                    }
                }
            }
            let mut chosen = best.map(|b| b.3);
            // "Ukraine's foreign minister, Dmytro Kuleba, said": the person
            // named in apposition, when no person is named inside.
            if !best.is_some_and(|b| b.0) {
                if let Some((a, b, _)) = comma_apposition(text, e) {
                    let named = entities.iter().position(|ent| {
                        ent.kind == EntityKind::Person
                            && ent.mentions.iter().any(|m| m.start() == a && m.end() == b)
                    });
                    if named.is_some() {
                        chosen = named;
                        sp.name = None;
                    }
                }
            }
            // The quotes stage named the phrase by that same oblique form.
            if chosen.is_none()
                && sp
                    .name
                    .as_deref()
                    .is_some_and(|n| oblique.contains(&fold(n)))
            {
                sp.name = None;
            }
            if chosen.is_none() {
                if let Some(name) = sp.name.as_deref() {
                    match self.entity_for_name(text, entities, name, day, &mentioned) {
                        // "a ministra do Ambiente": a place, or an unclassified
                        // name hanging on the title by "of", that is a small
                        // part of the phrase is not who spoke.
                        Some(NameMatch::Entity(i))
                            if entities[i].mentions.iter().any(|m| {
                                qualifier(text, entities[i].kind, m.start())
                                    && s <= m.start()
                                    && m.end() <= e
                                    && m.len() * 2 < e - s
                            }) =>
                        {
                            sp.name = None;
                        }
                        Some(NameMatch::Entity(i)) => chosen = Some(i),
                        Some(NameMatch::Actor(a)) => {
                            // Known to the base but not named in the text:
                            // the canonical name, no entity.
                            sp.name = Some(self.base.actors()[a].name.clone());
                        }
                        None => {}
                    }
                }
            }
            if let Some(ei) = chosen {
                sp.entity = Some(ei);
                let ent = &entities[ei];
                if ent.actor.is_some() || sp.name.is_none() {
                    sp.name = Some(ent.name.clone());
                }
            }
        }
    }

    /// Whether `mention` of the base person `ent` is written in an oblique
    /// case of a Cyrillic alias ("Путина", "Зеленского"), not as an alias
    /// itself (a nominative: "Путин", "Мария Захарова").
    fn oblique_mention(&self, ent: &Entity, mention: Option<&str>) -> bool {
        let (Some(id), Some(m)) = (ent.actor.as_deref(), mention) else {
            return false;
        };
        self.base
            .index_of(id)
            .is_some_and(|a| self.oblique_form(a, m))
    }

    /// Whether `m` is an oblique-case form of a Cyrillic alias of the base
    /// actor `a`, not an alias itself.
    fn oblique_form(&self, a: usize, m: &str) -> bool {
        let actor = &self.base.actors()[a];
        let f = fold(m);
        !actor.aliases.iter().any(|a| fold(a) == f)
            && actor
                .aliases
                .iter()
                .any(|a| russian_forms(a).iter().any(|form| fold(form) == f))
    }

    /// The entity a resolved speaker name refers to: same canonical name or
    /// mention text, a base alias, a surname, or a title phrase.
    fn entity_for_name(
        &self,
        text: &str,
        entities: &[Entity],
        name: &str,
        day: &str,
        mentioned: &HashSet<usize>,
    ) -> Option<NameMatch> {
        let f = fold(
            name.trim()
                .trim_start_matches("the ")
                .trim_start_matches("The "),
        );
        if f.is_empty() {
            return None;
        }
        for (i, e) in entities.iter().enumerate() {
            if fold(&e.name) == f
                || e.mentions
                    .iter()
                    .any(|m| m.slice(text).is_some_and(|t| fold(t) == f))
            {
                return Some(NameMatch::Entity(i));
            }
        }
        // Through the base: aliases and title phrases inside the name (not
        // a person the name's head depends on: "Mr. Rubio's campaign
        // manager").
        let folded = Folded::new(name);
        let found = self.scan(&folded, name);
        let persons: Vec<(usize, bool)> = found
            .aliases
            .iter()
            .filter(|a| self.base.actors()[a.2].kind == EntityKind::Person)
            .map(|a| {
                let (ms, me) = folded.original(a.0, a.1);
                let depends = dependent_person(name, 0, name.len(), ms, me)
                    || (ms > 0 && self.oblique_form(a.2, &name[ms..me]));
                (a.2, depends)
            })
            .collect();
        let mut actor = persons.iter().find(|p| !p.1).map(|p| p.0);
        // "Пресс-секретарь Путина": a title whose holder is given by a
        // person it depends on is not resolved by the title alone (it
        // would name any spokesperson the text mentions).
        let dependent = persons.iter().any(|p| p.1);
        if actor.is_none() && !dependent {
            if let Some(p) = found.phrases.first() {
                actor = self.resolve(p, day, mentioned);
            }
        }
        if let Some(a) = actor {
            let id = &self.base.actors()[a].id;
            return match entities
                .iter()
                .position(|e| e.actor.as_deref() == Some(id.as_str()))
            {
                Some(i) => Some(NameMatch::Entity(i)),
                None => Some(NameMatch::Actor(a)),
            };
        }
        // A surname of a person entity.
        let last = name.split_whitespace().last().map(name_key)?;
        let hits: Vec<usize> = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.kind == EntityKind::Person
                    && e.name.split_whitespace().last().map(name_key).as_deref()
                        == Some(last.as_str())
            })
            .map(|(i, _)| i)
            .collect();
        (hits.len() == 1).then(|| NameMatch::Entity(hits[0]))
    }
}

fn note_kind(g: &mut (String, EntityKind, Vec<String>), kind: Option<EntityKind>) {
    if let Some(k) = kind {
        g.2.push(k.name().to_string());
    }
}

/// A group's kind: the most frequent cue (person first on ties), then
/// organisation, then place; "other" without cues.
fn decide_kind(cues: &[String]) -> EntityKind {
    let count = |k: EntityKind| cues.iter().filter(|c| c.as_str() == k.name()).count();
    let (p, o, l) = (
        count(EntityKind::Person),
        count(EntityKind::Organization),
        count(EntityKind::Location),
    );
    if p > 0 && p >= o && p >= l {
        EntityKind::Person
    } else if o > 0 && o >= l {
        EntityKind::Organization
    } else if l > 0 {
        EntityKind::Location
    } else {
        EntityKind::Other
    }
}

/// Drops the mentions of one-word names of no known kind that the text also
/// writes in lower case: common words capitalised in a title-case phrase or
/// for emphasis ("Former Intelligence Officer and Expert on Weapons …",
/// "NUCLEAR"), which capitalisation alone took for names.
fn drop_common_words(
    text: &str,
    mentions: &mut Vec<(usize, usize, Target)>,
    groups: &[(String, EntityKind, Vec<String>)],
) {
    let suspect: Vec<bool> = groups
        .iter()
        .map(|g| g.1 == EntityKind::Other && !g.0.contains(char::is_whitespace))
        .collect();
    if !suspect.contains(&true) {
        return;
    }
    // Words written with no capital letter.
    let lower: HashSet<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().any(char::is_uppercase))
        .collect();
    let common: Vec<bool> = groups
        .iter()
        .zip(&suspect)
        .map(|(g, &s)| s && lower.contains(g.0.to_lowercase().as_str()))
        .collect();
    mentions.retain(|m| !matches!(m.2, Target::Group(g) if common[g]));
}

/// Whether the words `start..end` are glued (by spaces only) to a name-like
/// word before or after them: "Mexico" in "New Mexico" or "Mexico City".
fn inside_longer_name(text: &str, tokens: &[Token], start: usize, end: usize) -> bool {
    let first = tokens.partition_point(|t| t.start < start);
    let after = tokens.partition_point(|t| t.start < end);
    let before_glued = first > 0
        && tokens
            .get(first)
            .is_some_and(|t| t.tight && t.start == start)
        && names::nameish(text, &tokens[first - 1]);
    let after_glued = tokens
        .get(after)
        .is_some_and(|t| t.tight && names::nameish(text, t));
    before_glued || after_glued
}

/// Choice of non-overlapping items, longest first (then leftmost), in text
/// order: of two aliases overlapping in part, the longer wins — "West Bank"
/// over "the West" in "the West Bank" (leftmost-first took "the West" and
/// left "Bank").
fn longest_first<T>(mut items: Vec<T>, span: impl Fn(&T) -> (usize, usize)) -> Vec<T> {
    items.sort_by_key(|i| {
        let (s, e) = span(i);
        (std::cmp::Reverse(e - s), s)
    });
    // Chosen spans by start; a candidate is free when it overlaps neither
    // the chosen span starting before it nor the one starting at or after.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut out = Vec::with_capacity(items.len());
    for i in items {
        let (s, e) = span(&i);
        let before = taken
            .range(..=s)
            .next_back()
            .is_some_and(|(_, &end)| end > s);
        let after = taken.range(s..).next().is_some_and(|(&start, _)| start < e);
        if !before && !after {
            taken.insert(s, e);
            out.push(i);
        }
    }
    out.sort_by_key(|i| span(i).0);
    out
}

/// Greedy choice of non-overlapping items: leftmost first, longest first.
fn greedy<T>(mut items: Vec<T>, span: impl Fn(&T) -> (usize, usize)) -> Vec<T> {
    items.sort_by_key(|i| {
        let (s, e) = span(i);
        (s, std::cmp::Reverse(e))
    });
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    let mut last_end = 0;
    for i in items {
        let (s, e) = span(&i);
        if out.is_empty() || s >= last_end {
            last_end = e;
            out.push(i);
        }
    }
    out
}

/// Marks tokens overlapping any of `spans` (sorted by start).
fn mark_covered(tokens: &[Token], spans: &[(usize, usize)], covered: &mut [bool]) {
    let mut j = 0;
    for (k, t) in tokens.iter().enumerate() {
        while j < spans.len() && spans[j].1 <= t.start {
            j += 1;
        }
        let mut m = j;
        while m < spans.len() && spans[m].0 < t.end {
            if spans[m].1 > t.start {
                covered[k] = true;
                break;
            }
            m += 1;
        }
    }
}

/// Whether the word before `at` makes the title someone else's ("former").
fn not_current(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '-']);
    let before = before.strip_suffix("the").unwrap_or(before).trim_end();
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    NOT_CURRENT.contains(&word.as_str())
        || text[..at].to_lowercase().ends_with("ex-")
        || text[..at].to_lowercase().ends_with("then-")
}

/// Whether a capitalised name follows `at` right away ("Foreign Minister
/// Sergei Lavrov"): the title is then an apposition, not a mention. (A name
/// between commas, "Ukraine's foreign minister, Dmytro Kuleba, said", makes
/// the title that person's: see [`comma_apposition`].)
fn apposition(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    let trimmed = rest.trim_start_matches(' ');
    if trimmed.len() == rest.len() || rest.len() - trimmed.len() > 2 {
        return false;
    }
    let word: String = trimmed
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect();
    word.chars().next().is_some_and(char::is_uppercase)
        && !matches!(word.as_str(), "The" | "In" | "On" | "And" | "But" | "A")
}

/// Whether a mention of `kind` at byte `at` inside a speaker phrase can
/// only qualify it: a place ("посол России в Нидерландах"), or an
/// unclassified name hanging on the title by "of" ("a ministra do
/// Ambiente").
fn qualifier(text: &str, kind: EntityKind, at: usize) -> bool {
    kind == EntityKind::Location || (kind == EntityKind::Other && after_of(text, at))
}

/// Whether the person mentioned at `ms..me` inside the speaker phrase
/// `s..e` of `text` is not the speaker but what the phrase's head depends
/// on: a possessive with words after it ("Trump's campaign manager"), or
/// a name after a preposition that follows a lower-case word ("the
/// spokesman for Hillary Clinton", "an adviser to Clinton", "говорителят
/// на Путин"; not "Secretary of State John Kerry").
fn dependent_person(text: &str, s: usize, e: usize, ms: usize, me: usize) -> bool {
    let (Some(phrase_before), Some(after)) = (text.get(s..ms), text.get(me..e)) else {
        return false;
    };
    // "Clinton's campaign", "Obama's administration" speak for the person
    // ("Trump's campaign manager" does not: the phrase's last word is
    // its head).
    let possessive = ["'s ", "’s ", "' ", "’ "]
        .iter()
        .find_map(|p| after.strip_prefix(p))
        .filter(|rest| rest.chars().next().is_some_and(char::is_alphabetic))
        .is_some_and(|rest| {
            let head = rest.split_whitespace().last().unwrap_or("").to_lowercase();
            !matches!(
                head.trim_end_matches(|c: char| !c.is_alphanumeric()),
                "campaign" | "camp" | "team" | "administration" | "government" | "office"
            )
        });
    if possessive {
        return true;
    }
    // An abbreviated honorific before the name ("for Mr. Clinton") is
    // stepped over.
    let mut words = phrase_before
        .split_whitespace()
        .rev()
        .skip_while(|w| w.ends_with('.') && w.len() <= 5 && w.starts_with(char::is_uppercase));
    let mut prep = words.next().unwrap_or("").to_lowercase();
    if matches!(prep.as_str(), "the" | "a") {
        prep = words.next().unwrap_or("").to_lowercase();
    }
    let head = words.next().unwrap_or("");
    // "the words of X", "мнението на X": X is the source.
    let source_head = matches!(
        head.to_lowercase().as_str(),
        "words" | "opinion" | "view" | "думите" | "мнението" | "словам" | "мнению" | "слова"
    );
    matches!(
        prep.as_str(),
        "for" | "of" | "to" | "at" | "with" | "from" | "на" | "от"
    ) && head.chars().next().is_some_and(char::is_lowercase)
        && !source_head
}

/// Whether an unclassified name looks like a person's: two capitalised
/// words, neither an acronym nor an organisation's last word ("Hillary
/// Clinton", not "Heart Foundation", "СМО" or "World Weather Attribution").
fn person_shaped(mention: Option<&str>) -> bool {
    let Some(m) = mention else {
        return false;
    };
    let words: Vec<&str> = m.split_whitespace().collect();
    words.len() == 2
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
        })
        && !names::is_org_word(words[1])
}

/// Whether the word before byte `at` is a preposition "of" ("do
/// Ambiente", "of the Interior", "на Кремъл"), possibly with an article.
fn after_of(text: &str, at: usize) -> bool {
    let mut words = text[..at].split_whitespace().rev();
    let mut w = words.next().unwrap_or("").to_lowercase();
    if matches!(w.as_str(), "the" | "o" | "a" | "os" | "as" | "el" | "la") {
        w = words.next().unwrap_or("").to_lowercase();
    }
    matches!(
        w.as_str(),
        "of" | "do" | "da" | "dos" | "das" | "de" | "del" | "на"
    )
}

/// The byte range and word count of a capitalised name of one to four
/// words between a comma right after `at` and a closing comma or dash
/// ("…minister, Dmytro Kuleba, said"), or `None`.
fn comma_apposition(text: &str, at: usize) -> Option<(usize, usize, usize)> {
    let rest = text.get(at..)?;
    let after = rest.strip_prefix(',')?;
    let name = after.trim_start_matches(' ');
    if after.len() - name.len() != 1 {
        return None;
    }
    let start = at + 1 + 1;
    let mut words = 0;
    let mut end = start;
    for word in name.split(' ') {
        let bare = word.trim_end_matches([',', '—', '–']);
        if !bare.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        words += 1;
        end += bare.len();
        if bare.len() < word.len() {
            // The closing comma or dash.
            return (words <= 4).then_some((start, end, words));
        }
        if words == 4 {
            return None;
        }
        end += 1;
    }
    None
}

/// Turns mentions into entities ordered by first mention.
fn build_entities(
    text: &str,
    base: &ActorBase,
    mut mentions: Vec<(usize, usize, Target)>,
    groups: &[(String, EntityKind, Vec<String>)],
) -> Vec<Entity> {
    mentions.sort_unstable_by_key(|m| (m.0, m.1));
    mentions.dedup_by_key(|m| (m.0, m.1, m.2));
    let mut order: Vec<Target> = Vec::new();
    let mut index: HashMap<Target, usize> = HashMap::new();
    let mut spans: Vec<Vec<Span>> = Vec::new();
    for (s, e, t) in mentions {
        let Ok(span) = Span::within(text, s, e) else {
            continue;
        };
        if span.is_empty() {
            continue;
        }
        let i = *index.entry(t).or_insert_with(|| {
            order.push(t);
            spans.push(Vec::new());
            order.len() - 1
        });
        if !spans[i].contains(&span) {
            spans[i].push(span);
        }
    }
    order
        .into_iter()
        .zip(spans)
        .map(|(t, mentions)| match t {
            Target::Actor(a) => {
                let actor = &base.actors()[a];
                Entity {
                    name: actor.name.clone(),
                    kind: actor.kind,
                    mentions,
                    actor: Some(actor.id.clone()),
                }
            }
            Target::Group(g) => Entity {
                name: groups[g].0.clone(),
                kind: groups[g].1,
                mentions,
                actor: None,
            },
        })
        .collect()
}

impl Stage for EntityLinker {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn reads(&self) -> &'static [Layer] {
        &[
            Layer::Text,
            Layer::Lang,
            Layer::Metadata,
            Layer::Sentences,
            Layer::Quotes,
        ]
    }

    fn writes(&self) -> &'static [Layer] {
        &[Layer::Entities, Layer::Quotes]
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        self.link(doc);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
