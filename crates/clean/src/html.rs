//! HTML pages: main content and metadata through the `trafilatura` crate.
//!
//! Pages nested deeper than a limit are flattened first ([`flatten_deep`]), so that no page can
//! exhaust the stack of the extractor's recursive tree walks, and the extractor runs under
//! `catch_unwind`, so that a bug in it costs one document, not the run.

use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// What the extractor found in a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Extracted {
    /// Main text, one paragraph per line.
    pub(crate) text: String,
    pub(crate) title: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) sitename: Option<String>,
    pub(crate) date: Option<jiff::civil::Date>,
}

/// Why a page gave nothing.
#[derive(Debug)]
pub(crate) enum Failure {
    Extractor(trafilatura::TrafilaturaError),
    Panic,
}

/// The configured extractor.
#[derive(Debug)]
pub(crate) struct HtmlExtractor {
    options: trafilatura::Options,
    max_depth: usize,
}

impl HtmlExtractor {
    pub(crate) fn new(max_depth: usize) -> HtmlExtractor {
        // The fallback extractors raise F1 on the ScrapingHub benchmark from 0.954 to 0.960.
        // (Lowering `min_extracted_size` lost recall there: it stopped the fallback.)
        let options =
            trafilatura::Options::default().with_fallback(true).with_exclude_comments(true);
        HtmlExtractor { options, max_depth }
    }

    pub(crate) fn extract(&self, html: &str) -> Result<Extracted, Failure> {
        let html = flatten_deep(html, self.max_depth);
        let result = catch_unwind(AssertUnwindSafe(|| trafilatura::extract(&html, &self.options)))
            .map_err(|_| Failure::Panic)?
            .map_err(Failure::Extractor)?;
        let non_empty = |s: &str| {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_owned())
        };
        let meta = &result.metadata;
        Ok(Extracted {
            // `content_text` runs all paragraphs together; the HTML keeps them apart.
            text: html_to_lines(&result.content_html),
            title: non_empty(&meta.title),
            url: non_empty(&meta.url),
            sitename: non_empty(&meta.sitename),
            // `NaiveDate` displays as ISO `YYYY-MM-DD`; going through text keeps chrono out of
            // this crate's dependencies.
            date: meta.date.and_then(|d| d.to_string().parse().ok()),
        })
    }
}

/// Elements that end a line of text.
const BLOCK: [&str; 36] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Text of serialised HTML (as the extractor writes it), one line per block element.
pub(crate) fn html_to_lines(html: &str) -> String {
    let mut lines = Lines { out: String::with_capacity(html.len()), space: false };
    let mut copied = 0;
    for tag in (Tags { html, at: 0 }) {
        lines.text(&html[copied..tag.start]);
        copied = tag.end;
        if BLOCK.contains(&tag.name.as_ref()) {
            lines.end_line();
        }
    }
    lines.text(&html[copied..]);
    lines.out
}

/// Writes text with HTML whitespace rules: runs of whitespace are one space, none at the
/// start of a line.
struct Lines {
    out: String,
    /// Whitespace was seen since the last character written.
    space: bool,
}

impl Lines {
    fn text(&mut self, text: &str) {
        for c in decode_entities(text).chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                self.space = true;
                continue;
            }
            if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push(' ');
            }
            self.space = false;
            self.out.push(c);
        }
    }

    fn end_line(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.space = false;
    }
}

/// Decodes the character references an HTML serialiser writes (`&amp;`, `&nbsp;`, `&#39;`, …).
fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.as_bytes()[..rest.len().min(12)].iter().position(|&b| b == b';');
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Elements whose end tag may be left out; they close themselves instead of nesting, so they
/// do not count towards the depth.
const SELF_CLOSING_BY_HABIT: [&str; 16] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "thead",
    "tbody", "tfoot", "colgroup",
];

/// Elements that never have content.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];

/// Elements whose content is raw text, skipped whole.
const RAW_TEXT: [&str; 5] = ["script", "style", "textarea", "title", "xmp"];

/// One tag found by [`Tags`].
struct Tag<'a> {
    /// Byte range of the whole tag in the page.
    start: usize,
    end: usize,
    /// Lower-case name; empty for comments, doctypes and raw text.
    name: Cow<'a, str>,
    /// An open tag that adds a level of nesting.
    nests: bool,
    /// An end tag that removes one.
    unnests: bool,
    /// A void, raw-text or optional-end-tag element, which does not nest.
    habit: bool,
}

/// A forgiving tag scanner: enough to measure nesting, not a parser.
struct Tags<'a> {
    html: &'a str,
    at: usize,
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        let bytes = self.html.as_bytes();
        loop {
            let start = self.at + memchr::memchr(b'<', &bytes[self.at..])?;
            let rest = &self.html[start..];
            if rest.starts_with("<!--") {
                self.at = rest.find("-->").map_or(bytes.len(), |i| start + i + 3);
                continue;
            }
            let closing = rest.starts_with("</");
            let name_start = start + if closing { 2 } else { 1 };
            let name_len = bytes[name_start..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric() && *b != b'-' && *b != b':')
                .unwrap_or(bytes.len() - name_start);
            if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
                // "<!doctype", "<?xml", "< 3": not an element.
                self.at = start + 1;
                continue;
            }
            let end = bytes[name_start..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(bytes.len(), |i| name_start + i + 1);
            let name = &self.html[name_start..name_start + name_len];
            let name: Cow<'a, str> = if name.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(name.to_ascii_lowercase())
            } else {
                Cow::Borrowed(name)
            };
            self.at = end;
            let self_closing = self.html[..end].ends_with("/>");
            if !closing && RAW_TEXT.contains(&name.as_ref()) {
                // Skip to the matching end tag; its text is never markup.
                let close = format!("</{name}");
                let tail = &self.html[end..];
                let found = tail.to_ascii_lowercase().find(&close);
                self.at = found.map_or(bytes.len(), |i| end + i);
            }
            let counts = !VOID.contains(&name.as_ref())
                && !RAW_TEXT.contains(&name.as_ref())
                && !SELF_CLOSING_BY_HABIT.contains(&name.as_ref());
            let nests = counts && !closing && !self_closing;
            let unnests = counts && closing;
            return Some(Tag { start, end, name, nests, unnests, habit: !counts });
        }
    }
}

/// The page with tags beyond `max_depth` levels of nesting removed (their text kept), or the
/// page itself when it is not that deep.
pub(crate) fn flatten_deep(html: &str, max_depth: usize) -> Cow<'_, str> {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for tag in (Tags { html, at: 0 }) {
        if tag.nests {
            depth += 1;
            deepest = deepest.max(depth);
        } else if tag.unnests {
            depth = depth.saturating_sub(1);
        }
    }
    if deepest <= max_depth {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    // Tags opened beyond the limit and not yet closed.
    let (mut depth, mut excess) = (0usize, 0usize);
    for tag in (Tags { html, at: 0 }) {
        let drop = if tag.nests {
            if depth < max_depth {
                depth += 1;
            } else {
                excess += 1;
            }
            excess > 0
        } else if tag.unnests {
            if excess > 0 {
                excess -= 1;
                true
            } else {
                depth = depth.saturating_sub(1);
                false
            }
        } else {
            // Below the limit, "<tr><td>" and friends are dropped too: html5ever spends
            // quadratic time on them under a deep stack of open elements.
            excess > 0 && tag.habit && !RAW_TEXT.contains(&tag.name.as_ref())
        };
        if drop {
            out.push_str(&html[copied..tag.start]);
            copied = tag.end;
        }
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_to_lines_table() {
        let cases = [
            ("paragraphs", "<h1>Title</h1><p>One.</p><p>Two.</p>", "Title\nOne.\nTwo.\n"),
            ("inline", "<p>Putin <b>said</b> <i>no</i>.</p>", "Putin said no.\n"),
            ("br", "<p>a<br>b</p>", "a\nb\n"),
            (
                "entities",
                "<p>A &amp; B &lt;3 &#39;x&#x27; caf&eacute;</p>",
                "A & B <3 'x' caf&eacute;\n",
            ),
            ("nbsp kept", "<p>He said&nbsp; developing</p>", "He said\u{a0} developing\n"),
            ("whitespace", "<p>\n  a\n   b  </p>\n<p>c</p>", "a b\nc\n"),
            ("lists", "<ul><li>x</li><li>y</li></ul>", "x\ny\n"),
        ];
        for (name, html, want) in cases {
            assert_eq!(html_to_lines(html), want, "{name}");
        }
    }

    #[test]
    fn flattening_table() {
        let cases = [
            (
                "shallow page unchanged",
                "<div><div><p>a</div></div>",
                2,
                "<div><div><p>a</div></div>",
            ),
            ("deep divs cut", "<div><div><div>a</div></div></div>", 2, "<div><div>a</div></div>"),
            (
                "unclosed paragraphs do not nest",
                "<div><p>a<p>b<p>c</div>",
                1,
                "<div><p>a<p>b<p>c</div>",
            ),
            (
                "comments ignored",
                "<div><!-- <div><div> --><b>x</b></div>",
                2,
                "<div><!-- <div><div> --><b>x</b></div>",
            ),
            (
                "script text ignored",
                "<div><script>if (a<b) {}</script><span>x</span></div>",
                2,
                "<div><script>if (a<b) {}</script><span>x</span></div>",
            ),
            (
                "void and self-closing",
                "<div><br><img src=x><span/>a</div>",
                1,
                "<div><br><img src=x><span/>a</div>",
            ),
            ("unclosed formatting", "<b><i><u>x", 2, "<b><i>x"),
            (
                "cells beyond the limit",
                "<div><div><table><tr><td>x</table></div></div>",
                2,
                "<div><div>x</div></div>",
            ),
            (
                "raw text end tags do not unnest",
                "<div><script>x</script><div><div>y</div></div></div>",
                2,
                "<div><script>x</script><div>y</div></div>",
            ),
        ];
        for (name, html, depth, want) in cases {
            assert_eq!(flatten_deep(html, depth), want, "{name}");
        }
    }
}
