//! [`WorldCountries`]: every country of ISO 3166, added to the actor base as
//! a place with its names in the task languages, so that "Denmark",
//! "Дания", "Данию" and "डेनमार्क" are one entity, typed as a place, and its
//! nationality adjective ("Danish") is not taken for a name.
//!
//! The names come from the `keshvar` crate (ISO 3166 data with CLDR-style
//! translations, maintained upstream) rather than a list written here: 249
//! countries × seven languages is data, not judgement. The curated base
//! wins: a country one of whose names is already an alias in the base
//! (Russia, Ukraine, Georgia …) is left to the base's entry, which has the
//! offices and qualifiers.

use crate::base::Actor;
use newslens_core::EntityKind;
use std::collections::HashSet;

/// Languages whose country names are aliases (the task languages and
/// Spanish, which the quote cues cover).
const LANGUAGES: &[&str] = &["en", "ru", "uk", "bg", "pt", "es", "hi"];

/// Countries left out (English short names): more often a first name, a
/// surname or part of a US state's name than the country in the news this
/// reads ("Chad Prather", "Jim Jordan", "New Jersey"), or with a Russian
/// name that is, or declines into, a common word at a sentence start
/// ("Того" — "of that"; "Самое" from "Самоа" — "the most").
const AMBIGUOUS: &[&str] = &["Chad", "Jordan", "Jersey", "Guernsey", "Togo", "Samoa"];

/// The ISO 3166 countries as actors.
pub struct WorldCountries;

impl WorldCountries {
    /// Actors for the countries none of whose names is in `known` (folded
    /// aliases of the base) and whose id is not in `ids`.
    pub fn actors(
        known: &HashSet<String>,
        ids: &HashSet<String>,
        fold: impl Fn(&str) -> String,
    ) -> Vec<Actor> {
        let mut out = Vec::new();
        for c in keshvar::CountryIterator::new() {
            let short = c.iso_short_name();
            if AMBIGUOUS.contains(&short) {
                continue;
            }
            let t = c.translations();
            // The English common name first ("Vietnam", not "Viet Nam"): it
            // becomes the canonical name and the id.
            let mut names: Vec<&str> = t.get("en").copied().into_iter().collect();
            names.push(short);
            names.extend(c.unofficial_name_list().iter().copied());
            names.extend(LANGUAGES.iter().filter_map(|l| t.get(l).copied()));
            // "Korea (Republic of)", "Congo, Democratic Republic of the":
            // catalogue forms nobody writes in running text.
            let mut aliases: Vec<String> = Vec::new();
            for n in names {
                let n = n.trim();
                if n.is_empty() || n.contains(['(', ',', ')']) || AMBIGUOUS.contains(&n) {
                    continue;
                }
                if !aliases.iter().any(|a| a == n) {
                    aliases.push(n.to_string());
                }
            }
            if aliases.is_empty() || aliases.iter().any(|a| known.contains(&fold(a))) {
                continue;
            }
            let name = aliases[0].clone();
            let id = name.to_lowercase().replace([' ', '\''], "-");
            if ids.contains(&id) {
                continue;
            }
            out.push(Actor {
                id,
                name,
                kind: EntityKind::Location,
                aliases,
                qualifiers: c
                    .maybe_nationality()
                    .map(str::to_string)
                    .into_iter()
                    .collect(),
                offices: Vec::new(),
            });
        }
        out
    }
}
