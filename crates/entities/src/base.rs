//! [`ActorBase`]: the curated people, organisations and places, with their
//! aliases and dated offices, parsed from a TOML file.

use crate::countries::WorldCountries;
use crate::normalize::fold;
use crate::EntityError;
use newslens_core::EntityKind;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The actor base compiled into the crate (`data/actors.toml`).
pub const BUNDLED_TOML: &str = include_str!("../data/actors.toml");
const BUNDLED_NAME: &str = "data/actors.toml (bundled)";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBase {
    #[serde(default)]
    role: Vec<RawRole>,
    #[serde(default)]
    phrase: Vec<RawPhrase>,
    #[serde(default)]
    actor: Vec<RawActor>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    id: toml::Spanned<String>,
    titles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhrase {
    text: toml::Spanned<String>,
    role: String,
    of: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RawKind {
    Person,
    Organization,
    Location,
    Other,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    id: toml::Spanned<String>,
    name: String,
    kind: RawKind,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    qualifiers: Vec<String>,
    #[serde(default)]
    offices: Vec<RawOffice>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOffice {
    role: String,
    of: String,
    from: String,
    #[serde(default)]
    to: Option<String>,
}

/// An office type ("foreign-minister") and the phrases naming it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub id: String,
    /// Title phrases; those holding `{q}` are templates.
    pub titles: Vec<String>,
}

/// A title that stands alone for one office ("Secretary of State" → US).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarePhrase {
    pub text: String,
    /// Index into [`ActorBase::roles`].
    pub role: usize,
    /// Index into [`ActorBase::actors`].
    pub of: usize,
}

/// One term in one office: `from` inclusive, `to` exclusive (the successor's
/// first day), ISO days; `to == None` while in office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// Index into [`ActorBase::roles`].
    pub role: usize,
    /// Index into [`ActorBase::actors`]: the country or organisation.
    pub of: usize,
    pub from: String,
    pub to: Option<String>,
}

impl Office {
    /// Whether the term covers the ISO day `date`.
    pub fn covers(&self, date: &str) -> bool {
        self.from.as_str() <= date && self.to.as_deref().is_none_or(|to| date < to)
    }
}

/// One curated actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub qualifiers: Vec<String>,
    pub offices: Vec<Office>,
}

/// The curated data, loaded once and shared by every document.
#[derive(Debug, Clone)]
pub struct ActorBase {
    actors: Vec<Actor>,
    roles: Vec<Role>,
    phrases: Vec<BarePhrase>,
    by_id: HashMap<String, usize>,
    /// The latest date the base mentions: the reference day for articles
    /// without a date.
    latest: String,
    /// Actors from this index on were added by
    /// [`ActorBase::with_world_countries`], not curated.
    imported_from: usize,
}

/// A term seen while checking overlaps: from, to, holder.
type Term = (String, Option<String>, String);

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Whether `s` is an ISO day `YYYY-MM-DD` with a plausible month and day.
fn is_iso_day(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month: u8 = s[5..7].parse().unwrap_or(0);
    let day: u8 = s[8..10].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

impl ActorBase {
    /// The actor base bundled with the crate.
    pub fn bundled() -> Result<Self, EntityError> {
        Self::parse(BUNDLED_TOML, BUNDLED_NAME).map(Self::with_world_countries)
    }

    /// The base plus every ISO 3166 country it lacks, as a place with its
    /// names in the task languages ([`WorldCountries`]).
    pub fn with_world_countries(mut self) -> Self {
        let known: HashSet<String> = self
            .actors
            .iter()
            .flat_map(|a| a.aliases.iter().map(|s| fold(s)))
            .collect();
        let ids: HashSet<String> = self.actors.iter().map(|a| a.id.clone()).collect();
        self.imported_from = self.actors.len();
        for actor in WorldCountries::actors(&known, &ids, fold) {
            self.by_id.insert(actor.id.clone(), self.actors.len());
            self.actors.push(actor);
        }
        self
    }

    /// Reads an actor base from a TOML file.
    pub fn load(path: &Path) -> Result<Self, EntityError> {
        let text = std::fs::read_to_string(path).map_err(|source| EntityError::Io {
            file: path.display().to_string(),
            source,
        })?;
        Self::parse(&text, &path.display().to_string()).map(Self::with_world_countries)
    }

    /// Parses and checks an actor base; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Self, EntityError> {
        let raw: RawBase = toml::from_str(text).map_err(|e| EntityError::Parse {
            file: file.to_string(),
            line: e.span().map(|s| line_of(text, s.start)).unwrap_or(0),
            message: e.message().to_string(),
        })?;
        let invalid = |offset: usize, message: String| EntityError::Invalid {
            file: file.to_string(),
            line: line_of(text, offset),
            message,
        };

        let mut roles = Vec::new();
        let mut role_index = HashMap::new();
        for r in raw.role {
            let id = r.id.get_ref().clone();
            if role_index.insert(id.clone(), roles.len()).is_some() {
                return Err(invalid(
                    r.id.span().start,
                    format!("duplicate role id `{id}`"),
                ));
            }
            roles.push(Role {
                id,
                titles: r.titles,
            });
        }

        let mut by_id = HashMap::new();
        for (i, a) in raw.actor.iter().enumerate() {
            let id = a.id.get_ref();
            if id.is_empty() {
                return Err(invalid(a.id.span().start, "empty actor id".into()));
            }
            if by_id.insert(id.clone(), i).is_some() {
                return Err(invalid(
                    a.id.span().start,
                    format!("duplicate actor id `{id}`"),
                ));
            }
        }

        let mut latest = String::from("0000-00-00");
        let mut actors = Vec::with_capacity(raw.actor.len());
        // (role, of) -> terms seen so far, with the actor holding each.
        let mut terms: HashMap<(usize, usize), Vec<Term>> = HashMap::new();
        for a in &raw.actor {
            let at = a.id.span().start;
            let id = a.id.get_ref();
            if a.name.trim().is_empty() {
                return Err(invalid(at, format!("actor `{id}` has an empty name")));
            }
            let mut offices = Vec::new();
            for o in &a.offices {
                let role = *role_index.get(&o.role).ok_or_else(|| {
                    invalid(at, format!("actor `{id}`: unknown role `{}`", o.role))
                })?;
                let of = *by_id.get(&o.of).ok_or_else(|| {
                    invalid(
                        at,
                        format!("actor `{id}`: office of unknown actor `{}`", o.of),
                    )
                })?;
                for d in std::iter::once(&o.from).chain(o.to.as_ref()) {
                    if !is_iso_day(d) {
                        return Err(invalid(
                            at,
                            format!("actor `{id}`: `{d}` is not an ISO day (YYYY-MM-DD)"),
                        ));
                    }
                    if *d > latest {
                        latest = d.clone();
                    }
                }
                if o.to.as_ref().is_some_and(|to| *to <= o.from) {
                    return Err(invalid(
                        at,
                        format!("actor `{id}`: office ends before it starts"),
                    ));
                }
                let seen = terms.entry((role, of)).or_default();
                for (from, to, holder) in seen.iter() {
                    let overlap = o.to.as_ref().is_none_or(|t| from < t)
                        && to.as_ref().is_none_or(|t| o.from < *t);
                    if overlap {
                        return Err(invalid(
                            at,
                            format!(
                                "actor `{id}`: term {}..{} as `{}` of `{}` overlaps `{holder}`'s",
                                o.from,
                                o.to.as_deref().unwrap_or(""),
                                o.role,
                                o.of
                            ),
                        ));
                    }
                }
                seen.push((o.from.clone(), o.to.clone(), id.clone()));
                offices.push(Office {
                    role,
                    of,
                    from: o.from.clone(),
                    to: o.to.clone(),
                });
            }
            let mut aliases: Vec<String> = Vec::new();
            let mut seen_alias = HashSet::new();
            for s in std::iter::once(&a.name).chain(&a.aliases) {
                let s = s.trim();
                if !s.is_empty() && seen_alias.insert(s.to_string()) {
                    aliases.push(s.to_string());
                }
            }
            actors.push(Actor {
                id: id.clone(),
                name: a.name.clone(),
                kind: match a.kind {
                    RawKind::Person => EntityKind::Person,
                    RawKind::Organization => EntityKind::Organization,
                    RawKind::Location => EntityKind::Location,
                    RawKind::Other => EntityKind::Other,
                },
                aliases,
                qualifiers: a.qualifiers.clone(),
                offices,
            });
        }

        let mut phrases = Vec::new();
        for p in raw.phrase {
            let at = p.text.span().start;
            let role = *role_index
                .get(&p.role)
                .ok_or_else(|| invalid(at, format!("phrase: unknown role `{}`", p.role)))?;
            let of = *by_id
                .get(&p.of)
                .ok_or_else(|| invalid(at, format!("phrase: unknown actor `{}`", p.of)))?;
            phrases.push(BarePhrase {
                text: p.text.into_inner(),
                role,
                of,
            });
        }

        Ok(ActorBase {
            actors,
            roles,
            phrases,
            by_id,
            latest,
            imported_from: usize::MAX,
        })
    }

    /// Whether actor `i` was imported ([`ActorBase::with_world_countries`])
    /// rather than curated.
    pub fn is_imported(&self, i: usize) -> bool {
        i >= self.imported_from
    }

    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    pub fn phrases(&self) -> &[BarePhrase] {
        &self.phrases
    }

    /// The actor with this id.
    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| &self.actors[i])
    }

    /// Index of the actor with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The latest date stated anywhere in the base: the reference day used
    /// when an article has no date (so the current holder wins).
    pub fn latest_date(&self) -> &str {
        &self.latest
    }

    /// Actors (indices) holding any of `roles` of `of` on `date`; every
    /// country/organisation when `of` is `None`.
    pub fn holders(&self, roles: &[usize], of: Option<usize>, date: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, a) in self.actors.iter().enumerate() {
            let holds = a.offices.iter().any(|o| {
                roles.contains(&o.role) && of.is_none_or(|of| o.of == of) && o.covers(date)
            });
            if holds {
                out.push(i);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_base_parses_and_is_large_enough() {
        let base = ActorBase::bundled().unwrap();
        assert!(base.actors().len() >= 150, "{}", base.actors().len());
        let people = base
            .actors()
            .iter()
            .filter(|a| a.kind == EntityKind::Person)
            .count();
        assert!(people >= 100, "{people}");
        // parse() refuses duplicate ids and overlapping terms; check again
        // here so that a weakened check is noticed.
        let mut ids = HashSet::new();
        for a in base.actors() {
            assert!(ids.insert(&a.id), "duplicate id {}", a.id);
        }
        for a in base.actors() {
            for o in &a.offices {
                for b in base.actors() {
                    for p in &b.offices {
                        if std::ptr::eq(o, p) || o.role != p.role || o.of != p.of {
                            continue;
                        }
                        let overlap = o.to.as_ref().is_none_or(|t| p.from < *t)
                            && p.to.as_ref().is_none_or(|t| o.from < *t);
                        assert!(!overlap, "{} and {} overlap", a.id, b.id);
                    }
                }
            }
        }
    }

    #[test]
    fn holders_follow_the_date() {
        let base = ActorBase::bundled().unwrap();
        let fm = base
            .roles()
            .iter()
            .position(|r| r.id == "foreign-minister")
            .unwrap();
        let ua = base.index_of("ukraine");
        let who = |d: &str| {
            base.holders(&[fm], ua, d)
                .into_iter()
                .map(|i| base.actors()[i].id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(who("2023-03-10"), ["kuleba"]);
        assert_eq!(who("2024-10-01"), ["sybiha"]);
        assert_eq!(who("2024-09-05"), ["sybiha"]);
        assert_eq!(who("2024-09-04"), ["kuleba"]);
    }

    #[test]
    fn bad_file_names_file_and_line() {
        let text = "[[role]]\nid = \"x\"\ntitles = []\n\n[[actor]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\noffices = [{ role = \"nope\", of = \"a\", from = \"2020-01-01\" }]\n";
        let err = ActorBase::parse(text, "test.toml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("test.toml:6"), "{msg}");
        assert!(msg.contains("unknown role"), "{msg}");

        let err = ActorBase::parse(
            "[[actor]]\nid = \"a\"\nkind = \"robot\"\nname = \"A\"\n",
            "t.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("t.toml:3"), "{err}");
    }

    #[test]
    fn overlapping_terms_are_refused() {
        let text = r#"
[[role]]
id = "p"
titles = ["president"]

[[actor]]
id = "c"
name = "C"
kind = "location"

[[actor]]
id = "a"
name = "A"
kind = "person"
offices = [{ role = "p", of = "c", from = "2020-01-01", to = "2022-01-01" }]

[[actor]]
id = "b"
name = "B"
kind = "person"
offices = [{ role = "p", of = "c", from = "2021-06-01" }]
"#;
        let err = ActorBase::parse(text, "o.toml").unwrap_err().to_string();
        assert!(err.contains("overlaps"), "{err}");
        assert!(err.contains("o.toml:18"), "{err}");
    }
}
