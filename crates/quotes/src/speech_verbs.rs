//! Speech verbs of ru, uk, bg, pt and es by stem, with the finite forms a
//! news report uses generated from each stem's paradigm, so that a verb
//! listed once is read in every person, number, gender and tense a report
//! puts it in ("заявило" of a ministry, "съобщиха" of two agencies,
//! "afirmaram", "declaraba").
//!
//! [`forms`] gives every generated form with its [`Cue`]. The lexicon adds
//! them after its own hand-written lists, which win where both hold a form.

use crate::lexicon::Cue;

/// Russian past stems: the forms are the stem + л, ла, ло, ли
/// ("заяви" → "заявил", "заявила", "заявило", "заявили").
const RU_PAST: &[&str] = &[
    "сказа",
    "заяви",
    "отмети",
    "подчеркну",
    "добави",
    "сообщи",
    "написа",
    "поясни",
    "уточни",
    "призна",
    "предупреди",
    "напомни",
    "завери",
    "указа",
    "рассказа",
    "объясни",
    "замети",
    "ответи",
    "констатирова",
    "резюмирова",
    "прокомментирова",
    "процитирова",
    // imperfective
    "заявля",
    "отмеча",
    "подчеркива",
    "говори",
    "сообща",
    "утвержда",
    "указыва",
    "объясня",
    "признава",
    "предупрежда",
    "напомина",
    "уточня",
    "поясня",
    "рассказыва",
    "добавля",
    "комментирова",
    "цитирова",
    "настаива",
];

/// Russian past stems of verbs that report speech only with "что" or a
/// quote after them ("подтвердил информацию" is no statement).
const RU_PAST_WEAK: &[&str] = &[
    "подтверди",
    "объяви",
    "анонсирова",
    "отрица",
    "опроверга",
    "полага",
];

/// Russian present tense, third person singular and plural.
const RU_PRESENT: &[[&str; 2]] = &[
    ["заявляет", "заявляют"],
    ["отмечает", "отмечают"],
    ["подчеркивает", "подчеркивают"],
    ["сообщает", "сообщают"],
    ["пишет", "пишут"],
    ["говорит", "говорят"],
    ["утверждает", "утверждают"],
    ["указывает", "указывают"],
    ["поясняет", "поясняют"],
    ["уточняет", "уточняют"],
    ["добавляет", "добавляют"],
    ["напоминает", "напоминают"],
    ["признает", "признают"],
    ["предупреждает", "предупреждают"],
    ["объясняет", "объясняют"],
    ["считает", "считают"],
    ["рассказывает", "рассказывают"],
    ["комментирует", "комментируют"],
    ["констатирует", "констатируют"],
    ["цитирует", "цитируют"],
    ["настаивает", "настаивают"],
    ["прогнозирует", "прогнозируют"],
];

/// Russian impersonal passives of a document ("В докладе отмечается,
/// что …").
const RU_PASSIVE: &[&str] = &[
    "отмечается",
    "подчеркивается",
    "сообщается",
    "указывается",
    "утверждается",
    "заявляется",
    "поясняется",
    "уточняется",
];

const RU_PRESENT_WEAK: &[[&str; 2]] = &[
    ["подтверждает", "подтверждают"],
    ["отрицает", "отрицают"],
    ["полагает", "полагают"],
    ["информирует", "информируют"],
];

/// Ukrainian past stems: the stem + в, ла, ло, ли ("заяви" → "заявив",
/// "заявила", "заявило", "заявили").
const UK_PAST: &[&str] = &[
    "сказа",
    "заяви",
    "зазначи",
    "наголоси",
    "дода",
    "повідоми",
    "написа",
    "підкресли",
    "розпові",
    "поясни",
    "уточни",
    "визна",
    "попереди",
    "нагада",
    "запевни",
    "відпові",
    "прокоментува",
    // imperfective
    "заявля",
    "зазнача",
    "наголошува",
    "говори",
    "повідомля",
    "стверджува",
];

const UK_PAST_WEAK: &[&str] = &["підтверди", "оголоси", "запереча"];

/// Ukrainian present tense, third person singular and plural.
const UK_PRESENT: &[[&str; 2]] = &[
    ["каже", "кажуть"],
    ["заявляє", "заявляють"],
    ["зазначає", "зазначають"],
    ["наголошує", "наголошують"],
    ["повідомляє", "повідомляють"],
    ["пише", "пишуть"],
    ["вважає", "вважають"],
    ["стверджує", "стверджують"],
    ["додає", "додають"],
    ["підкреслює", "підкреслюють"],
    ["пояснює", "пояснюють"],
    ["говорить", "говорять"],
];

/// Bulgarian aorists, third person singular. The plural is + ха
/// ("заяви" → "заявиха"), the past participle of the perfect and of
/// reported speech ("е заявил", "заявил") + л, ла, ло, ли.
const BG_AORIST: &[&str] = &[
    "каза",
    "заяви",
    "посочи",
    "добави",
    "подчерта",
    "отбеляза",
    "коментира",
    "написа",
    "съобщи",
    "обясни",
    "допълни",
    "обобщи",
    "напомни",
    "припомни",
    "предположи",
    "уточни",
    "сподели",
    "призна",
    "предупреди",
    "увери",
    "изтъкна",
    "заключи",
    "отговори",
    "настоя",
    "разказа",
    "констатира",
    "цитира",
];

const BG_AORIST_WEAK: &[&str] = &["обяви", "потвърди"];

/// Bulgarian present tense, third person singular and plural.
const BG_PRESENT: &[[&str; 2]] = &[
    ["казва", "казват"],
    ["заявява", "заявяват"],
    ["посочва", "посочват"],
    ["подчертава", "подчертават"],
    ["отбелязва", "отбелязват"],
    ["пише", "пишат"],
    ["твърди", "твърдят"],
    ["съобщава", "съобщават"],
    ["добавя", "добавят"],
    ["обяснява", "обясняват"],
    ["допълва", "допълват"],
    ["уточнява", "уточняват"],
    ["напомня", "напомнят"],
    ["предупреждава", "предупреждават"],
    ["разказва", "разказват"],
    ["признава", "признават"],
    ["коментира", "коментират"],
    ["цитира", "цитират"],
    ["настоява", "настояват"],
];

const BG_PRESENT_WEAK: &[[&str; 2]] = &[["смята", "смятат"], ["потвърждава", "потвърждават"]];

/// Bulgarian adverbial participles ("…, като добави, че" is read by the
/// verb; "подчертавайки" is one word): the sentence's subject speaks.
const BG_PARTICIPLES: &[&str] = &[
    "казвайки",
    "заявявайки",
    "подчертавайки",
    "добавяйки",
    "посочвайки",
    "отбелязвайки",
];

/// Portuguese verbs by stem and conjugation (the stem is the infinitive
/// without -ar, -er or -ir).
const PT_VERBS: &[(&str, Conj)] = &[
    ("afirm", Conj::Ar),
    ("declar", Conj::Ar),
    ("acrescent", Conj::Ar),
    ("destac", Conj::Ar),
    ("ressalt", Conj::Ar),
    ("explic", Conj::Ar),
    ("sublinh", Conj::Ar),
    ("salient", Conj::Ar),
    ("indic", Conj::Ar),
    ("fris", Conj::Ar),
    ("lembr", Conj::Ar),
    ("reiter", Conj::Ar),
    ("assegur", Conj::Ar),
    ("argument", Conj::Ar),
    ("relat", Conj::Ar),
    ("assinal", Conj::Ar),
    ("constat", Conj::Ar),
    ("enfatiz", Conj::Ar),
    ("adiant", Conj::Ar),
    ("sustent", Conj::Ar),
    ("recomend", Conj::Ar),
    ("ponder", Conj::Ar),
    ("escrev", Conj::Er),
    ("respond", Conj::Er),
    ("reconhec", Conj::Er),
    ("esclarec", Conj::Er),
    ("defend", Conj::Er),
    ("admit", Conj::Ir),
    ("insist", Conj::Ir),
    ("advert", Conj::Ir),
];

/// Portuguese verbs that report speech only with "que" or a quote
/// ("anunciou sanções", "confirmou a visita" are no statements).
const PT_VERBS_WEAK: &[(&str, Conj)] = &[
    ("anunci", Conj::Ar),
    ("inform", Conj::Ar),
    ("confirm", Conj::Ar),
    ("neg", Conj::Ar),
    ("avali", Conj::Ar),
    ("consider", Conj::Ar),
    ("revel", Conj::Ar),
    ("alert", Conj::Ar),
    ("apont", Conj::Ar),
    ("cont", Conj::Ar),
    ("observ", Conj::Ar),
    ("coment", Conj::Ar),
    ("garant", Conj::Ir),
    ("suger", Conj::Ir),
];

/// Spanish verbs by stem and conjugation.
const ES_VERBS: &[(&str, Conj)] = &[
    ("afirm", Conj::Ar),
    ("declar", Conj::Ar),
    ("agreg", Conj::Ar),
    ("señal", Conj::Ar),
    ("destac", Conj::Ar),
    ("explic", Conj::Ar),
    ("asegur", Conj::Ar),
    ("indic", Conj::Ar),
    ("subray", Conj::Ar),
    ("manifest", Conj::Ar),
    ("apunt", Conj::Ar),
    ("coment", Conj::Ar),
    ("resalt", Conj::Ar),
    ("recalc", Conj::Ar),
    ("enfatiz", Conj::Ar),
    ("reiter", Conj::Ar),
    ("opin", Conj::Ar),
    ("alert", Conj::Ar),
    ("reconoc", Conj::Er),
    ("respond", Conj::Er),
    ("añad", Conj::Ir),
    ("insist", Conj::Ir),
    ("admit", Conj::Ir),
    ("escrib", Conj::Ir),
];

const ES_VERBS_WEAK: &[(&str, Conj)] = &[
    ("anunci", Conj::Ar),
    ("confirm", Conj::Ar),
    ("neg", Conj::Ar),
    ("inform", Conj::Ar),
    ("consider", Conj::Ar),
    ("revel", Conj::Ar),
];

/// Forms that are also common nouns or names ("a conta", "um alerta",
/// the surname "Nega" in English news): left out.
const AMBIGUOUS: &[&str] = &["conta", "contam", "alerta", "alertam", "nega", "negam"];

/// Stems, the endings each takes, and the cue the forms are.
type Paradigm = (&'static [&'static str], &'static [&'static str], Cue);

/// Verbs by stem and class, the cue their forms are, and the function
/// that conjugates them.
type Conjugation = (
    &'static [(&'static str, Conj)],
    Cue,
    fn(&str, Conj) -> ([String; 6], String),
);

/// A Romance conjugation class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Conj {
    Ar,
    Er,
    Ir,
}

/// Finite forms of a Portuguese verb: preterite and present, third person
/// singular and plural, and the imperfect; the gerund separately.
fn pt_forms(stem: &str, conj: Conj) -> ([String; 6], String) {
    let (pret, pret_pl, pres, pres_pl, imp, ger) = match conj {
        Conj::Ar => ("ou", "aram", "a", "am", "ava", "ando"),
        Conj::Er => ("eu", "eram", "e", "em", "ia", "endo"),
        Conj::Ir => ("iu", "iram", "e", "em", "ia", "indo"),
    };
    (
        [pret, pret_pl, pres, pres_pl, imp, &format!("{imp}m")].map(|e| format!("{stem}{e}")),
        format!("{stem}{ger}"),
    )
}

/// Finite forms of a Spanish verb (as [`pt_forms`]).
fn es_forms(stem: &str, conj: Conj) -> ([String; 6], String) {
    let (pret, pret_pl, pres, pres_pl, imp, imp_pl, ger) = match conj {
        Conj::Ar => ("ó", "aron", "a", "an", "aba", "aban", "ando"),
        Conj::Er | Conj::Ir => ("ió", "ieron", "e", "en", "ía", "ían", "iendo"),
    };
    (
        [pret, pret_pl, pres, pres_pl, imp, imp_pl].map(|e| format!("{stem}{e}")),
        format!("{stem}{ger}"),
    )
}

/// Every generated form with the cue it is.
pub(crate) fn forms() -> Vec<(String, Cue)> {
    let mut out: Vec<(String, Cue)> = Vec::new();
    let slavic: [Paradigm; 6] = [
        (RU_PAST, &["л", "ла", "ло", "ли"], Cue::Verb),
        (RU_PAST_WEAK, &["л", "ла", "ло", "ли"], Cue::Weak),
        (UK_PAST, &["в", "ла", "ло", "ли"], Cue::Verb),
        (UK_PAST_WEAK, &["в", "ла", "ло", "ли"], Cue::Weak),
        // Bulgarian: the aorist itself, its plural and the participles.
        (BG_AORIST, &["", "ха", "л", "ла", "ло", "ли"], Cue::Verb),
        (
            BG_AORIST_WEAK,
            &["", "ха", "л", "ла", "ло", "ли"],
            Cue::Weak,
        ),
    ];
    for (stems, ends, cue) in slavic {
        for stem in stems {
            out.extend(ends.iter().map(|e| (format!("{stem}{e}"), cue)));
        }
    }
    for (pairs, cue) in [
        (RU_PRESENT, Cue::Verb),
        (RU_PRESENT_WEAK, Cue::Weak),
        (UK_PRESENT, Cue::Verb),
        (BG_PRESENT, Cue::Verb),
        (BG_PRESENT_WEAK, Cue::Weak),
    ] {
        for pair in pairs {
            out.extend(pair.iter().map(|w| (w.to_string(), cue)));
        }
    }
    out.extend(RU_PASSIVE.iter().map(|w| (w.to_string(), Cue::Verb)));
    out.extend(
        BG_PARTICIPLES
            .iter()
            .map(|w| (w.to_string(), Cue::Participle)),
    );
    // Past participles of the compound tenses ("tem dito que", "teria
    // afirmado que", "ha dicho que").
    out.extend(["dito", "dicho"].map(|w| (w.to_string(), Cue::Verb)));
    let romance: [Conjugation; 4] = [
        (PT_VERBS, Cue::Verb, pt_forms),
        (PT_VERBS_WEAK, Cue::Weak, pt_forms),
        (ES_VERBS, Cue::Verb, es_forms),
        (ES_VERBS_WEAK, Cue::Weak, es_forms),
    ];
    for (verbs, cue, conjugate) in romance {
        for &(stem, conj) in verbs {
            let (finite, gerund) = conjugate(stem, conj);
            out.extend(finite.into_iter().map(|f| (f, cue)));
            // The participle of a compound tense ("tem afirmado que") and
            // the gerund; not of the verbs that need a clause ("tem contado
            // com a ajuda").
            if cue == Cue::Verb {
                let participle = if conj == Conj::Ar { "ado" } else { "ido" };
                out.push((format!("{stem}{participle}"), cue));
                out.push((gerund, Cue::Participle));
            }
        }
    }
    out.retain(|(f, _)| !AMBIGUOUS.contains(&f.as_str()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue_of(word: &str) -> Option<Cue> {
        forms().into_iter().find(|(f, _)| f == word).map(|(_, c)| c)
    }

    #[test]
    fn slavic_past_forms_cover_gender_and_number() {
        for w in [
            "заявило",
            "сообщило",
            "подчеркнули",
            "зазначило",
            "съобщиха",
            "уточниха",
        ] {
            assert_eq!(cue_of(w), Some(Cue::Verb), "{w}");
        }
        // Bulgarian reported-speech participles.
        assert_eq!(cue_of("заявил"), Some(Cue::Verb));
        assert_eq!(cue_of("споделили"), Some(Cue::Verb));
    }

    #[test]
    fn announce_and_confirm_need_a_clause() {
        for w in [
            "объявил",
            "обяви",
            "обявиха",
            "anunciou",
            "confirmaram",
            "anunció",
        ] {
            assert_eq!(cue_of(w), Some(Cue::Weak), "{w}");
        }
    }

    #[test]
    fn romance_conjugations() {
        assert_eq!(cue_of("afirmaram"), Some(Cue::Verb));
        assert_eq!(cue_of("escreveu"), Some(Cue::Verb));
        assert_eq!(cue_of("admitiu"), Some(Cue::Verb));
        assert_eq!(cue_of("declaraba"), Some(Cue::Verb));
        assert_eq!(cue_of("añadieron"), Some(Cue::Verb));
        assert_eq!(cue_of("ressaltando"), Some(Cue::Participle));
        // Nouns and other words are no cue.
        assert_eq!(cue_of("conta"), None);
        assert_eq!(cue_of("alerta"), None);
        assert_eq!(cue_of("nega"), None);
        // Participles of compound tenses, only of the verbs that report
        // with an object too ("tem contado com" is "has relied on").
        assert_eq!(cue_of("afirmado"), Some(Cue::Verb));
        assert_eq!(cue_of("contado"), None);
        assert_eq!(cue_of("anunciado"), None);
    }
}
