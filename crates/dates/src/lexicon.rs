//! Month names, weekday names and date keywords per language, and the lookup
//! built from them.
//!
//! Every word form a language inflects to is listed separately (Russian
//! "мая", "май", "мае"), lowercase. The scanner works on [`Meaning`]s only,
//! so one grammar serves every language.

use aho_corasick::AhoCorasick;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A unit of relative time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// What a word means to the date grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Meaning {
    /// A full month name, 1-based.
    Month(u32),
    /// An abbreviated month name: only used next to a day number.
    MonthAbbr(u32),
    /// A weekday, 0 = Monday.
    Weekday(u32),
    /// yesterday (-1), today (0), tomorrow (1) …
    DayRel(i32),
    /// A one-word year offset (Ukrainian "торік", last year).
    YearRel(i32),
    Unit(Unit),
    Last,
    This,
    Next,
    /// since / desde / с …: an interval up to the article date.
    Since,
    /// A preposition or article that licenses a bare month, year or weekday.
    Prep,
    /// "of" / "de": between day, month and year.
    Of,
    /// "the" / "a": licenses a following year used as a modifier
    /// ("the 2020 election").
    Det,
    /// "ago" / "назад": after the count.
    Ago,
    /// "hace" / "há" / "преди": before the count.
    AgoPrefix,
    /// "earlier" / "later" before "this month".
    Earlier,
    /// A number word ("two", "два").
    Num(u32),
    /// An ordinal suffix ("th" in "4th").
    Ordinal,
    /// "г" / "р": abbreviated "year" after a year number.
    YearAbbr,
    /// Spanish words before "mañana" that make it "morning", not "tomorrow".
    NotTomorrow,
}

use Meaning::*;

type Forms = &'static [&'static str];

struct Table {
    months: [Forms; 12],
    month_abbrs: &'static [(&'static str, u32)],
    weekdays: [Forms; 7],
    words: &'static [(&'static str, Meaning)],
}

const EN: Table = Table {
    months: [
        &["january"],
        &["february"],
        &["march"],
        &["april"],
        &["may"],
        &["june"],
        &["july"],
        &["august"],
        &["september"],
        &["october"],
        &["november"],
        &["december"],
    ],
    month_abbrs: &[
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ],
    weekdays: [
        &["monday"],
        &["tuesday"],
        &["wednesday"],
        &["thursday"],
        &["friday"],
        &["saturday"],
        &["sunday"],
    ],
    words: &[
        ("yesterday", DayRel(-1)),
        ("today", DayRel(0)),
        ("tomorrow", DayRel(1)),
        ("day", Unit(Unit::Day)),
        ("days", Unit(Unit::Day)),
        ("week", Unit(Unit::Week)),
        ("weeks", Unit(Unit::Week)),
        ("month", Unit(Unit::Month)),
        ("months", Unit(Unit::Month)),
        ("year", Unit(Unit::Year)),
        ("years", Unit(Unit::Year)),
        ("last", Last),
        ("previous", Last),
        ("this", This),
        ("next", Next),
        ("since", Since),
        ("in", Prep),
        ("on", Prep),
        ("from", Prep),
        ("until", Prep),
        ("till", Prep),
        ("by", Prep),
        ("during", Prep),
        ("through", Prep),
        ("before", Prep),
        ("after", Prep),
        ("early", Prep),
        ("late", Prep),
        ("mid", Prep),
        ("for", Prep),
        ("to", Prep),
        ("into", Prep),
        ("around", Prep),
        ("between", Prep),
        ("the", Det),
        ("of", Of),
        ("ago", Ago),
        ("earlier", Earlier),
        ("later", Earlier),
        ("a", Num(1)),
        ("an", Num(1)),
        ("one", Num(1)),
        ("two", Num(2)),
        ("three", Num(3)),
        ("four", Num(4)),
        ("five", Num(5)),
        ("six", Num(6)),
        ("seven", Num(7)),
        ("eight", Num(8)),
        ("nine", Num(9)),
        ("ten", Num(10)),
        ("eleven", Num(11)),
        ("twelve", Num(12)),
        ("fifteen", Num(15)),
        ("twenty", Num(20)),
        ("st", Ordinal),
        ("nd", Ordinal),
        ("rd", Ordinal),
        ("th", Ordinal),
    ],
};

const RU: Table = Table {
    months: [
        &["январь", "января", "январе"],
        &["февраль", "февраля", "феврале"],
        &["март", "марта", "марте"],
        &["апрель", "апреля", "апреле"],
        &["май", "мая", "мае"],
        &["июнь", "июня", "июне"],
        &["июль", "июля", "июле"],
        &["август", "августа", "августе"],
        &["сентябрь", "сентября", "сентябре"],
        &["октябрь", "октября", "октябре"],
        &["ноябрь", "ноября", "ноябре"],
        &["декабрь", "декабря", "декабре"],
    ],
    month_abbrs: &[
        ("янв", 1),
        ("фев", 2),
        ("февр", 2),
        ("апр", 4),
        ("авг", 8),
        ("сент", 9),
        ("окт", 10),
        ("нояб", 11),
        ("дек", 12),
    ],
    weekdays: [
        &["понедельник", "понедельника"],
        &["вторник", "вторника"],
        &["среду", "среда", "среды"],
        &["четверг", "четверга"],
        &["пятницу", "пятница", "пятницы"],
        &["субботу", "суббота", "субботы"],
        &["воскресенье", "воскресенья"],
    ],
    words: &[
        ("вчера", DayRel(-1)),
        ("позавчера", DayRel(-2)),
        ("сегодня", DayRel(0)),
        ("завтра", DayRel(1)),
        ("послезавтра", DayRel(2)),
        ("день", Unit(Unit::Day)),
        ("дня", Unit(Unit::Day)),
        ("дней", Unit(Unit::Day)),
        ("неделю", Unit(Unit::Week)),
        ("недели", Unit(Unit::Week)),
        ("неделе", Unit(Unit::Week)),
        ("недель", Unit(Unit::Week)),
        ("месяц", Unit(Unit::Month)),
        ("месяца", Unit(Unit::Month)),
        ("месяце", Unit(Unit::Month)),
        ("месяцев", Unit(Unit::Month)),
        ("год", Unit(Unit::Year)),
        ("года", Unit(Unit::Year)),
        ("году", Unit(Unit::Year)),
        ("лет", Unit(Unit::Year)),
        ("прошлой", Last),
        ("прошлом", Last),
        ("прошлого", Last),
        ("прошлую", Last),
        ("прошлый", Last),
        ("этой", This),
        ("этом", This),
        ("этого", This),
        ("эту", This),
        ("этот", This),
        ("текущем", This),
        ("следующей", Next),
        ("следующем", Next),
        ("следующего", Next),
        ("следующую", Next),
        ("следующий", Next),
        ("с", Since),
        ("со", Since),
        ("в", Prep),
        ("во", Prep),
        ("до", Prep),
        ("к", Prep),
        ("на", Prep),
        ("назад", Ago),
        ("один", Num(1)),
        ("одну", Num(1)),
        ("два", Num(2)),
        ("две", Num(2)),
        ("три", Num(3)),
        ("четыре", Num(4)),
        ("пять", Num(5)),
        ("шесть", Num(6)),
        ("семь", Num(7)),
        ("несколько", Num(3)),
        ("г", YearAbbr),
    ],
};

const UK: Table = Table {
    months: [
        &["січень", "січня", "січні"],
        &["лютий", "лютого", "лютому"],
        &["березень", "березня", "березні"],
        &["квітень", "квітня", "квітні"],
        &["травень", "травня", "травні"],
        &["червень", "червня", "червні"],
        &["липень", "липня", "липні"],
        &["серпень", "серпня", "серпні"],
        &["вересень", "вересня", "вересні"],
        &["жовтень", "жовтня", "жовтні"],
        &["листопад", "листопада", "листопаді"],
        &["грудень", "грудня", "грудні"],
    ],
    month_abbrs: &[],
    weekdays: [
        &["понеділок", "понеділка"],
        &["вівторок", "вівторка"],
        &["середу", "середа", "середи"],
        &["четвер", "четверга"],
        &["п'ятницю", "п’ятницю", "п'ятниця", "п’ятниця"],
        &["суботу", "субота", "суботи"],
        &["неділю", "неділя", "неділі"],
    ],
    words: &[
        ("вчора", DayRel(-1)),
        ("учора", DayRel(-1)),
        ("позавчора", DayRel(-2)),
        ("сьогодні", DayRel(0)),
        ("завтра", DayRel(1)),
        ("торік", YearRel(-1)),
        ("день", Unit(Unit::Day)),
        ("дні", Unit(Unit::Day)),
        ("днів", Unit(Unit::Day)),
        ("тиждень", Unit(Unit::Week)),
        ("тижня", Unit(Unit::Week)),
        ("тижні", Unit(Unit::Week)),
        ("тижнів", Unit(Unit::Week)),
        ("місяць", Unit(Unit::Month)),
        ("місяця", Unit(Unit::Month)),
        ("місяці", Unit(Unit::Month)),
        ("місяців", Unit(Unit::Month)),
        ("рік", Unit(Unit::Year)),
        ("року", Unit(Unit::Year)),
        ("році", Unit(Unit::Year)),
        ("роки", Unit(Unit::Year)),
        ("років", Unit(Unit::Year)),
        ("минулого", Last),
        ("минулому", Last),
        ("минулої", Last),
        ("минулій", Last),
        ("минулий", Last),
        ("минулу", Last),
        ("цього", This),
        ("цьому", This),
        ("цієї", This),
        ("цій", This),
        ("цей", This),
        ("цю", This),
        ("наступного", Next),
        ("наступному", Next),
        ("наступної", Next),
        ("наступній", Next),
        ("наступний", Next),
        ("наступну", Next),
        ("з", Since),
        ("із", Since),
        ("в", Prep),
        ("у", Prep),
        ("до", Prep),
        ("на", Prep),
        ("тому", Ago),
        ("один", Num(1)),
        ("два", Num(2)),
        ("дві", Num(2)),
        ("три", Num(3)),
        ("чотири", Num(4)),
        ("п'ять", Num(5)),
        ("п’ять", Num(5)),
        ("кілька", Num(3)),
        ("р", YearAbbr),
    ],
};

const BG: Table = Table {
    months: [
        &["януари"],
        &["февруари"],
        &["март"],
        &["април"],
        &["май"],
        &["юни"],
        &["юли"],
        &["август"],
        &["септември"],
        &["октомври"],
        &["ноември"],
        &["декември"],
    ],
    month_abbrs: &[],
    weekdays: [
        &["понеделник"],
        &["вторник"],
        &["сряда"],
        &["четвъртък"],
        &["петък"],
        &["събота"],
        &["неделя"],
    ],
    words: &[
        ("вчера", DayRel(-1)),
        ("днес", DayRel(0)),
        ("утре", DayRel(1)),
        ("ден", Unit(Unit::Day)),
        ("дни", Unit(Unit::Day)),
        ("дена", Unit(Unit::Day)),
        ("седмица", Unit(Unit::Week)),
        ("седмицата", Unit(Unit::Week)),
        ("седмици", Unit(Unit::Week)),
        ("месец", Unit(Unit::Month)),
        ("месеца", Unit(Unit::Month)),
        ("месеци", Unit(Unit::Month)),
        ("година", Unit(Unit::Year)),
        ("годината", Unit(Unit::Year)),
        ("години", Unit(Unit::Year)),
        ("миналата", Last),
        ("миналия", Last),
        ("миналото", Last),
        ("изминалата", Last),
        ("тази", This),
        ("този", This),
        ("това", This),
        ("следващата", Next),
        ("следващия", Next),
        ("от", Since),
        ("в", Prep),
        ("във", Prep),
        ("през", Prep),
        ("до", Prep),
        ("на", Prep),
        ("преди", AgoPrefix),
        ("един", Num(1)),
        ("една", Num(1)),
        ("два", Num(2)),
        ("две", Num(2)),
        ("три", Num(3)),
        ("четири", Num(4)),
        ("пет", Num(5)),
        ("няколко", Num(3)),
        ("г", YearAbbr),
    ],
};

const PT: Table = Table {
    months: [
        &["janeiro"],
        &["fevereiro"],
        &["março", "marco"],
        &["abril"],
        &["maio"],
        &["junho"],
        &["julho"],
        &["agosto"],
        &["setembro"],
        &["outubro"],
        &["novembro"],
        &["dezembro"],
    ],
    month_abbrs: &[],
    weekdays: [
        &["segunda-feira", "segunda"],
        &["terça-feira", "terca-feira", "terça"],
        &["quarta-feira", "quarta"],
        &["quinta-feira", "quinta"],
        &["sexta-feira", "sexta"],
        &["sábado", "sabado"],
        &["domingo"],
    ],
    words: &[
        ("ontem", DayRel(-1)),
        ("anteontem", DayRel(-2)),
        ("hoje", DayRel(0)),
        ("amanhã", DayRel(1)),
        ("dia", Unit(Unit::Day)),
        ("dias", Unit(Unit::Day)),
        ("semana", Unit(Unit::Week)),
        ("semanas", Unit(Unit::Week)),
        ("mês", Unit(Unit::Month)),
        ("meses", Unit(Unit::Month)),
        ("ano", Unit(Unit::Year)),
        ("anos", Unit(Unit::Year)),
        ("passada", Last),
        ("passado", Last),
        ("última", Last),
        ("último", Last),
        ("esta", This),
        ("este", This),
        ("nesta", This),
        ("neste", This),
        ("próxima", Next),
        ("próximo", Next),
        ("desde", Since),
        ("em", Prep),
        ("no", Prep),
        ("na", Prep),
        ("até", Prep),
        ("de", Of),
        ("há", AgoPrefix),
        ("atrás", Ago),
        ("um", Num(1)),
        ("uma", Num(1)),
        ("dois", Num(2)),
        ("duas", Num(2)),
        ("três", Num(3)),
        ("quatro", Num(4)),
        ("cinco", Num(5)),
    ],
};

const ES: Table = Table {
    months: [
        &["enero"],
        &["febrero"],
        &["marzo"],
        &["abril"],
        &["mayo"],
        &["junio"],
        &["julio"],
        &["agosto"],
        &["septiembre", "setiembre"],
        &["octubre"],
        &["noviembre"],
        &["diciembre"],
    ],
    month_abbrs: &[],
    weekdays: [
        &["lunes"],
        &["martes"],
        &["miércoles", "miercoles"],
        &["jueves"],
        &["viernes"],
        &["sábado", "sabado"],
        &["domingo"],
    ],
    words: &[
        ("ayer", DayRel(-1)),
        ("anteayer", DayRel(-2)),
        ("hoy", DayRel(0)),
        ("mañana", DayRel(1)),
        ("día", Unit(Unit::Day)),
        ("días", Unit(Unit::Day)),
        ("semana", Unit(Unit::Week)),
        ("semanas", Unit(Unit::Week)),
        ("mes", Unit(Unit::Month)),
        ("meses", Unit(Unit::Month)),
        ("año", Unit(Unit::Year)),
        ("años", Unit(Unit::Year)),
        ("pasada", Last),
        ("pasado", Last),
        ("esta", This),
        ("este", This),
        ("próxima", Next),
        ("próximo", Next),
        ("desde", Since),
        ("en", Prep),
        ("el", Prep),
        ("hasta", Prep),
        ("de", Of),
        ("del", Of),
        ("hace", AgoPrefix),
        ("atrás", Ago),
        ("la", NotTomorrow),
        ("por", NotTomorrow),
        ("cada", NotTomorrow),
        ("un", Num(1)),
        ("una", Num(1)),
        ("dos", Num(2)),
        ("tres", Num(3)),
        ("cuatro", Num(4)),
        ("cinco", Num(5)),
    ],
};

/// The lookup for one language.
pub(crate) struct Lexicon {
    words: HashMap<&'static str, Meaning>,
    /// Matches any word that can start or anchor a date without digits.
    keywords: AhoCorasick,
    /// English month and weekday names must be capitalised ("May", not "may").
    pub(crate) capitalised_names: bool,
    /// Spanish and Portuguese weekday names need an article or preposition
    /// before them ("el lunes"); "Domingo" alone is usually a name.
    pub(crate) weekday_needs_prep: bool,
    /// Whether `dd/mm/yyyy` is read as day first (not in English).
    pub(crate) slash_day_first: bool,
}

impl Lexicon {
    fn build(table: &Table, lang: &str) -> Lexicon {
        let mut words = HashMap::new();
        for (m, forms) in table.months.iter().enumerate() {
            for form in *forms {
                words.insert(*form, Month(m as u32 + 1));
            }
        }
        for (form, m) in table.month_abbrs {
            words.entry(*form).or_insert(MonthAbbr(*m));
        }
        for (d, forms) in table.weekdays.iter().enumerate() {
            for form in *forms {
                words.insert(*form, Weekday(d as u32));
            }
        }
        for (form, meaning) in table.words {
            words.entry(*form).or_insert(*meaning);
        }
        let mut patterns: Vec<String> = Vec::new();
        for (form, meaning) in &words {
            if matches!(
                meaning,
                Month(_) | MonthAbbr(_) | Weekday(_) | DayRel(_) | YearRel(_) | Unit(_)
            ) {
                patterns.push(form.to_string());
                let mut chars = form.chars();
                if let Some(first) = chars.next() {
                    let capitalised: String = first.to_uppercase().chain(chars).collect();
                    patterns.push(capitalised);
                }
                patterns.push(form.to_uppercase());
            }
        }
        let keywords = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&patterns)
            .expect("keyword automaton builds from a small static table");
        Lexicon {
            words,
            keywords,
            capitalised_names: lang == "en",
            weekday_needs_prep: lang == "es" || lang == "pt",
            slash_day_first: lang != "en",
        }
    }

    /// The meaning of a lowercase word.
    pub(crate) fn get(&self, lower: &str) -> Option<Meaning> {
        self.words.get(lower).copied()
    }

    /// Cheap pre-check: could `text` hold a date expression at all?
    pub(crate) fn may_hold_date(&self, text: &str) -> bool {
        text.bytes().any(|b| b.is_ascii_digit()) || self.keywords.is_match(text)
    }
}

static LEXICONS: LazyLock<[Lexicon; 6]> = LazyLock::new(|| {
    [
        Lexicon::build(&EN, "en"),
        Lexicon::build(&RU, "ru"),
        Lexicon::build(&UK, "uk"),
        Lexicon::build(&BG, "bg"),
        Lexicon::build(&PT, "pt"),
        Lexicon::build(&ES, "es"),
    ]
});

/// The lexicon for an ISO 639-1 code; English for anything else.
pub(crate) fn lexicon(lang: Option<&str>) -> &'static Lexicon {
    let lexicons = &*LEXICONS;
    let code = lang.unwrap_or("en");
    let code = code.get(..2).unwrap_or(code);
    match code.to_ascii_lowercase().as_str() {
        "ru" => &lexicons[1],
        "uk" => &lexicons[2],
        "bg" => &lexicons[3],
        "pt" => &lexicons[4],
        "es" => &lexicons[5],
        _ => &lexicons[0],
    }
}

/// The languages with their own table.
pub const LANGUAGES: &[&str] = &["en", "ru", "uk", "bg", "pt", "es"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_builds_and_knows_its_months() {
        assert_eq!(lexicon(Some("en")).get("december"), Some(Month(12)));
        assert_eq!(lexicon(Some("ru")).get("мая"), Some(Month(5)));
        assert_eq!(lexicon(Some("uk")).get("травня"), Some(Month(5)));
        assert_eq!(lexicon(Some("bg")).get("май"), Some(Month(5)));
        assert_eq!(lexicon(Some("pt")).get("maio"), Some(Month(5)));
        assert_eq!(lexicon(Some("es")).get("mayo"), Some(Month(5)));
        assert_eq!(lexicon(Some("xx")).get("may"), Some(Month(5)));
        assert_eq!(lexicon(Some("é")).get("may"), Some(Month(5)));
    }

    #[test]
    fn precheck_sees_capitalised_cyrillic() {
        assert!(lexicon(Some("ru")).may_hold_date("Вчера он сказал"));
        assert!(lexicon(Some("en")).may_hold_date("YESTERDAY"));
        assert!(!lexicon(Some("en")).may_hold_date("Nothing here at all."));
    }
}
