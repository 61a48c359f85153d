//! [`DomainAnchors`]: words without which an article cannot carry a domain's
//! narratives. The word model learns a language as much as a topic: every
//! Russian training article is about the war, so a Russian article on
//! climate scored "URW: Discrediting Ukraine". An article that names none of
//! the war's places, actors or alliances in any task language is not given
//! a war narrative, whatever its words' weights say.
//!
//! Only the war domain ("URW") is gated. Its anchors are found in all 958
//! war-labelled Train articles (all five languages) and all 95 war-labelled
//! Development articles (checked with a re-implementation of the matcher
//! over the task files; docs/narratives.md). Climate articles ("CC") are not gated:
//! floods, fires, bees or polar bears carry climate narratives without a
//! climate word (22 of 165 Portuguese Train CC articles have none of a broad
//! climate list).
//!
//! The lists are lower-case word beginnings; a trailing `$` asks for the
//! whole word ("nato$" does not match "natoque"). Matching starts only at a
//! word boundary, so "nato" is not found in "senator". Aho-Corasick (the
//! crate the regex engine uses) finds all of them in one pass over the text.

use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// The war domain's anchors: countries, places, leaders, alliances, in
/// English, Russian, Ukrainian, Bulgarian, Hindi, Portuguese and Spanish.
/// "Moscow" is left out on purpose: Russian agency datelines put it on
/// articles about anything.
const URW: &[&str] = &[
    // English (and Latin-script spellings shared by other languages)
    "ukrain",
    "kyiv",
    "kiev",
    "zelensk",
    "zelenskyy",
    "putin",
    "kremlin",
    "nato$",
    "otan$",
    "russia",
    "russian",
    "rússia",
    "russo$",
    "russa$",
    "russos$",
    "rusia",
    "ruso$",
    "donbas",
    "donetsk",
    "luhansk",
    "lugansk",
    "crimea",
    "crimeia",
    "kharkiv",
    "kharkov",
    "mariupol",
    "bakhmut",
    "lavrov",
    "peskov",
    "shoigu",
    "kuleba",
    "zaluzhn",
    "belarus",
    "lukashenk",
    "ucrân",
    "ucran",
    "zelenski",
    // Russian
    "украин",
    "киев",
    "зеленск",
    "путин",
    "кремл",
    "нато",
    "росси",
    "донбас",
    "донецк",
    "луганск",
    "крым",
    "харьков",
    "мариупол",
    "бахмут",
    "лавров",
    "песков",
    "шойгу",
    "белорус",
    "лукашенк",
    "всу$",
    "сво$",
    "спецоперац",
    // Ukrainian
    "україн",
    "київ",
    "зеленськ",
    "путін",
    "росі",
    "донеччин",
    "харків",
    // Bulgarian
    "украйн",
    "зеленски",
    "кремъл",
    "русия",
    "крим",
    // Hindi
    "यूक्रेन",
    "युक्रेन",
    "कीव",
    "ज़ेलेंस्की",
    "जेलेंस्की",
    "ज़ेलेन्स्की",
    "पुतिन",
    "क्रेमलिन",
    "नाटो",
    "रूस",
    "क्रीमिया",
];

/// Domains with anchors, by the label prefix their narratives carry.
const DOMAINS: &[(&str, &[&str])] = &[("URW", URW)];

/// The compiled anchor lists.
pub struct DomainAnchors {
    matcher: AhoCorasick,
    /// Per pattern: its domain's index in [`DOMAINS`] and whether it must
    /// end a word.
    patterns: Vec<(usize, bool)>,
}

static ANCHORS: LazyLock<DomainAnchors> = LazyLock::new(DomainAnchors::build);

impl DomainAnchors {
    fn build() -> Self {
        let mut words = Vec::new();
        let mut patterns = Vec::new();
        for (d, (_, list)) in DOMAINS.iter().enumerate() {
            for w in *list {
                let whole = w.ends_with('$');
                words.push(w.trim_end_matches('$'));
                patterns.push((d, whole));
            }
        }
        let matcher = AhoCorasick::new(&words).expect("the anchor lists are valid patterns");
        DomainAnchors { matcher, patterns }
    }

    /// The shared compiled lists.
    pub fn get() -> &'static DomainAnchors {
        &ANCHORS
    }

    /// Whether `domain` (a label prefix such as "URW") has anchors at all.
    pub fn gates(domain: &str) -> bool {
        DOMAINS.iter().any(|(d, _)| *d == domain)
    }

    /// The gated domains `text` names at least one anchor of.
    pub fn domains_in(&self, text: &str) -> Vec<&'static str> {
        let lower = text.to_lowercase();
        let mut found = vec![false; DOMAINS.len()];
        for m in self.matcher.find_overlapping_iter(&lower) {
            let (d, whole) = self.patterns[m.pattern().as_usize()];
            if found[d] {
                continue;
            }
            let starts = lower[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let ends = !whole
                || lower[m.end()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
            if starts && ends {
                found[d] = true;
                if found.iter().all(|&f| f) {
                    break;
                }
            }
        }
        DOMAINS
            .iter()
            .zip(found)
            .filter(|(_, f)| *f)
            .map(|((d, _), _)| *d)
            .collect()
    }

    /// Sets to 0 the probability of each label (named "DOMAIN: …") whose
    /// domain `text` may not carry.
    pub fn gate(&self, labels: &[String], text: &str, probs: &mut [f32]) {
        let present = self.domains_in(text);
        for (p, label) in probs.iter_mut().zip(labels) {
            let domain = label.split(':').next().unwrap_or("");
            if !self.allows(domain, &present) {
                *p = 0.0;
            }
        }
    }

    /// Whether labels of `domain` may be given to `text`: always for a
    /// domain without anchors, else when `text` names one of them.
    pub fn allows(&self, domain: &str, present: &[&str]) -> bool {
        !Self::gates(domain) || present.contains(&domain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_climate_article_names_no_war_anchor() {
        let text = "Москва, 12 мая — Климатологи заявили, что лето может стать самым жарким.";
        assert!(DomainAnchors::get().domains_in(text).is_empty());
    }

    #[test]
    fn war_anchors_found_in_each_task_language() {
        for text in [
            "Talks on Ukraine resumed.",
            "Переговоры по Украине возобновились.",
            "Переговори щодо України відновилися.",
            "Преговорите за Украйна бяха подновени.",
            "यूक्रेन पर बातचीत फिर शुरू हुई।",
            "As negociações sobre a Ucrânia foram retomadas.",
            "Las conversaciones sobre Rusia se reanudaron.",
        ] {
            assert_eq!(DomainAnchors::get().domains_in(text), ["URW"], "{text}");
        }
    }

    #[test]
    fn anchor_inside_a_word_does_not_count() {
        // "nato" inside "senator", "росси" is not at a word start in "кроссировка".
        let text = "The senator spoke about the heat wave and the кроссировка.";
        assert!(DomainAnchors::get().domains_in(text).is_empty());
    }

    #[test]
    fn whole_word_anchor_needs_the_word_to_end() {
        assert!(DomainAnchors::get().domains_in("natoque").is_empty());
        assert_eq!(DomainAnchors::get().domains_in("NATO's summit"), ["URW"]);
    }

    #[test]
    fn gate_zeroes_only_the_missing_domain() {
        let labels: Vec<String> = ["URW: A", "URW: A: x", "CC: B", "Other"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut probs = vec![0.9, 0.8, 0.7, 0.1];
        DomainAnchors::get().gate(&labels, "Heat records in Moscow.", &mut probs);
        assert_eq!(probs, [0.0, 0.0, 0.7, 0.1]);
        let mut probs = vec![0.9, 0.8, 0.7, 0.1];
        DomainAnchors::get().gate(&labels, "Heat records in Kyiv.", &mut probs);
        assert_eq!(probs, [0.9, 0.8, 0.7, 0.1]);
    }

    #[test]
    fn ungated_domain_is_always_allowed() {
        let a = DomainAnchors::get();
        assert!(a.allows("CC", &[]));
        assert!(!a.allows("URW", &[]));
        assert!(a.allows("URW", &["URW"]));
    }
}
