//! Language identification of the article body (whatlang's trigram model).
//!
//! Most bodies sitrep reads are English, and whatlang scores every text against all its
//! language profiles at a nearly fixed cost (a few hundred microseconds, a few percent of
//! the pipeline on short wire stories). A text whose words are plainly English (a third of
//! its first few hundred words are English function words, which no other language writes
//! that densely) is taken as English without the trigram model; every other text goes to
//! whatlang.

/// The body's language as sitrep reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageGuess {
    /// ISO 639-1 code (`en`), or `und` when the text is too short or unknown, or when the
    /// detector is unsure of a language other than English.
    pub code: &'static str,
    /// English name of the language (`English`).
    pub name: &'static str,
    /// Whether the detector is confident.
    pub reliable: bool,
}

impl LanguageGuess {
    /// Whether sitrep's English models may be trusted on this text: English, or too short
    /// and uncertain to tell.
    pub fn is_english_or_unknown(&self) -> bool {
        self.code == "en" || self.code == "und" || !self.reliable
    }
}

/// Identifies the language of `text`.
pub fn detect_language(text: &str) -> LanguageGuess {
    if plainly_english(text) {
        return LanguageGuess {
            code: "en",
            name: "English",
            reliable: true,
        };
    }
    let Some(info) = whatlang::detect(text) else {
        return LanguageGuess {
            code: "und",
            name: "undetermined",
            reliable: false,
        };
    };
    // An unsure guess of a language other than English is no language: on short or
    // telegraphic English ("Qtly div 20 cts vs 20 cts prior") the trigram model names
    // French or Latin. An unsure English guess stands: English is what sitrep reads, and
    // `is_english_or_unknown` treats every unsure text as English anyway.
    let code = iso639_1(info.lang().code()).filter(|&c| c == "en" || info.is_reliable());
    LanguageGuess {
        code: code.unwrap_or("und"),
        name: code.map_or("undetermined", |_| info.lang().eng_name()),
        reliable: info.is_reliable(),
    }
}

/// English function words: in English prose they are a third to a half of all words; in
/// other languages written in Latin script, a few percent at most ("a", "in", "to", "die"
/// and "on" exist elsewhere, but not all together at that density).
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "it", "with", "as", "was",
    "by", "at", "from", "he", "be", "has", "have", "are", "were", "which", "its", "an", "not",
    "will", "this", "but", "had", "after", "also", "would", "been", "they", "their", "who", "his",
    "her", "or", "than", "about", "said", "she", "we", "there", "into", "more", "could",
];

/// How many words of a text are looked at to call it plainly English.
const SAMPLE_WORDS: usize = 300;
/// Fewer words than this are too few to call.
const MIN_WORDS: usize = 30;

/// Whether `text` is plainly English: at least [`MIN_WORDS`] words among its first
/// [`SAMPLE_WORDS`], a third of them English function words, and nearly all its letters
/// ASCII (so a text in another script with English quotations still goes to whatlang).
fn plainly_english(text: &str) -> bool {
    let (mut words, mut function, mut letters, mut ascii) = (0usize, 0usize, 0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
        .take(SAMPLE_WORDS)
    {
        words += 1;
        for c in word.chars() {
            letters += 1;
            ascii += usize::from(c.is_ascii());
        }
        if word.len() <= 5
            && ENGLISH_FUNCTION_WORDS
                .iter()
                .any(|f| f.eq_ignore_ascii_case(word))
        {
            function += 1;
        }
    }
    words >= MIN_WORDS && 3 * function >= words && 50 * ascii >= 49 * letters
}

/// ISO 639-3 (whatlang's codes) to ISO 639-1.
fn iso639_1(code3: &str) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("afr", "af"),
        ("aka", "ak"),
        ("amh", "am"),
        ("ara", "ar"),
        ("aze", "az"),
        ("bel", "be"),
        ("ben", "bn"),
        ("bul", "bg"),
        ("cat", "ca"),
        ("ces", "cs"),
        ("cmn", "zh"),
        ("dan", "da"),
        ("deu", "de"),
        ("ell", "el"),
        ("eng", "en"),
        ("epo", "eo"),
        ("est", "et"),
        ("fin", "fi"),
        ("fra", "fr"),
        ("guj", "gu"),
        ("heb", "he"),
        ("hin", "hi"),
        ("hrv", "hr"),
        ("hun", "hu"),
        ("hye", "hy"),
        ("ind", "id"),
        ("ita", "it"),
        ("jav", "jv"),
        ("jpn", "ja"),
        ("kan", "kn"),
        ("kat", "ka"),
        ("khm", "km"),
        ("kor", "ko"),
        ("lat", "la"),
        ("lav", "lv"),
        ("lit", "lt"),
        ("mal", "ml"),
        ("mar", "mr"),
        ("mkd", "mk"),
        ("mya", "my"),
        ("nep", "ne"),
        ("nld", "nl"),
        ("nob", "nb"),
        ("ori", "or"),
        ("pan", "pa"),
        ("pes", "fa"),
        ("pol", "pl"),
        ("por", "pt"),
        ("ron", "ro"),
        ("rus", "ru"),
        ("sin", "si"),
        ("slk", "sk"),
        ("slv", "sl"),
        ("sna", "sn"),
        ("spa", "es"),
        ("srp", "sr"),
        ("swe", "sv"),
        ("tam", "ta"),
        ("tel", "te"),
        ("tgl", "tl"),
        ("tha", "th"),
        ("tuk", "tk"),
        ("tur", "tr"),
        ("ukr", "uk"),
        ("urd", "ur"),
        ("uzb", "uz"),
        ("vie", "vi"),
        ("yid", "yi"),
        ("zul", "zu"),
    ];
    TABLE.iter().find(|(c3, _)| *c3 == code3).map(|(_, c1)| *c1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_english_from_french_and_german() {
        let en = detect_language(
            "The government said on Monday that it would not send weapons to the region, officials confirmed.",
        );
        assert_eq!((en.code, en.reliable), ("en", true));
        let fr = detect_language(
            "Le gouvernement a déclaré lundi qu'il n'enverrait pas d'armes dans la région, ont confirmé les responsables.",
        );
        assert_eq!(fr.code, "fr");
        assert!(!fr.is_english_or_unknown());
        let de = detect_language(
            "Die Regierung erklärte am Montag, dass sie keine Waffen in die Region schicken werde.",
        );
        assert_eq!(de.code, "de");
        assert_eq!(detect_language("").code, "und");
    }

    #[test]
    fn plainly_english_prose_skips_the_trigram_model_and_agrees_with_it() {
        let prose = "The minister said on Monday that the government would not send any \
            weapons to the region, and that it was ready to talk with its neighbours about the \
            future of the border. Officials in the capital said the talks were expected to \
            start after the elections, which are due in the spring.";
        assert!(plainly_english(prose));
        let guess = whatlang::detect(prose).expect("whatlang detects");
        assert_eq!(guess.lang().code(), "eng");
        assert_eq!(detect_language(prose).code, "en");
        // Too short, another language, or another script: whatlang decides.
        assert!(!plainly_english("The minister said no."));
        let french = "Le ministre a déclaré lundi que le gouvernement n'enverrait pas d'armes \
            dans la région et qu'il était prêt à discuter avec ses voisins de l'avenir de la \
            frontière. Les responsables de la capitale ont indiqué que les pourparlers devraient \
            commencer après les élections, prévues au printemps.";
        assert!(!plainly_english(french));
        assert_eq!(detect_language(french).code, "fr");
        let mixed = format!(
            "{prose} Министр заявил, что правительство не будет отправлять оружие в регион и что оно готово к переговорам с соседями о будущем границы."
        );
        assert!(!plainly_english(&mixed));
    }

    #[test]
    fn an_unsure_guess_of_another_language_is_undetermined() {
        // Wire-style results tables are English, but their few words look French to the
        // trigram model, which is not sure of it.
        let table = "CHICAGO, March 13 - Qtly div 20 cts vs 20 cts previously\n\nPay April 15\n\nRecord March 23";
        let info = whatlang::detect(table).expect("whatlang detects");
        assert!(!info.is_reliable());
        assert_ne!(info.lang().code(), "eng");
        let guess = detect_language(table);
        assert_eq!(
            (guess.code, guess.name, guess.reliable),
            ("und", "undetermined", false)
        );
        assert!(guess.is_english_or_unknown());
    }
}
