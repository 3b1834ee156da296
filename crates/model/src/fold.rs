//! One folding function for matching and search: lower-case, diacritics off, spans kept.
//!
//! Latin-script letters and punctuation go through `any_ascii` ("Tổng Bí thư" → "tong bi thu",
//! "Støre" → "store", "’" → "'"); other scripts are only lower-cased (Cyrillic `ё` → `е`), so
//! that Russian, Chinese or Arabic keep their own letters. [`Folded::map`] takes every byte of
//! the folded text back to the byte of the original it came from, so a match in the folded
//! text becomes a [`Span`](crate::Span) of the original.

/// Folded text with a byte map back into the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// `map[i]` is the original byte offset of folded byte `i`; one extra entry maps
    /// `text.len()` to the original length.
    pub map: Vec<usize>,
}

impl Folded {
    /// Folds `original` (lower-case, diacritics off).
    pub fn new(original: &str) -> Folded {
        Folded::with(original, true)
    }

    /// Folds `original`; with `strip_marks` false only the case is folded (for languages such
    /// as Vietnamese, where "ký" and "kỳ" are different words).
    pub fn with(original: &str, strip_marks: bool) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut buf = [0u8; 4];
        for (at, ch) in original.char_indices() {
            let before = text.len();
            if strip_marks {
                fold_char(ch, &mut text, &mut buf);
            } else {
                lower_char(ch, &mut text, &mut buf);
            }
            map.extend(std::iter::repeat_n(at, text.len() - before));
        }
        map.push(original.len());
        Folded { text, map }
    }

    /// The folded offset of original byte offset `at` (the first folded byte from it or later).
    pub fn folded_offset(&self, at: usize) -> usize {
        self.map.partition_point(|&m| m < at)
    }

    /// The original byte range of folded bytes `start..end`.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map[start];
        // the end maps to the start of the char after the last folded byte's source char
        let e = if end == 0 { 0 } else { self.next_source(end) };
        (s, e)
    }

    /// The original offset just past the source char of folded byte `end - 1`: the map is
    /// monotone and ends with the original length, so the first different entry is it.
    fn next_source(&self, end: usize) -> usize {
        let last = self.map[end - 1];
        self.map[end..].iter().copied().find(|&m| m != last).expect("map ends past every char")
    }
}

/// Folds a string without keeping the map (for keys and lexicon entries).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut buf = [0u8; 4];
    for ch in s.chars() {
        fold_char(ch, &mut out, &mut buf);
    }
    out
}

/// Folds the case only, keeping diacritics (see [`Folded::with`]).
pub fn fold_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut buf = [0u8; 4];
    for ch in s.chars() {
        lower_char(ch, &mut out, &mut buf);
    }
    out
}

/// Digits of other scripts as ASCII ("٢٠٢٤", "२०२४", "๒๕๖๖", "２０２４" → "2024"), so
/// that one date grammar reads them all.
fn ascii_digit(ch: char) -> Option<char> {
    let zero = match ch as u32 {
        0x0660..=0x0669 => 0x0660, // Arabic-Indic
        0x06F0..=0x06F9 => 0x06F0, // Persian
        0x0966..=0x096F => 0x0966, // Devanagari
        0x09E6..=0x09EF => 0x09E6, // Bengali
        0x0E50..=0x0E59 => 0x0E50, // Thai
        0x0ED0..=0x0ED9 => 0x0ED0, // Lao
        0x1040..=0x1049 => 0x1040, // Myanmar
        0x17E0..=0x17E9 => 0x17E0, // Khmer
        0xFF10..=0xFF19 => 0xFF10, // full width
        _ => return None,
    };
    char::from_digit(ch as u32 - zero, 10)
}

fn lower_char(ch: char, out: &mut String, buf: &mut [u8; 4]) {
    if let Some(d) = ascii_digit(ch) {
        out.push(d);
    } else if ch.is_ascii() {
        out.push(ch.to_ascii_lowercase());
    } else if matches!(ch, '\u{2018}' | '\u{2019}') {
        out.push('\'');
    } else {
        for l in ch.to_lowercase() {
            out.push_str(l.encode_utf8(buf));
        }
    }
}

fn is_latin_or_punct(ch: char) -> bool {
    let c = ch as u32;
    c < 0x250 || (0x1E00..0x1F00).contains(&c) || (0x2000..0x2070).contains(&c)
}

fn fold_char(ch: char, out: &mut String, buf: &mut [u8; 4]) {
    if let Some(d) = ascii_digit(ch) {
        out.push(d);
    } else if ch.is_ascii() {
        out.push(ch.to_ascii_lowercase());
    } else if is_latin_or_punct(ch) {
        let ascii = any_ascii::any_ascii_char(ch);
        if ascii.is_empty() {
            // a combining mark or format char: keep one byte so offsets stay monotone
            out.push(' ');
        } else {
            for a in ascii.chars() {
                out.push(a.to_ascii_lowercase());
            }
        }
    } else if ch == 'ё' || ch == 'Ё' {
        out.push('е');
    } else {
        for l in ch.to_lowercase() {
            out.push_str(l.encode_utf8(buf));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_table() {
        let cases = [
            ("vietnamese", "Tổng Bí thư Tô Lâm điện đàm", "tong bi thu to lam dien dam"),
            ("norwegian", "Støre møtte", "store motte"),
            ("swedish", "Rysslands", "rysslands"),
            ("curly apostrophe", "Russia’s", "russia's"),
            ("cyrillic", "Путин провёл", "путин провел"),
            ("chinese", "普京会见", "普京会见"),
            ("arabic digits", "٢٠٢٤/٦/٢٠", "2024/6/20"),
            ("thai digits", "๒๕๖๗", "2567"),
            ("full width", "２０２３年", "2023年"),
        ];
        for (name, input, want) in cases {
            assert_eq!(fold(input), want, "{name}");
            assert_eq!(Folded::new(input).text, want, "{name} (mapped)");
        }
    }

    #[test]
    fn map_points_back_into_the_original() {
        let original = "Ông Nguyễn Phú Trọng gặp Putin";
        let f = Folded::new(original);
        let at = f.text.find("trong").unwrap();
        let (s, e) = f.original_range(at, at + "trong".len());
        assert_eq!(&original[s..e], "Trọng");
        let at = f.text.find("putin").unwrap();
        let (s, e) = f.original_range(at, at + 5);
        assert_eq!(&original[s..e], "Putin");
        assert_eq!(f.map.len(), f.text.len() + 1);
    }
}
