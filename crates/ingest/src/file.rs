//! Whole-file formats (`.txt`, `.html`): one file is one document.

use crate::Error;
use attache_model::{DocId, Format, Meta, RawDoc};
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Reads one file as one document, checking its size before reading it.
pub(crate) fn read_document(path: &Path, format: Format, max_bytes: u64) -> Result<RawDoc, Error> {
    let bytes = read_bounded(path, max_bytes)?;
    let body = decode(path, &bytes)?;
    let id = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(RawDoc {
        id: DocId(id),
        origin: path.display().to_string(),
        format,
        body,
        meta: Meta::default(),
    })
}

/// Reads a file of at most `max_bytes`, refusing a larger one without reading it.
pub(crate) fn read_bounded(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Error> {
    let io = |source| Error::Io { path: path.to_owned(), source };
    let file = File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let too_large =
        |size| Error::TooLarge { path: path.to_owned(), line: None, size, max: max_bytes };
    if size > max_bytes {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // The file may have grown since `metadata`; never read more than the limit allows.
    file.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Bytes to text: strips a byte-order mark, decodes UTF-8 (or UTF-16 when its BOM says so), and
/// refuses empty, binary and mis-encoded input.
pub(crate) fn decode(path: &Path, bytes: &[u8]) -> Result<String, Error> {
    if let Some(text) = decode_utf16(bytes) {
        let text = text.map_err(|offset| Error::InvalidEncoding {
            path: path.to_owned(),
            line: None,
            encoding: "UTF-16",
            offset,
        })?;
        return non_empty(path, text);
    }
    let (bytes, bom) = strip_bom(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty { path: path.to_owned(), line: None });
    }
    if looks_binary(bytes) {
        return Err(Error::Binary { path: path.to_owned() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidEncoding {
        path: path.to_owned(),
        line: None,
        encoding: "UTF-8",
        offset: (e.valid_up_to() + bom) as u64,
    })?;
    non_empty(path, text.to_owned())
}

fn non_empty(path: &Path, text: String) -> Result<String, Error> {
    if text.trim().is_empty() {
        return Err(Error::Empty { path: path.to_owned(), line: None });
    }
    Ok(text)
}

/// The bytes without a UTF-8 byte-order mark, and how many bytes were removed.
pub(crate) fn strip_bom(bytes: &[u8]) -> (&[u8], usize) {
    match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    }
}

/// UTF-16 text with a byte-order mark (as Windows tools write it), decoded; `Err` holds the
/// byte offset of the first bad unit. `None` when there is no UTF-16 BOM.
fn decode_utf16(bytes: &[u8]) -> Option<Result<String, u64>> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let body = &bytes[2..];
    let units = body.chunks(2).map(|c| match (c, little) {
        ([a, b], true) => u16::from_le_bytes([*a, *b]),
        ([a, b], false) => u16::from_be_bytes([*a, *b]),
        _ => 0xDC00, // an odd trailing byte: a lone surrogate, so decoding reports it
    });
    let mut text = String::with_capacity(body.len() / 2);
    let mut offset = 2u64;
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => {
                text.push(c);
                offset += c.len_utf16() as u64 * 2;
            }
            Err(_) => return Some(Err(offset)),
        }
    }
    Some(Ok(text))
}

/// How many leading bytes [`looks_binary`] inspects for control characters.
const SNIFF_BYTES: usize = 8192;

/// True for data that is not text: any NUL byte, or more than 10% control characters (other
/// than tab, line breaks, form feed and escape) in the first few kilobytes.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if memchr::memchr(0, bytes).is_some() {
        return true;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let control = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)) || b == 0x7F)
        .count();
    control * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_table() {
        // (name, bytes, expected text or error message)
        let cases: [(&str, &[u8], Result<&str, &str>); 12] = [
            ("plain", b"Hello\n", Ok("Hello\n")),
            ("bom stripped", b"\xEF\xBB\xBFHei verden", Ok("Hei verden")),
            ("vietnamese", "Tổng thống".as_bytes(), Ok("Tổng thống")),
            ("empty", b"", Err("f.txt: empty")),
            ("whitespace only", b"  \n\t\r\n ", Err("f.txt: empty")),
            ("bom only", b"\xEF\xBB\xBF\n", Err("f.txt: empty")),
            ("unicode spaces only", "\u{a0}\u{2003}\n".as_bytes(), Err("f.txt: empty")),
            ("nul byte", b"abc\0def", Err("f.txt: binary data, not text")),
            ("control soup", b"\x01\x02\x03\x04abc\x05\x06", Err("f.txt: binary data, not text")),
            ("latin-1", b"caf\xE9 au lait", Err("f.txt: invalid UTF-8 at byte 3")),
            ("latin-1 after bom", b"\xEF\xBB\xBFcaf\xE9", Err("f.txt: invalid UTF-8 at byte 6")),
            ("utf-16le", b"\xFF\xFEH\0i\0", Ok("Hi")),
        ];
        for (name, bytes, want) in cases {
            let got = decode(Path::new("f.txt"), bytes).map_err(|e| e.to_string());
            assert_eq!(got.as_deref(), want.map_err(String::from).as_deref(), "{name}");
        }
    }

    #[test]
    fn utf16_errors_name_the_offset() {
        // A lone low surrogate after "A".
        let got = decode(Path::new("u.txt"), b"\xFF\xFEA\0\x00\xDC").unwrap_err();
        assert_eq!(got.to_string(), "u.txt: invalid UTF-16 at byte 4");
        let got = decode(Path::new("u.txt"), b"\xFE\xFF\0A\0B").unwrap();
        assert_eq!(got, "AB");
    }
}
