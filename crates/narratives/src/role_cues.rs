//! Cues for the role classifier beyond the words around a mention: the
//! article's predicted narratives and stance, which side of the conflict
//! the entity belongs to (a small multilingual lexicon), the entity's own
//! name, and the words right next to the mention.
//!
//! Each cue is a token `group:name` (no spaces); a role model keeps the
//! groups it was trained with ([`crate::RoleModel::cues`]).

use crate::features::words;
use crate::model::{NarrativeModel, OTHER};
use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

/// The cue groups, in the order of [`mention_cues`].
pub const CUE_GROUPS: [&str; 7] = ["art", "side", "ent", "loc", "lex", "sub", "lng"];

/// Words taken on each side of the mention for the `loc` cues.
const LOCAL_WORDS: usize = 3;

/// Words taken on each side of the mention for the `lex` cues.
const LEXICON_WORDS: usize = 8;

/// Framing lexicons (mostly English; word prefixes, lower case): a `lex`
/// cue says that a word of the class is near the mention, before or after.
const LEXICONS: [(&str, &[&str]); 8] = [
    (
        "victim",
        &[
            "killed",
            "died",
            "dead",
            "death",
            "wounded",
            "injured",
            "suffer",
            "victim",
            "casualt",
            "starv",
            "hunger",
            "homeless",
            "displaced",
            "refugee",
            "massacre",
            "tragedy",
            "vulnerable",
            "innocent",
            "civilian",
            "жертв",
            "убит",
            "загин",
            "vítima",
            "mortos",
            "feridos",
            "पीड़ित",
            "मारे",
        ],
    ),
    (
        "exploited",
        &[
            "used",
            "pawn",
            "proxy",
            "puppet",
            "sacrific",
            "fodder",
            "exploit",
            "forced",
            "dragged",
            "марионет",
            "пешк",
            "marionete",
            "explora",
        ],
    ),
    (
        "scapegoat",
        &[
            "blame",
            "accuse",
            "scapegoat",
            "demoniz",
            "demonis",
            "unfair",
            "обвин",
            "culpa",
            "acusa",
        ],
    ),
    (
        "attack",
        &[
            "attack",
            "invade",
            "invasion",
            "bomb",
            "threat",
            "kill",
            "aggress",
            "crime",
            "terror",
            "sabotag",
            "destroy",
            "нападе",
            "атак",
            "агрес",
            "терор",
            "ataque",
            "ataca",
            "agress",
            "हमला",
        ],
    ),
    (
        "deceit",
        &[
            "lie",
            "lies",
            "lied",
            "propaganda",
            "fake",
            "hoax",
            "deceiv",
            "mislead",
            "hypocri",
            "scam",
            "fraud",
            "лъж",
            "лож",
            "пропаганд",
            "mentir",
            "mentira",
            "झूठ",
        ],
    ),
    (
        "corrupt",
        &[
            "corrupt",
            "bribe",
            "profit",
            "greed",
            "embezzl",
            "корупц",
            "коррупц",
            "corrup",
            "भ्रष्ट",
        ],
    ),
    (
        "praise",
        &[
            "hero",
            "brave",
            "courage",
            "defend",
            "protect",
            "peace",
            "help",
            "support",
            "honest",
            "truth",
            "victory",
            "resist",
            "liberat",
            "rebel",
            "dissident",
            "challeng",
            "oppose",
            "skeptic",
            "sceptic",
            "герой",
            "защит",
            "мир",
            "herói",
            "defend",
            "proteg",
            "paz",
            "नायक",
            "शांति",
        ],
    ),
    (
        "speaker",
        &[
            "said",
            "says",
            "told",
            "stated",
            "claimed",
            "according",
            "announced",
            "added",
            "noted",
            "warned",
            "wrote",
            "заяви",
            "каза",
            "сказал",
            "disse",
            "afirmou",
            "कहा",
        ],
    ),
];

/// The lexicon classes of `word`.
fn lexicon_classes(word: &str) -> impl Iterator<Item = &'static str> + '_ {
    LEXICONS.iter().filter_map(move |(class, prefixes)| {
        prefixes
            .iter()
            .any(|p| {
                if p.chars().count() <= 4 {
                    word == *p
                } else {
                    word.starts_with(p)
                }
            })
            .then_some(*class)
    })
}

/// URW narratives that speak for Russia's side (every URW narrative of the
/// taxonomy except "Overpraising the West" and "Speculating war outcomes",
/// which go either way).
const PRO_RUSSIAN: [&str; 9] = [
    "URW: Amplifying war-related fears",
    "URW: Blaming the war on others rather than the invader",
    "URW: Discrediting Ukraine",
    "URW: Discrediting the West, Diplomacy",
    "URW: Distrust towards Media",
    "URW: Hidden plots by secret schemes of powerful groups",
    "URW: Negative Consequences for the West",
    "URW: Praise of Russia",
    "URW: Russia is the Victim",
];

/// The article-level part of the cues: its predicted narratives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleCues {
    /// "URW" or "CC" (the domain with the larger summed probability).
    pub domain: String,
    /// Kept coarse narratives (none: "Other").
    pub narratives: Vec<String>,
    /// Kept sub-narratives (without the "<narrative>: Other" ones).
    pub subnarratives: Vec<String>,
    /// [`task_language`] of the article's text, once per article (`None`:
    /// [`mention_cues`] guesses it from the text it is given).
    pub language: Option<&'static str>,
}

impl ArticleCues {
    /// From a list of coarse narratives (gold ones, at training time) and
    /// the domain.
    pub fn from_narratives(domain: &str, narratives: &[String]) -> Self {
        Self::from_labels(domain, narratives, &[])
    }

    /// From lists of coarse narratives and sub-narratives.
    pub fn from_labels(domain: &str, narratives: &[String], subnarratives: &[String]) -> Self {
        ArticleCues {
            domain: domain.to_string(),
            narratives: narratives
                .iter()
                .filter(|n| n.as_str() != OTHER)
                .cloned()
                .collect(),
            subnarratives: subnarratives
                .iter()
                .filter(|n| n.as_str() != OTHER && !n.ends_with(": Other"))
                .cloned()
                .collect(),
            language: None,
        }
    }

    /// These cues with the language of the article `text`.
    pub fn in_language_of(mut self, text: &str) -> Self {
        self.language = Some(task_language(text));
        self
    }

    /// The article's stance bucket: `urw_pro` (a pro-Russian narrative),
    /// `urw_none`, `cc_sceptic` (any climate narrative), `cc_none`.
    pub fn bucket(&self) -> &'static str {
        let pro = self
            .narratives
            .iter()
            .any(|n| PRO_RUSSIAN.contains(&n.as_str()));
        match (self.domain.as_str(), self.narratives.is_empty()) {
            ("CC", false) => "cc_sceptic",
            ("CC", true) => "cc_none",
            _ if pro => "urw_pro",
            _ => "urw_none",
        }
    }
}

/// The bundled narrative model, read once (`None` if it cannot be read).
fn narrative_model() -> Option<&'static NarrativeModel> {
    static MODEL: OnceLock<Option<NarrativeModel>> = OnceLock::new();
    MODEL
        .get_or_init(|| NarrativeModel::bundled().ok())
        .as_ref()
}

/// The article cues of `text` from the bundled narrative model.
pub fn predict_article(model: &NarrativeModel, text: &str) -> ArticleCues {
    let probs = model.article_probs(text, None);
    let labels = &model.head.labels;
    let (mut urw, mut cc) = (0f32, 0f32);
    for (i, &p) in probs.iter().enumerate() {
        if model.coarse[i] {
            if labels[i].starts_with("URW:") {
                urw += p;
            } else if labels[i].starts_with("CC:") {
                cc += p;
            }
        }
    }
    let domain = if cc > urw { "CC" } else { "URW" };
    let decided = model.decide(&probs, &model.decision);
    let narratives: Vec<String> = decided.iter().map(|p| p.narrative.clone()).collect();
    let subs: Vec<String> = decided.into_iter().filter_map(|p| p.subnarrative).collect();
    ArticleCues::from_labels(domain, &narratives, &subs).in_language_of(text)
}

/// [`predict_article`] with the bundled model, remembered for the last
/// text seen by this thread (the mentions of one article come together).
pub fn article_cues(text: &str) -> Arc<ArticleCues> {
    thread_local! {
        static LAST: RefCell<Option<(u64, Arc<ArticleCues>)>> = const { RefCell::new(None) };
    }
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    let key = h.finish();
    if let Some(hit) = LAST.with(|l| {
        l.borrow()
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, c)| c.clone())
    }) {
        return hit;
    }
    let cues = Arc::new(
        narrative_model()
            .map(|m| predict_article(m, text))
            .unwrap_or_else(|| ArticleCues::default().in_language_of(text)),
    );
    LAST.with(|l| *l.borrow_mut() = Some((key, cues.clone())));
    cues
}

/// Side lexicon: word prefixes (lower case) of entities on each side.
/// Checked against every word of the mention.
const SIDES: [(&str, &[&str]); 5] = [
    (
        "russia",
        &[
            "russia",
            "russian",
            "putin",
            "kremlin",
            "moscow",
            "lavrov",
            "shoigu",
            "medvedev",
            "peskov",
            "wagner",
            "prigozhin",
            "gerasimov",
            "zakharova",
            "росси",
            "русия",
            "руск",
            "руски",
            "путин",
            "кремл",
            "москв",
            "лавров",
            "шойгу",
            "медведев",
            "песков",
            "rússia",
            "russo",
            "russa",
            "moscovo",
            "moscou",
            "रूस",
            "पुतिन",
            "क्रेमलिन",
            "मास्को",
        ],
    ),
    (
        "ukraine",
        &[
            "ukrain",
            "zelensk",
            "zelensky",
            "kyiv",
            "kiev",
            "zaluzhn",
            "kuleba",
            "azov",
            "sbu",
            "bandera",
            "украин",
            "украйн",
            "зеленск",
            "киев",
            "київ",
            "залужн",
            "кулеба",
            "всу",
            "азов",
            "бандер",
            "ucrân",
            "ucran",
            "zelenski",
            "kiev",
            "यूक्रेन",
            "युक्रेन",
            "जेलेंस्की",
            "ज़ेलेंस्की",
            "कीव",
        ],
    ),
    (
        "west",
        &[
            "us",
            "u.s",
            "usa",
            "america",
            "american",
            "washington",
            "biden",
            "nato",
            "otan",
            "eu",
            "europe",
            "european",
            "brussels",
            "uk",
            "u.k",
            "britain",
            "british",
            "london",
            "germany",
            "german",
            "berlin",
            "france",
            "french",
            "macron",
            "scholz",
            "sunak",
            "blinken",
            "pentagon",
            "cia",
            "west",
            "western",
            "сащ",
            "сша",
            "америк",
            "вашингтон",
            "байден",
            "нато",
            "ес",
            "евросоюз",
            "европ",
            "брюксел",
            "запад",
            "великобритан",
            "британ",
            "лондон",
            "герман",
            "берлин",
            "франц",
            "пентагон",
            "цру",
            "eua",
            "estados",
            "americ",
            "ocident",
            "europ",
            "अमेरिका",
            "बाइडेन",
            "नाटो",
            "यूरोप",
            "पश्चिम",
            "ब्रिटेन",
        ],
    ),
    (
        "green",
        &[
            "greta",
            "thunberg",
            "activist",
            "extinction",
            "greenpeace",
            "gore",
            "ipcc",
            "un",
            "unitednations",
            "cop",
            "wef",
            "schwab",
            "gates",
            "kerry",
            "guterres",
            "environmentalist",
            "грета",
            "тунберг",
            "активист",
            "оон",
            "еколог",
            "ativista",
            "onu",
            "ambientalist",
            "ग्रेटा",
            "कार्यकर्ता",
        ],
    ),
    (
        "people",
        &[
            "civilian",
            "people",
            "citizen",
            "children",
            "resident",
            "farmer",
            "taxpayer",
            "famil",
            "worker",
            "refugee",
            "граждан",
            "хора",
            "люди",
            "мирн",
            "деца",
            "дети",
            "жител",
            "фермер",
            "населен",
            "população",
            "pessoas",
            "civis",
            "crianças",
            "cidadã",
            "agricultor",
            "famílias",
            "morador",
            "लोग",
            "नागरिक",
            "बच्चे",
            "किसान",
        ],
    ),
];

/// The side of an entity from its name's words (`none` if no lexicon
/// entry matches; the first matching side wins).
pub fn side(name_words: &[String]) -> &'static str {
    for (side, prefixes) in SIDES {
        for w in name_words {
            // Short entries ("us", "un", "eu", "uk") must match whole words.
            if prefixes.iter().any(|p| {
                if p.chars().count() <= 3 {
                    w == p
                } else {
                    w.starts_with(p)
                }
            }) {
                return side;
            }
        }
    }
    "none"
}

/// The entity's normalised name: its words, lower-cased, without a leading
/// article and a possessive "s", joined by `_`.
pub fn entity_name(mention: &str) -> Vec<String> {
    let mut w: Vec<String> = words(mention).collect();
    if w.len() > 1 && w[0] == "the" {
        w.remove(0);
    }
    if let Some(last) = w.last_mut() {
        if let Some(s) = last.strip_suffix("'s").or_else(|| last.strip_suffix("’s")) {
            *last = s.to_string();
        }
    }
    w
}

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .to_lowercase()
}

/// The task language an article is written in, guessed from its first
/// 2,000 bytes: Devanagari is "hi"; Cyrillic is "ru" when ы or э occur,
/// else "bg"; Latin is "pt" when Portuguese letters or function words
/// outnumber English ones, else "en". Lets a role model learn each
/// language's role priors (the `lng` cues).
pub fn task_language(text: &str) -> &'static str {
    let mut cut = text.len().min(2000);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    let (mut deva, mut cyr, mut lat, mut ru) = (0usize, 0usize, 0usize, 0usize);
    let mut pt = 0usize;
    for c in head.chars() {
        match c {
            '\u{0900}'..='\u{097f}' => deva += 1,
            'ы' | 'э' | 'Ы' | 'Э' => {
                cyr += 1;
                ru += 1;
            }
            '\u{0400}'..='\u{04ff}' => cyr += 1,
            'ã' | 'õ' | 'ç' | 'ê' | 'â' => {
                lat += 1;
                pt += 1;
            }
            c if c.is_ascii_alphabetic() => lat += 1,
            _ => {}
        }
    }
    if deva > cyr.max(lat) {
        return "hi";
    }
    if cyr > lat {
        return if ru > 0 { "ru" } else { "bg" };
    }
    let mut en = 0usize;
    for w in words(head) {
        match w.as_str() {
            "the" | "and" | "of" | "is" | "that" | "with" => en += 1,
            "de" | "que" | "não" | "em" | "uma" | "os" | "para" => pt += 1,
            _ => {}
        }
    }
    if pt > en {
        "pt"
    } else {
        "en"
    }
}

/// The cue tokens of the mention at bytes `start..end` of `text`, given the
/// article's cues.
pub fn mention_cues(text: &str, start: usize, end: usize, article: &ArticleCues) -> Vec<String> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (floor(start), floor(end.max(start)));
    let name = entity_name(&text[start..end]);
    let ent = name.join("_");
    let side = side(&name);
    let bucket = article.bucket();
    let mut out = vec![format!("art:b={bucket}")];
    for n in &article.narratives {
        out.push(format!("art:n={}", slug(n)));
    }
    out.push(format!("side:s={side}"));
    out.push(format!("side:b={bucket}|s={side}"));
    for n in &article.narratives {
        out.push(format!("side:n={}|s={side}", slug(n)));
    }
    for n in &article.subnarratives {
        let n = slug(n.split_once(": ").map_or(n.as_str(), |(_, rest)| rest));
        out.push(format!("sub:n={n}"));
        out.push(format!("sub:n={n}|s={side}"));
    }
    if !ent.is_empty() {
        out.push(format!("ent:e={ent}"));
        out.push(format!("ent:b={bucket}|e={ent}"));
    }
    let before: Vec<String> = words(&text[floor(start.saturating_sub(LEXICON_WORDS * 40))..start])
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .take(LEXICON_WORDS)
        .collect();
    let after: Vec<String> = words(&text[end..floor(end + LEXICON_WORDS * 40)])
        .take(LEXICON_WORDS)
        .collect();
    for w in before.iter().take(LOCAL_WORDS) {
        out.push(format!("loc:L={w}"));
    }
    for w in after.iter().take(LOCAL_WORDS) {
        out.push(format!("loc:R={w}"));
    }
    let mut lex: Vec<String> = before
        .iter()
        .flat_map(|w| lexicon_classes(w).map(|c| format!("lex:{c}_L")))
        .chain(
            after
                .iter()
                .flat_map(|w| lexicon_classes(w).map(|c| format!("lex:{c}_R"))),
        )
        .collect();
    lex.sort_unstable();
    lex.dedup();
    out.extend(lex);
    let lang = article.language.unwrap_or_else(|| task_language(text));
    out.push(format!("lng:l={lang}"));
    out.push(format!("lng:l={lang}|s={side}"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_and_names() {
        assert_eq!(side(&entity_name("Vladimir Putin's")), "russia");
        assert_eq!(side(&entity_name("Украйна")), "ukraine");
        assert_eq!(side(&entity_name("the US")), "west");
        assert_eq!(side(&entity_name("user")), "none");
        assert_eq!(entity_name("the West"), vec!["west".to_string()]);
        assert_eq!(entity_name("Putin's"), vec!["putin".to_string()]);
    }

    #[test]
    fn task_languages_by_script_and_function_words() {
        assert_eq!(task_language("The war and the peace of Europe."), "en");
        assert_eq!(
            task_language("A guerra não é uma solução para os povos."),
            "pt"
        );
        assert_eq!(task_language("Война в Украине: мы не знаем."), "ru");
        assert_eq!(task_language("Войната в Украйна продължава."), "bg");
        assert_eq!(task_language("प्रधानमंत्री ने कहा कि वार्ता जारी रहेगी।"), "hi");
    }

    #[test]
    fn buckets() {
        let a = ArticleCues::from_narratives("URW", &["URW: Discrediting Ukraine".into()]);
        assert_eq!(a.bucket(), "urw_pro");
        assert_eq!(
            ArticleCues::from_narratives("URW", &[OTHER.into()]).bucket(),
            "urw_none"
        );
        assert_eq!(ArticleCues::from_narratives("CC", &[]).bucket(), "cc_none");
    }

    #[test]
    fn cues_of_a_mention() {
        let text = "Yesterday Putin attacked Ukraine again.";
        let s = text.find("Putin").unwrap();
        let a = ArticleCues::from_narratives("URW", &["URW: Praise of Russia".into()]);
        let c = mention_cues(text, s, s + 5, &a);
        for t in [
            "art:b=urw_pro",
            "side:b=urw_pro|s=russia",
            "ent:e=putin",
            "loc:L=yesterday",
            "loc:R=attacked",
            "lex:attack_R",
        ] {
            assert!(c.contains(&t.to_string()), "{t} in {c:?}");
        }
    }

    #[test]
    fn the_article_language_is_guessed_once_and_gives_the_same_cues() {
        let text = "A guerra não é uma solução, disse Putin aos jornalistas.";
        let s = text.find("Putin").unwrap();
        let a = ArticleCues::from_narratives("URW", &[]);
        let once = a.clone().in_language_of(text);
        assert_eq!(once.language, Some("pt"));
        let c = mention_cues(text, s, s + 5, &once);
        assert!(c.contains(&"lng:l=pt".to_string()), "{c:?}");
        assert_eq!(c, mention_cues(text, s, s + 5, &a));
    }
}
