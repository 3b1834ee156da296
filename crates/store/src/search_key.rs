//! The folded key person search matches on.

use unicode_normalization::UnicodeNormalization;

/// The search key of a display name: NFKC, then the project's one folding function
/// ([`attache_model::fold::fold`]: Latin transliterated to lower-case ASCII, `Tô Lâm` →
/// `to lam`, `Đ` → `d`, `Støre` → `store`; other scripts lower-cased and kept, Cyrillic
/// `ё` → `е`), with runs of white space collapsed to one space and trimmed.
///
/// Both the stored names and the query go through it, so `instr(key, query)` is a
/// diacritics- and case-insensitive substring match. SQLite's own folding (FTS5
/// `remove_diacritics`) leaves `đ` and `ø` alone, which is why the key is computed here.
///
/// ```
/// assert_eq!(attache_store::search_key("Tổng Bí thư  Tô Lâm"), "tong bi thu to lam");
/// assert_eq!(attache_store::search_key("Jonas Gahr Støre"), "jonas gahr store");
/// ```
pub fn search_key(name: &str) -> String {
    let composed: String = name.nfkc().collect();
    let folded = attache_model::fold::fold(&composed);
    let mut key = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::search_key;

    #[test]
    fn search_key_table() {
        let cases = [
            ("vietnamese", "Tô Lâm", "to lam"),
            ("vietnamese stacked marks", "Nguyễn Phú Trọng", "nguyen phu trong"),
            ("d with stroke", "Điện đàm", "dien dam"),
            ("o with stroke", "Jonas Gahr Støre", "jonas gahr store"),
            ("l with stroke", "Łukasz", "lukasz"),
            ("sharp s", "Straße", "strasse"),
            ("dotted capital i", "İstanbul", "istanbul"),
            ("breve", "Erdoğan", "erdogan"),
            ("decomposed input", "To\u{302} La\u{302}m", "to lam"),
            ("fullwidth", "ＡＢＣ", "abc"),
            ("white space collapsed", "  Tô \t Lâm  ", "to lam"),
            ("cyrillic lower-cased", "Владимир Путин", "владимир путин"),
            ("cyrillic yo", "Пётр Ёлкин", "петр елкин"),
            ("cyrillic short i kept", "Сергей", "сергей"),
            ("cjk kept", "普京", "普京"),
            ("empty", "", ""),
        ];
        for (name, input, want) in cases {
            assert_eq!(search_key(input), want, "{name}");
        }
    }

    #[test]
    fn search_key_is_idempotent() {
        for s in ["Tô Lâm", "Støre", "Пётр", "普京", "Straße"] {
            assert_eq!(search_key(&search_key(s)), search_key(s), "{s}");
        }
    }
}
