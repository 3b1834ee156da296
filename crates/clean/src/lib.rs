//! Clean: [`RawDoc`] → [`Article`], the second stage of the attache pipeline.
//!
//! Keeps the article and drops the page around it, for both kinds of input:
//!
//! * **Plain text** (text already taken out of a page, boilerplate still in): a line filter.
//!   Section markers ("Related News", "Tin mới", "I samma ämne", "Kommentar (0)") cut the
//!   page's tail; image lines, captions ("… - Foto 1."), ad placeholders (`[annonse_2]`),
//!   relative timestamps ("5 giờ trước"), credit lines ("Translated by …", "Tuoitre.vn",
//!   "Källa: https://…"), bylines ("By Jane Doe"), tag lines ("Tags: …", "Läs mer om: …"),
//!   navigation menus and breadcrumbs ("Home | World | Business", "Trang chủ › Thời sự") and
//!   site banners ("Vietnam.vn - …") are dropped; comment widgets and copyright footers cut
//!   the tail. The headline is the title-like line closest above the lead paragraph (past the
//!   dateline), so a site's name, clock or slogan above it goes too, and so do short credit
//!   lines after the last paragraph ("TT", an author's name). The language words are data:
//!   `lexicons/<lang>/clean.toml` ([`CleanLexicon`]), every language applied to every
//!   document, since the language is not known yet.
//! * **HTML**: the `trafilatura` crate finds the main content and the page's metadata
//!   (title, URL, site name, date); the same line filter then runs on its text.
//!
//! The result's `text` is NFC, one paragraph per kept line, paragraphs separated by a blank
//! line. The headline, the article's dateline line ("12/06/2020 09:55") and a lead with a
//! source tag ("(VOVWORLD) - …") stay in the text; they are also reported in `title`,
//! `dateline` and `source`. A `Source: https://…` line is dropped but its URL kept as `url`.
//! Metadata given with the document ([`RawDoc::meta`]) wins over what is found in the text.
//!
//! ```
//! use attache_clean::CleanConfig;
//! use attache_model::{DocId, Format, Meta, RawDoc};
//!
//! let cleaner = CleanConfig::default().build()?;
//! let doc = RawDoc {
//!     id: DocId("a.txt".into()),
//!     origin: "a.txt".into(),
//!     format: Format::Text,
//!     body: "July 1, 2024 | 10:14 GMT +7\n\
//!            Putin visits Hanoi\n\
//!            20/06/2024 14:17\n\
//!            (VNA) - Russian President Vladimir Putin arrived in Hanoi on Thursday for a state visit.\n\
//!            ![Putin](https://example.vn/a.jpg)\n\
//!            Related News\n\
//!            Xi to visit Kazakhstan\n"
//!         .into(),
//!     meta: Meta::default(),
//! };
//! let article = cleaner.clean(&doc)?;
//! assert_eq!(article.title.as_deref(), Some("Putin visits Hanoi"));
//! assert_eq!(article.dateline.as_deref(), Some("20/06/2024 14:17"));
//! assert_eq!(article.source.as_deref(), Some("VNA"));
//! assert_eq!(
//!     article.text,
//!     "Putin visits Hanoi\n\n20/06/2024 14:17\n\n\
//!      (VNA) - Russian President Vladimir Putin arrived in Hanoi on Thursday for a state visit."
//! );
//! # Ok::<(), attache_clean::Error>(())
//! ```
//!
//! What it does not do: it does not parse the dateline into a date (the date resolver does;
//! `published` comes only from metadata), does not detect the language (`lang` stays `None`),
//! and does not score paragraphs by stop-word density.

mod config;
mod error;
mod html;
mod text;

pub use config::{CleanConfig, CleanLexicon};
pub use error::Error;
pub use text::CleanText;

use attache_model::{Article, Format, RawDoc};
use unicode_normalization::UnicodeNormalization;

/// Cleans documents; built once by [`CleanConfig::build`], with every pattern compiled, and
/// then shared (it is `Send + Sync`).
#[derive(Debug)]
pub struct Cleaner {
    rules: text::Rules,
    html: html::HtmlExtractor,
}

impl Cleaner {
    /// The article in a raw document, or why there is none.
    pub fn clean(&self, doc: &RawDoc) -> Result<Article, Error> {
        let (cleaned, page) = match doc.format {
            Format::Text => (self.rules.clean(&doc.body), None),
            Format::Html => {
                let mut page = self.html.extract(&doc.body).map_err(|failure| match failure {
                    html::Failure::Extractor(source) => {
                        Error::Html { id: doc.id.clone(), origin: doc.origin.clone(), source }
                    }
                    html::Failure::Panic => {
                        Error::HtmlPanic { id: doc.id.clone(), origin: doc.origin.clone() }
                    }
                })?;
                // Put the headline on top, as in plain text, so that the same rules find the
                // dateline and lead below it. A page's <title> often adds the site's name
                // ("Headline | Site"); the first line, when the title contains it, is the
                // headline itself.
                let first = page.text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
                let mut input = String::with_capacity(page.text.len() + 200);
                match &mut page.title {
                    Some(title) if !first.is_empty() && title.contains(first) => {
                        *title = first.to_owned();
                    }
                    Some(title) if !first.contains(title.as_str()) => {
                        input.push_str(title);
                        input.push_str("\n\n");
                    }
                    _ => {}
                }
                input.push_str(&page.text);
                (self.rules.clean(&input), Some(page))
            }
        };
        if cleaned.text.is_empty() {
            return Err(Error::NoText { id: doc.id.clone(), origin: doc.origin.clone() });
        }
        let nfc = |s: &String| -> String { s.trim().nfc().collect() };
        let meta = &doc.meta;
        let page_title = page.as_ref().and_then(|p| p.title.as_ref()).map(nfc);
        let page_url = page.as_ref().and_then(|p| p.url.clone());
        let page_site = page.as_ref().and_then(|p| p.sitename.as_ref()).map(nfc);
        Ok(Article {
            id: doc.id.clone(),
            origin: doc.origin.clone(),
            text: cleaned.text,
            title: meta.title.as_ref().map(nfc).or(page_title).or(cleaned.title),
            published: meta.published.or(page.as_ref().and_then(|p| p.date)),
            dateline: cleaned.dateline,
            source: meta.source.as_ref().map(nfc).or(cleaned.source).or(page_site),
            url: meta.url.clone().or(cleaned.url).or(page_url),
            lang: None,
        })
    }

    /// The line filter alone, on plain text: what [`Cleaner::clean`] does to a
    /// [`Format::Text`] body, with the metadata found in it.
    pub fn clean_text(&self, text: &str) -> CleanText {
        self.rules.clean(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::{DocId, Meta};

    fn doc(format: Format, body: &str) -> RawDoc {
        RawDoc {
            id: DocId("d".into()),
            origin: "d.html".into(),
            format,
            body: body.into(),
            meta: Meta::default(),
        }
    }

    fn cleaner() -> Cleaner {
        CleanConfig::default().build().unwrap()
    }

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Modi meets Putin in Moscow | Example News</title>
<meta property="og:title" content="Modi meets Putin in Moscow">
<meta property="og:url" content="https://news.example.com/modi-putin">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-07-09T10:00:00+03:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Modi meets Putin in Moscow</h1>
<p>Indian Prime Minister Narendra Modi held talks with Russian President Vladimir Putin in Moscow on Tuesday, the second day of his visit.</p>
<p>The two leaders discussed trade, energy and the war in Ukraine, according to a statement released by the Kremlin after the meeting.</p>
<p>Modi - Photo: Reuters</p>
<p>Putin said relations between the two countries were developing steadily and invited Modi to visit again next year.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn html_page_gives_text_and_metadata() {
        let article = cleaner().clean(&doc(Format::Html, PAGE)).unwrap();
        assert_eq!(article.title.as_deref(), Some("Modi meets Putin in Moscow"));
        assert!(
            article.text.starts_with("Modi meets Putin in Moscow\n\nIndian Prime Minister"),
            "{}",
            article.text
        );
        assert!(article.text.contains("\n\nPutin said relations"), "{}", article.text);
        assert!(!article.text.contains("Photo: Reuters"), "{}", article.text);
        assert!(!article.text.contains("Copyright"), "{}", article.text);
        assert!(!article.text.contains("Sport"), "{}", article.text);
        assert_eq!(article.url.as_deref(), Some("https://news.example.com/modi-putin"));
        assert_eq!(article.published, Some(jiff::civil::date(2024, 7, 9)));
        assert_eq!(article.source.as_deref(), Some("Example News"));
        assert_eq!(article.lang, None);
    }

    #[test]
    fn metadata_from_the_feed_wins() {
        let mut d = doc(Format::Html, PAGE);
        d.meta = Meta {
            title: Some("Modi i Moskva".into()),
            url: Some("https://feed.example/1".into()),
            published: Some(jiff::civil::date(2024, 7, 8)),
            source: Some("NTB".into()),
            language: Some("nb".into()),
        };
        let article = cleaner().clean(&d).unwrap();
        assert_eq!(article.title.as_deref(), Some("Modi i Moskva"));
        assert_eq!(article.url.as_deref(), Some("https://feed.example/1"));
        assert_eq!(article.published, Some(jiff::civil::date(2024, 7, 8)));
        assert_eq!(article.source.as_deref(), Some("NTB"));
    }

    #[test]
    fn malformed_html_never_panics_table() {
        let deep_divs = format!(
            "{}<p>{}</p>{}",
            "<div>".repeat(100_000),
            "Putin visits Hanoi. ".repeat(10),
            "</div>".repeat(100_000)
        );
        let unclosed = format!(
            "<html><body>{}<p>Putin visits Hanoi and meets To Lam for talks on trade and energy.",
            "<div><b><i><table><tr><td>".repeat(20_000)
        );
        let junk: String = (0u32..20_000)
            .map(|i| char::from_u32(i.wrapping_mul(2_654_435_761) % 0xD000).unwrap_or('?'))
            .collect();
        let cases = [
            (
                "unclosed tags",
                "<html><body><div><p>Putin <b>visits <i>Hanoi<div><span>for talks".to_owned(),
            ),
            ("100k nested divs", deep_divs),
            ("deep unclosed mix", unclosed),
            ("binary junk", junk),
            ("only tags", "<<<>>><</><!--".to_owned()),
            ("empty", String::new()),
            ("stray end tags", "</div></div></p></body></html>text after".to_owned()),
        ];
        let cleaner = cleaner();
        for (name, html) in cases {
            // Ok or Err are both fine; a panic fails the test.
            let t = std::time::Instant::now();
            let _ = cleaner
                .clean(&doc(Format::Html, &html))
                .map(|a| assert!(!a.text.is_empty(), "{name}"));
            assert!(t.elapsed() < std::time::Duration::from_secs(5), "{name}: {:?}", t.elapsed());
        }
    }

    #[test]
    fn nothing_left_is_an_error() {
        let err = cleaner().clean(&doc(Format::Text, "[ad_1]\n\n![x](y.jpg)\n")).unwrap_err();
        assert_eq!(err.to_string(), "document d (d.html) has no article text");
    }

    #[test]
    fn cleaner_is_shareable() {
        fn shared<T: Send + Sync>() {}
        shared::<Cleaner>();
    }
}

#[cfg(test)]
mod script_tests {
    use super::*;

    /// A lead that ends with the sentence mark of its script is a sentence, not a headline.
    #[test]
    fn sentence_marks_of_every_script_end_a_lead() {
        let cleaner = CleanConfig::default().build().unwrap();
        let cases = [
            ("hi", "मोदी और पुतिन की बैठक\n\nप्रधानमंत्री ने मंगलवार को राष्ट्रपति से फोन पर बात की।"),
            ("zh", "中俄元首会谈\n\n国家主席习近平同俄罗斯总统普京举行会谈。"),
            ("ar", "لقاء في القاهرة\n\nهل التقى الرئيس المصري رئيس الوزراء الهندي؟"),
        ];
        for (lang, text) in cases {
            let headline = text.split("\n\n").next().unwrap();
            assert_eq!(cleaner.clean_text(text).title.as_deref(), Some(headline), "{lang}");
        }
    }
}
