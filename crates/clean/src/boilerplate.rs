//! [`BoilerplateFilter`]: finds web boilerplate lines that survived extraction.

use crate::normalizer::{ends_sentence, starts_list_item};
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Cue phrases that open a teaser, header or prompt line ("read also", "most
/// read", "comments"). Matched at the start of a line, lower-cased, after
/// bullets and symbols. Generic words only, in en, ru, uk, bg, pt, es, de, fr,
/// pl, hi.
const START_CUES: &[&str] = &[
    // en
    "read also",
    "read more",
    "also read",
    "read next",
    "read our",
    "read the full",
    "see also",
    "related",
    "more on this",
    "more from",
    "more stories",
    "most read",
    "most popular",
    "trending",
    "latest video",
    "latest news",
    "watch:",
    "watch the video",
    "гледайте",
    "смотрите видео",
    "дивіться відео",
    "assista",
    "watch now",
    "top stories",
    "recommended",
    "editor's pick",
    "you may also like",
    "you might also like",
    "comments",
    "leave a comment",
    "post new comment",
    "add comment",
    "share this",
    "share on",
    "share your",
    "share:",
    "subscribe",
    "sign up",
    "join our",
    "follow us",
    "like us on",
    "advertisement",
    "sponsored",
    "back to top",
    "skip to",
    "photo:",
    "photos:",
    "image:",
    "picture:",
    "credit:",
    "photo credit",
    "video:",
    "подробнее",
    "подробности",
    "детальніше",
    "докладніше",
    "click here",
    "download the app",
    "listen to this",
    "cookies",
    "we use cookies",
    "accept cookies",
    "newsletter",
    "copy link",
    "print this",
    "email this",
    "tags:",
    "topics:",
    "categories:",
    "advertising",
    // ru / uk
    "читайте также",
    "читайте еще",
    "читайте ещё",
    "читайте також",
    "смотрите также",
    "дивіться також",
    "по теме",
    "на тему",
    "новости по теме",
    "подписывайтесь",
    "подпишитесь",
    "підписуйтесь",
    "підпишіться",
    "поделиться",
    "поділитися",
    "комментарии",
    "коментарі",
    "реклама",
    "фото:",
    "видео:",
    "відео:",
    "теги:",
    "наш телеграм",
    "присоединяйтесь",
    "самое читаемое",
    "популярное",
    "читати також",
    "читайте нас",
    // bg
    "още по темата",
    "прочетете още",
    "прочетете също",
    "вижте още",
    "вижте също",
    "прочети още",
    "абонирайте се",
    "последвайте ни",
    "коментари",
    "сподели",
    "споделете",
    "свързани новини",
    "най-четени",
    "снимка:",
    "снимки:",
    "етикети:",
    // pt / es
    "leia também",
    "leia mais",
    "veja também",
    "veja mais",
    "saiba mais",
    "relacionad",
    "assine",
    "inscreva-se",
    "compartilhe",
    "comentários",
    "publicidade",
    "siga-nos",
    "lea también",
    "lee también",
    "lea más",
    "lee más",
    "ver también",
    "suscríbete",
    "comparte",
    "comentarios",
    "publicidad",
    "síguenos",
    "foto:",
    "fotos:",
    "mais lidas",
    "más leídas",
    "notícias relacionadas",
    "noticias relacionadas",
    // de / fr / pl
    "lesen sie auch",
    "mehr zum thema",
    "auch interessant",
    "abonnieren",
    "teilen",
    "kommentare",
    "werbung",
    "folgen sie uns",
    "lire aussi",
    "à lire aussi",
    "voir aussi",
    "abonnez-vous",
    "partager",
    "commentaires",
    "publicité",
    "suivez-nous",
    "czytaj też",
    "czytaj także",
    "czytaj więcej",
    "zobacz też",
    "zobacz także",
    "subskrybuj",
    "udostępnij",
    "komentarze",
    "obserwuj nas",
    // hi
    "यह भी पढ़ें",
    "ये भी पढ़ें",
    "और पढ़ें",
    "पढ़ें:",
    "पढ़ें -",
    "पढ़ते रहिए",
    "टिप्पणियाँ",
    "टिप्पणी",
    "कॉपी लिंक",
    "इस खबर को सुनें",
    "फॉलो करें",
    "विज्ञापन",
    "ऐप पर पढ़ें",
    "सब्सक्राइब",
    "शेयर करें",
    "संबंधित खबरें",
    "फोटो:",
];

/// Cue phrases that mark boilerplate anywhere in a short line, with a weight.
const ANY_CUES: &[(&str, f32)] = &[
    ("click here", 2.5),
    ("cookie", 2.0),
    ("newsletter", 2.0),
    ("mailing list", 2.0),
    ("subscri", 1.5),
    ("follow us", 2.5),
    ("like us on", 2.5),
    ("terms of use", 2.0),
    ("privacy policy", 2.0),
    ("all rights reserved", 2.0),
    ("sign up", 1.5),
    ("inbox", 1.0),
    ("telegram channel", 1.5),
    ("telegram-канал", 1.5),
    ("телеграм-канал", 1.5),
    ("our telegram", 2.0),
    ("read more", 2.0),
    ("read also", 2.0),
    ("live blog", 1.5),
    ("latest news", 1.0),
    ("trending news", 1.5),
    ("app", 0.5),
    ("advertisement", 2.0),
    ("comments", 1.0),
    ("commenting", 1.5),
    ("share this", 2.0),
    ("quickly share", 2.0),
    ("подписывайтесь", 2.5),
    ("подпишитесь", 2.0),
    ("підписуйтесь", 2.5),
    ("абонирайте", 2.0),
    ("последвайте", 2.0),
    ("читайте также", 2.5),
    ("читайте також", 2.5),
    ("още по темата", 2.5),
    ("leia também", 2.5),
    ("leia mais", 2.0),
    ("siga-nos", 2.5),
    ("síguenos", 2.5),
    ("suscríb", 1.5),
    ("inscreva-se", 2.0),
    ("assine", 1.0),
    ("यह भी पढ़ें", 2.5),
    ("फॉलो", 1.5),
    ("सब्सक्राइब", 2.0),
    ("कॉपी लिंक", 2.5),
    ("वॉट्सऐप", 1.0),
    ("email us", 2.0),
    ("email him at", 2.0),
    ("email her at", 2.0),
    ("follow him on", 2.5),
    ("follow her on", 2.5),
    ("follow them on", 2.5),
    ("on facebook at", 1.5),
    ("do you have a story", 2.5),
    ("got a story", 2.5),
    ("pay for your stories", 2.5),
    ("whatsapp", 0.5),
    ("facebook", 0.5),
    ("twitter", 0.5),
    ("instagram", 0.5),
    ("vkontakte", 0.5),
    ("вконтакте", 0.5),
    ("telegram", 0.5),
    ("youtube", 0.3),
];

/// One automaton over [`ANY_CUES`], built once.
static ANY_CUE_MATCHER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(ANY_CUES.iter().map(|(c, _)| *c)).expect("cue automaton"));

/// Sum of the weights of the distinct [`ANY_CUES`] found in a lower-cased line.
fn any_cue_weight(lower: &str) -> f32 {
    let mut seen = [false; 128];
    let mut total = 0.0;
    for m in ANY_CUE_MATCHER.find_overlapping_iter(lower) {
        let i = m.pattern().as_usize();
        if i < seen.len() && !seen[i] {
            seen[i] = true;
            total += ANY_CUES[i].1;
        }
    }
    total
}

/// Cues of a header that announces a block of teaser links below it.
const TEASER_HEADERS: &[&str] = &[
    "read also",
    "read more",
    "also read",
    "related",
    "more on this",
    "more stories",
    "most read",
    "most popular",
    "trending",
    "top stories",
    "recommended",
    "you may also like",
    "see also",
    "читайте также",
    "читайте також",
    "смотрите также",
    "по теме",
    "новости по теме",
    "още по темата",
    "прочетете още",
    "вижте още",
    "свързани новини",
    "leia também",
    "leia mais",
    "veja também",
    "notícias relacionadas",
    "lea también",
    "noticias relacionadas",
    "más leídas",
    "lesen sie auch",
    "mehr zum thema",
    "lire aussi",
    "voir aussi",
    "czytaj też",
    "czytaj także",
    "zobacz też",
    "यह भी पढ़ें",
    "ये भी पढ़ें",
    "और पढ़ें",
    "पढ़ते रहिए",
    "संबंधित खबरें",
];

/// Headers of a reader-comment section: in the last two thirds of a text, the
/// lines after one are comments.
const COMMENT_HEADERS: &[&str] = &[
    "comments",
    "reader comments",
    "readers' comments",
    "post new comment",
    "leave a comment",
    "коментари",
    "коментари на читателите",
    "комментарии",
    "коментарі",
    "comentários",
    "comentarios",
    "kommentare",
    "commentaires",
    "komentarze",
    "टिप्पणियाँ",
    "टिप्पणी",
];

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Content,
    Boilerplate,
}

/// Classifies lines by shape (length, punctuation, links, capitalisation,
/// position) combined with a small multilingual cue lexicon. A long line with
/// sentence structure is kept even when it holds a cue word.
#[derive(Debug, Clone, Copy, Default)]
pub struct BoilerplateFilter;

/// The part of a line to match cues against: without bullets, emoji and symbols.
fn core_text(lower: &str) -> &str {
    lower.trim_start_matches(|c: char| !c.is_alphabetic())
}

fn starts_with_cue(core: &str, cues: &[&str]) -> bool {
    cues.iter().any(|cue| {
        core.starts_with(cue)
            && core[cue.len()..].chars().next().is_none_or(|c| {
                !c.is_alphanumeric()
                    || cue.ends_with(|c: char| !c.is_alphanumeric())
                    || *cue == "relacionad"
                    || *cue == "subscribe"
            })
    })
}

/// Is `line` only a URL, a handle or a link residue ("pic.twitter.com/x")?
fn is_link_only(line: &str) -> bool {
    let t = line.trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '@');
    !t.is_empty()
        && !t.contains(' ')
        && (t.starts_with("http") || t.starts_with("www.") || t.starts_with("pic.twitter.com"))
}

/// A short teaser cut off with an ellipsis ("While predictions of a…"), at
/// the top or bottom; a sentence ending in an ellipsis has punctuation inside
/// or more words.
fn is_cut_off_teaser(line: &str, words: usize, idx: usize, total: usize) -> bool {
    let at_edge = idx < 2 || idx + 2 >= total;
    let Some(stem) = line.strip_suffix('…').or_else(|| line.strip_suffix("...")) else {
        return false;
    };
    at_edge
        && words <= 7
        && !stem.contains([',', '.', '?', '!', ':', ';'])
        && !line.starts_with(['"', '“', '«', '„'])
}

fn link_like(line: &str) -> bool {
    line.contains("http")
        || line.contains("www.")
        || line.contains(".com")
        || line.contains(" | ")
        || line.contains('»')
        || line
            .split_whitespace()
            .any(|w| w.starts_with('@') && w.len() > 2)
}

impl BoilerplateFilter {
    pub fn new() -> Self {
        BoilerplateFilter
    }

    /// Boilerplate score of one line; `pos` is its index among `total` lines.
    pub fn score(&self, line: &str, pos: usize, total: usize) -> f32 {
        self.score_words(line, line.split_whitespace().count(), pos, total)
    }

    fn score_words(&self, line: &str, words: usize, pos: usize, total: usize) -> f32 {
        if words <= 2 && is_link_only(line) {
            return 10.0;
        }
        // Long lines (real paragraphs) never count; skip the lexicon scans.
        if words > 45 {
            return 0.0;
        }
        let lower = line.to_lowercase();
        let core = core_text(&lower);
        let start = starts_with_cue(core, START_CUES);
        let cue = any_cue_weight(&lower);
        if !start && cue < 1.5 {
            return 0.0;
        }
        let last = line.chars().next_back().unwrap_or(' ');
        let terminal = ends_sentence(last);
        // A cue word opening a real sentence ("Comments by the minister ...")
        // weighs less than one opening a header, a prompt or a teaser.
        let strong_start = start && (words <= 6 || !terminal || core.contains(':'));
        let mut score = match (start, strong_start) {
            (true, true) => 3.0,
            (true, false) => 1.5,
            _ => 0.0,
        } + cue.min(4.0);
        if words <= 8 {
            score += 1.0;
        } else if words <= 15 {
            score += 0.5;
        } else if words > 40 {
            score -= 4.0;
        } else if words >= 25 {
            score -= 1.5;
        }
        if !terminal {
            score += 1.0;
        } else if !strong_start && words > 8 {
            score -= 1.0;
        }
        if link_like(line) {
            score += 1.0;
        }
        let caps = line
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        if words >= 3 && caps * 10 >= words * 6 {
            score += 1.0;
        }
        if pos < 2 || pos + 3 >= total {
            score += 0.5;
        }
        // Sentence structure inside a long line: a comma-led clause or several sentences.
        let sentences = line.matches(". ").count();
        if words > 20 && sentences >= 2 && !start {
            score -= 2.0;
        }
        score
    }

    /// Marks every line as content or boilerplate. Also removes navigation
    /// bullets at the top and teaser blocks under a "related" header.
    pub fn classify(&self, lines: &[String]) -> Vec<LineKind> {
        let total = lines.len();
        let mut kinds = vec![LineKind::Content; total];
        let mut i = 0;
        // Navigation at the top: short bullet lines before the first prose line.
        while i < total && i < 8 {
            let l = &lines[i];
            let words = l.split_whitespace().count();
            if starts_list_item(l) && words <= 10 && !l.ends_with('.') {
                kinds[i] = LineKind::Boilerplate;
                i += 1;
            } else {
                break;
            }
        }
        // Only a run of two or more counts as navigation.
        if i == 1 && self.score(&lines[0], 0, total) < 3.5 {
            kinds[0] = LineKind::Content;
        }
        let mut teaser_block = 0usize;
        for (idx, line) in lines.iter().enumerate() {
            if kinds[idx] == LineKind::Boilerplate {
                continue;
            }
            let words = line.split_whitespace().count();
            if teaser_block > 0 {
                let last = line.chars().next_back().unwrap_or('.');
                // Headline-like lines, or bullet items of a teaser list.
                if words <= 20 && (!ends_sentence(last) || starts_list_item(line)) {
                    kinds[idx] = LineKind::Boilerplate;
                    teaser_block -= 1;
                    continue;
                }
                teaser_block = 0;
            }
            // A cut-off teaser ("While predictions of a…") at the top or bottom.
            if is_cut_off_teaser(line, words, idx, total) {
                kinds[idx] = LineKind::Boilerplate;
                continue;
            }
            if self.score_words(line, words, idx, total) >= 3.5 {
                kinds[idx] = LineKind::Boilerplate;
                let lower = line.to_lowercase();
                let core = core_text(&lower);
                let head = core.trim_end_matches(|c: char| !c.is_alphanumeric());
                if words <= 4 && idx * 3 >= total && COMMENT_HEADERS.contains(&head) {
                    // The rest is the comment section.
                    for k in kinds.iter_mut().skip(idx + 1) {
                        *k = LineKind::Boilerplate;
                    }
                    break;
                }
                let header = starts_with_cue(core, TEASER_HEADERS);
                // "Read also:" with nothing after the colon announces teasers.
                if header && (line.ends_with(':') || words <= 3 && !core.starts_with("most")) {
                    teaser_block = 5;
                }
            }
        }
        kinds
    }

    /// Cuts a photo credit glued to the start of a paragraph ("Фото: Chad
    /// Menegay/Keystone Press Agency/Globallookpress. Запасы …", "Фото: ©
    /// Rod Lamkey, globallookpress.com Постоянный представитель …"): the
    /// label, then the credit up to its first full stop before a capital or
    /// a quote mark, or up to a site's address, within 120 bytes. Returns
    /// the paragraph's rest and the credit, or `None` when the paragraph
    /// opens with no credit or is nothing else.
    pub fn strip_photo_credit(&self, para: &str) -> Option<(String, String)> {
        let (label, after) = para.split_once(':')?;
        let label = label.trim().to_lowercase();
        if !matches!(
            label.as_str(),
            "фото" | "снимка" | "photo" | "foto" | "photo credit" | "фото на деня"
        ) {
            return None;
        }
        let window_end = after
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| i > 120)
            .unwrap_or(after.len());
        let window = &after[..window_end];
        let mut cut = None;
        for (i, c) in window.char_indices() {
            let rest = &after[i + c.len_utf8()..];
            if c == '.' && rest.starts_with(' ') {
                let next = rest.trim_start().chars().next();
                if next.is_some_and(|n| n.is_uppercase() || "\"“«„".contains(n)) {
                    cut = Some(i + 1);
                    break;
                }
            }
            if c == ' ' {
                // "…, globallookpress.com Постоянный": the credit ends with
                // the site's address.
                let word = &after[..i];
                let last = word.rsplit(' ').next().unwrap_or("");
                let site = last.rsplit_once('.').is_some_and(|(host, tld)| {
                    !host.is_empty()
                        && matches!(
                            tld.to_lowercase().as_str(),
                            "com" | "ru" | "org" | "ua" | "net" | "bg"
                        )
                });
                if site {
                    cut = Some(i);
                    break;
                }
            }
        }
        let cut = cut?;
        let rest = after[cut..].trim();
        if rest.is_empty() {
            return None;
        }
        let credit_len = para.len() - after.len() + cut;
        Some((rest.to_string(), para[..credit_len].trim().to_string()))
    }

    /// Cuts parenthesised or bracketed inline teasers ("(Related: …)",
    /// "[Read more: …]") out of a paragraph; returns the cut pieces.
    pub fn strip_inline(&self, para: &str) -> Option<(String, Vec<String>)> {
        if !para.contains(['(', '[']) || !para.contains(':') {
            return None;
        }
        let mut out = String::with_capacity(para.len());
        let mut cut = Vec::new();
        let mut rest = para;
        while let Some(open) = rest.find(['(', '[']) {
            let close_ch = if rest.as_bytes()[open] == b'(' {
                ')'
            } else {
                ']'
            };
            let inner_start = open + 1;
            let Some(close_rel) = rest[inner_start..].find(close_ch) else {
                break;
            };
            let inner = &rest[inner_start..inner_start + close_rel];
            let is_teaser = inner.split_once(':').is_some_and(|(head, _)| {
                head.split_whitespace().count() <= 4
                    && starts_with_cue(core_text(&head.to_lowercase()), TEASER_HEADERS)
            });
            let end = inner_start + close_rel + close_ch.len_utf8();
            if is_teaser {
                out.push_str(rest[..open].trim_end());
                cut.push(rest[open..end].to_string());
                rest = &rest[end..];
                if !rest.starts_with(|c: char| c.is_whitespace() || ".,;:!?".contains(c))
                    && !out.is_empty()
                    && !rest.is_empty()
                {
                    out.push(' ');
                }
            } else {
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
        }
        if cut.is_empty() {
            return None;
        }
        out.push_str(rest);
        Some((out.trim().to_string(), cut))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_credit_glued_to_a_paragraph_is_cut() {
        let f = BoilerplateFilter::new();
        let (rest, credit) = f
            .strip_photo_credit("Фото: Chad Menegay/Keystone Press Agency/Globallookpress. «Запасы снарядов велики», сказал он.")
            .unwrap();
        assert_eq!(rest, "«Запасы снарядов велики», сказал он.");
        assert_eq!(
            credit,
            "Фото: Chad Menegay/Keystone Press Agency/Globallookpress."
        );
        let (rest, credit) = f
            .strip_photo_credit("Фото: © Rod Lamkey, globallookpress.com Постоянный представитель США сообщила, что …")
            .unwrap();
        assert_eq!(rest, "Постоянный представитель США сообщила, что …");
        assert_eq!(credit, "Фото: © Rod Lamkey, globallookpress.com");
        // Nothing else in the paragraph, no label, or a label of a report.
        assert!(f.strip_photo_credit("Фото: Reuters").is_none());
        assert!(f
            .strip_photo_credit("Ukraine: the talks resumed. Then they stopped.")
            .is_none());
        assert!(f
            .strip_photo_credit("Песков: Переговоры невозможны. Так сказал он.")
            .is_none());
    }

    fn kinds(text: &str) -> Vec<LineKind> {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        BoilerplateFilter::new().classify(&lines)
    }

    fn is_bp(line: &str) -> bool {
        let text = format!(
            "The war entered its third year on Monday, officials said in a statement.\n{line}\nThe talks will resume next week in Geneva, according to diplomats."
        );
        kinds(&text)[1] == LineKind::Boilerplate
    }

    use LineKind::{Boilerplate as B, Content as C};

    #[test]
    fn removes_read_also_teasers() {
        assert!(is_bp("Read also: Ministers meet to discuss the budget"));
        assert!(is_bp("READ MORE STORIES FROM OUR SITE"));
        assert!(is_bp("Читайте также: Новые санкции против банков"));
        assert!(is_bp("Прочетете още: Какво следва за цените"));
        assert!(is_bp("Leia também: O que muda na economia"));
        assert!(is_bp("यह भी पढ़ें: चुनाव के नतीजे"));
    }

    #[test]
    fn removes_related_header_and_teasers_below() {
        let k = kinds("First paragraph of the story is here and it is long enough, officials said.\nRelated news\nMinisters meet on budget\nPrices climb again in March\nThe second paragraph goes on with the story, and it is prose.");
        assert_eq!(k, vec![C, B, B, B, C]);
    }

    #[test]
    fn removes_comment_prompts() {
        assert!(is_bp("COMMENTS"));
        assert!(is_bp("Leave a comment"));
        assert!(is_bp("Комментарии"));
        assert!(is_bp("0 टिप्पणियाँ"));
    }

    #[test]
    fn removes_share_subscribe_follow_newsletter() {
        assert!(is_bp("Share this article"));
        assert!(is_bp(
            "Subscribe to our newsletter to get updates in your inbox."
        ));
        assert!(is_bp("Follow us on Facebook, Twitter and Instagram"));
        assert!(is_bp("Подписывайтесь на наш телеграм-канал!"));
        assert!(is_bp("Абонирайте се за нашия бюлетин"));
        assert!(is_bp("Siga-nos no Telegram"));
        assert!(is_bp(
            "To get our daily newsletter with selected articles, click here."
        ));
    }

    #[test]
    fn removes_comment_section_at_the_end() {
        let k = kinds("The vote was held on Sunday, officials said in a statement.\nTurnout was high in the capital, they added.\nThe count goes on.\nComments\nGreat article, thanks!\nI disagree with the author.");
        assert_eq!(k, vec![C, C, C, B, B, B]);
    }

    #[test]
    fn removes_cut_off_teasers_at_the_edges() {
        let k = kinds("While predictions of a…\nThe summit opened in Brussels on Monday, with leaders arriving late.\nIt ended on Tuesday.\nLeaders left.\nThey will meet again.");
        assert_eq!(k[0], B);
        assert!(is_bp("Подробнее в нашем материале: https://example.org/a"));
        assert!(is_bp(
            "Do you have a story for our team? Email us at tips@example.org"
        ));
    }

    #[test]
    fn removes_bullet_teasers_under_a_related_header() {
        let k = kinds("The summit opened in Brussels on Monday, with leaders arriving late.\nRelated:\n- Will the talks fail?\n- Leaders meet again (Video)\nThe second day began with a speech by the host, officials said.");
        assert_eq!(k, vec![C, B, B, B, C]);
        assert!(is_bp("Jane Roe is a reporter for Example News. Email her at jr@example.org. Follow her on X."));
        assert!(is_bp("Гледайте целия разговор във видеото."));
    }

    #[test]
    fn removes_cookie_navigation_and_ads() {
        assert!(is_bp("We use cookies to improve your experience. Accept"));
        assert!(is_bp("Back to top"));
        assert!(is_bp("Advertisement"));
        assert!(is_bp("- Copy link"));
        let k = kinds("- Home\n- World\n- Europe\nThe summit opened in Brussels on Monday, with leaders arriving late.");
        assert_eq!(k, vec![B, B, B, C]);
    }

    #[test]
    fn removes_photo_credits_and_links() {
        assert!(is_bp("Photo: Getty Images"));
        assert!(is_bp("Фото: архив"));
        assert!(is_bp("pic.twitter.com/AbCdEf123"));
        assert!(is_bp("https://example.org/some/page"));
    }

    #[test]
    fn keeps_prose_mentioning_subscribe() {
        assert!(!is_bp("The editor said readers who subscribe to the paper's newsletter will get the full report, and that the subscription price will not change this year."));
        assert!(!is_bp("Ukrainian journalists shared the video on Twitter, describing it as the most frightening footage they had seen."));
        assert!(!is_bp(
            "The Treasury did not immediately respond to a request for comment."
        ));
        assert!(!is_bp("Comments by the minister on Monday angered the opposition, which called for his resignation."));
    }

    #[test]
    fn keeps_headings_and_short_lines() {
        assert!(!is_bp("What the Kremlin says"));
        assert!(!is_bp("Sanctions and their effect"));
        assert!(!is_bp("घटती आबादी"));
        assert!(!is_bp(
            "Related talks in Geneva ended without agreement on Friday, both sides said."
        ));
    }

    #[test]
    fn cuts_inline_teasers() {
        let f = BoilerplateFilter::new();
        let (text, cut) = f
            .strip_inline("Scientists grew meat in a lab (Related: Is lab-made chicken safe to eat?) and sold it.")
            .unwrap();
        assert_eq!(text, "Scientists grew meat in a lab and sold it.");
        assert_eq!(cut, vec!["(Related: Is lab-made chicken safe to eat?)"]);
        assert!(f.strip_inline("The bill (passed in May) is law.").is_none());
        assert!(f.strip_inline("Unclosed (Related: x").is_none());
    }
}
