//! Language identification of the article body (whatlang's trigram model).

/// The body's language as sitrep reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageGuess {
    /// ISO 639-1 code (`en`), or `und` when the text is too short or unknown.
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
    let Some(info) = whatlang::detect(text) else {
        return LanguageGuess {
            code: "und",
            name: "undetermined",
            reliable: false,
        };
    };
    let code = iso639_1(info.lang().code()).unwrap_or("und");
    LanguageGuess {
        code,
        name: info.lang().eng_name(),
        reliable: info.is_reliable(),
    }
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
}
