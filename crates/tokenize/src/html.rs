//! The text of an HTML page, for analysis: see [`html_to_text`].

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::LocalName;
use std::cell::RefCell;

/// Whether `text` is an HTML document: after leading whitespace, comments and an XML
/// declaration, it opens with `<!DOCTYPE html`, `<html`, `<head` or `<body` (in any case). A
/// fragment (`<p>Text</p>`) is not taken for a page: a plain text may well start with a tag
/// name in angle brackets.
///
/// ```
/// use brief_tokenize::looks_like_html;
///
/// assert!(looks_like_html("\u{feff}  <!doctype HTML>\n<p>Hi"));
/// assert!(looks_like_html("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"));
/// assert!(looks_like_html("<!-- saved from url -->\n<HTML><BODY>Hi"));
/// assert!(!looks_like_html("<p>Hi</p>"));
/// assert!(!looks_like_html("The <html> tag opens a page."));
/// assert!(!looks_like_html("<htmlish>"));
/// ```
pub fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    // At most a few comments and declarations before the root (bounded: a text of comments
    // is not scanned to its end).
    for _ in 0..16 {
        if let Some(r) = rest.strip_prefix("<!--") {
            match r.find("-->") {
                Some(end) => rest = r[end + 3..].trim_start(),
                None => return false,
            }
        } else if rest.starts_with("<?") {
            match rest.find("?>") {
                Some(end) => rest = rest[end + 2..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    let head = rest.as_bytes();
    let starts = |prefix: &str| {
        head.len() > prefix.len()
            && head[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
            && matches!(
                head[prefix.len()],
                b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/'
            )
    };
    starts("<!doctype html") || starts("<html") || starts("<head") || starts("<body")
}

/// The text of an HTML page: what a reader sees of it, in paragraphs, for analysis.
///
/// Analysts save the pages their news comes from. Read as plain text, a page is tag soup: its
/// scripts, styles, menus and markup would become sentences. This keeps what a reader sees:
/// the text of the body, one paragraph per block (`<p>`, `<div>`, headings, list items, table
/// rows, …), `<br>` as a line break, table cells apart by a space, whitespace collapsed as a
/// browser collapses it, character references decoded. Left out with everything inside them: `<script>`,
/// `<style>`, `<template>`, `<noscript>`, `<svg>`, `<math>`, `<iframe>`, `<object>`,
/// `<canvas>`, the navigation and page furniture of `<nav>`, `<aside>`, `<footer>`, `<form>`,
/// `<button>` and `<select>`, and any element marked `hidden`, `aria-hidden="true"` or
/// `display: none` inline; and a block whose text is mostly links (more than half of it
/// inside `<a href>`: a menu, a breadcrumb trail, a list of related stories), unless it is the
/// `<h1>`. The `<title>` becomes the first line when the body has no `<h1>`, so the title
/// still leads the text (summaries use the title).
///
/// The page is read by html5ever's tokenizer (the WHATWG tokenizer of Servo), not by a tree
/// builder: one pass, time and memory linear in the page on any input, however malformed. A
/// page whose furniture is never closed (an `<aside>` without `</aside>` before the article)
/// would otherwise lose everything after it; when an unclosed element left out four times
/// the text kept or more, or when the page's text is all links, it is read again keeping its
/// furniture and links.
///
/// The text is a new string: the spans of its [`crate::Document`] are offsets into it, not into
/// the page, as they are into the decoded text of a GBK file.
///
/// ```
/// let page = "<!DOCTYPE html><html><head><title>Labs | Daily</title>\
///     <script>var x = 1;</script></head><body><nav>Home &gt; News</nav>\
///     <h1>Province funds 57 laboratories</h1>\
///     <p>The province will invest 2&nbsp;billion yuan.</p><p>Officials said so.</p>\
///     </body></html>";
/// assert!(brief_tokenize::looks_like_html(page));
/// assert_eq!(
///     brief_tokenize::html_to_text(page),
///     "Province funds 57 laboratories\n\nThe province will invest 2 billion yuan.\n\nOfficials said so."
/// );
/// ```
///
/// Never fails: malformed markup is read as a browser's tokenizer reads it; a page without
/// text gives an empty string.
///
/// ```
/// let text = brief_tokenize::html_to_text(
///     "<ul><li>Talent</li><li>Funding &amp; loans</li></ul>\
///      <table><tr><td>Labs</td><td>57</td></tr></table><p>One<br>two</p>",
/// );
/// assert_eq!(text, "Talent\n\nFunding & loans\n\nLabs 57\n\nOne\ntwo");
/// ```
pub fn html_to_text(html: &str) -> String {
    let first = extract(html, true);
    let swallowed = first.unclosed_dropped > 0 && first.unclosed_dropped >= 4 * first.kept;
    if swallowed || first.kept == 0 && first.link_dropped > 0 {
        extract(html, false).into_text()
    } else {
        first.into_text()
    }
}

/// Elements whose content is never text a reader sees.
const RAW: &[&str] = &[
    "script", "style", "template", "noscript", "svg", "math", "iframe", "object", "canvas",
    "noembed", "noframes", "xmp", "textarea",
];

/// How the tokenizer reads the content of a left-out element that holds raw text, to its end
/// tag (`None`: as markup).
fn raw_kind(name: &str) -> Option<RawKind> {
    match name {
        "script" => Some(RawKind::ScriptData),
        "style" | "iframe" | "noembed" | "noframes" | "xmp" => Some(RawKind::Rawtext),
        "textarea" => Some(RawKind::Rcdata),
        _ => None,
    }
}

/// Page furniture: left out, unless an unclosed one would swallow the page.
const FURNITURE: &[&str] = &["nav", "aside", "footer", "form", "button", "select"];

/// Elements that end a paragraph before and after them (a list item or a table row is a
/// paragraph of its own: each is read as a sentence, not run into the next).
const BLOCKS: &[&str] = &[
    "li",
    "dt",
    "dd",
    "tr",
    "option",
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "table",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
    "center",
    "fieldset",
    "legend",
    "body",
    "html",
    "caption",
];

/// Elements that end a line before and after them.
const LINES: &[&str] = &["br"];

/// Elements without an end tag: never opened.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];

/// What `<head>` may hold; any other start tag closes an unclosed head, as in a browser.
const IN_HEAD: &[&str] = &[
    "title", "meta", "link", "style", "script", "base", "noscript", "template",
];

#[derive(Default)]
struct Extract {
    /// The body's text so far.
    out: String,
    /// Whitespace met since the last character kept.
    space: bool,
    /// The line breaks owed before the next character: 1 a line, 2 a paragraph.
    breaks: u8,
    /// The open elements being left out, innermost last (an interned name: 8 bytes each),
    /// and how many of each name are open: an end tag of a name not among them is passed over
    /// without a search, so that no sequence of tags makes the reading quadratic.
    skip: Vec<LocalName>,
    open: rustc_hash::FxHashMap<LocalName, usize>,
    /// Whether the tokenizer is in the raw text of a left-out element.
    raw: bool,
    /// Inside `<title>` (outside the body).
    in_title: bool,
    title: String,
    h1: bool,
    /// Bytes of text kept; bytes left out since the elements in `skip` opened; bytes left out
    /// by elements never closed (ended by `</body>`, `</html>` or the end of the page).
    kept: usize,
    dropped_open: usize,
    unclosed_dropped: usize,
    /// Whether furniture, hidden elements and blocks of links are left out (the first
    /// reading).
    furniture: bool,
    /// Inside `<a href>`.
    link: bool,
    /// The current block's text: where it starts in `out`, its bytes, the bytes inside links,
    /// whether it is an `<h1>`.
    seg_start: usize,
    seg_text: usize,
    seg_link: usize,
    seg_h1: bool,
    /// Bytes of blocks left out as links.
    link_dropped: usize,
}

impl Extract {
    fn into_text(self) -> String {
        let title = collapse(&self.title);
        if self.h1 || title.is_empty() {
            self.out
        } else if self.out.is_empty() {
            title
        } else {
            format!("{title}\n\n{}", self.out)
        }
    }

    fn push_skip(&mut self, name: &LocalName) {
        self.skip.push(name.clone());
        *self.open.entry(name.clone()).or_default() += 1;
    }

    /// Closes the innermost open left-out element named `name` and those inside it; whether
    /// there was one.
    fn close(&mut self, name: &LocalName) -> bool {
        if self.open.get(name).copied().unwrap_or(0) == 0 {
            return false;
        }
        while let Some(top) = self.skip.pop() {
            if let Some(c) = self.open.get_mut(&top) {
                *c -= 1;
            }
            if top == *name {
                break;
            }
        }
        if self.skip.is_empty() {
            self.dropped_open = 0;
        }
        true
    }

    /// How many of the open left-out elements are `<head>`.
    fn open_heads(&self) -> usize {
        self.open
            .get(&LocalName::from("head"))
            .copied()
            .unwrap_or(0)
    }

    /// Closes every left-out element still open: what they left out counts as swallowed.
    fn close_all(&mut self) {
        self.skip.clear();
        self.open.clear();
        self.raw = false;
        self.unclosed_dropped += std::mem::take(&mut self.dropped_open);
    }

    /// A `<br>`: a line break; `<br><br>` (nothing but whitespace between) ends a paragraph,
    /// as pages without `<p>` mark one.
    fn line_break(&mut self) {
        self.newline(if self.breaks >= 1 { 2 } else { 1 });
    }

    fn newline(&mut self, n: u8) {
        self.breaks = self.breaks.max(n);
    }

    fn text(&mut self, t: &str) {
        if self.in_title {
            self.title.push_str(t);
            return;
        }
        if self.raw {
            return;
        }
        if !self.skip.is_empty() {
            self.dropped_open += t.len();
            return;
        }
        for c in t.chars() {
            // (`is_whitespace` holds the no-break space of `&nbsp;` too.)
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if !self.out.is_empty() {
                // (A space is only ever pushed before a character, so `out` never ends with
                // one.)
                if self.breaks > 0 {
                    for _ in 0..self.breaks {
                        self.out.push('\n');
                    }
                } else if self.space {
                    self.out.push(' ');
                }
            }
            self.breaks = 0;
            self.space = false;
            self.out.push(c);
            self.kept += c.len_utf8();
            self.seg_text += c.len_utf8();
            if self.link {
                self.seg_link += c.len_utf8();
            }
        }
    }

    /// Ends the current block: one whose text is mostly links (a menu item, a breadcrumb
    /// trail, a list of related stories) is left out, unless it is the `<h1>`.
    fn boundary(&mut self) {
        if self.furniture && !self.seg_h1 && self.seg_link > 0 && 2 * self.seg_link > self.seg_text
        {
            self.out.truncate(self.seg_start.min(self.out.len()));
            self.kept -= self.seg_text;
            self.link_dropped += self.seg_text;
        }
        self.seg_start = self.out.len();
        self.seg_text = 0;
        self.seg_link = 0;
        self.seg_h1 = false;
    }

    fn hidden(tag: &Tag) -> bool {
        tag.attrs.iter().any(|a| {
            let v = a.value.to_ascii_lowercase();
            match &*a.name.local {
                "hidden" => true,
                "aria-hidden" => v.trim() == "true",
                "style" => v.split(';').any(|d| {
                    d.split_once(':').is_some_and(|(k, val)| {
                        k.trim() == "display" && val.trim().starts_with("none")
                    })
                }),
                _ => false,
            }
        })
    }

    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name = &*tag.name;
        match tag.kind {
            TagKind::StartTag => {
                if self.skip.last().is_some_and(|s| &**s == "head") && !IN_HEAD.contains(&name) {
                    let head = LocalName::from("head");
                    self.close(&head);
                }
                if name == "title" {
                    if self.skip.len() == self.open_heads() && !self.raw {
                        self.in_title = true;
                    }
                    return TokenSinkResult::RawData(RawKind::Rcdata);
                }
                if RAW.contains(&name) {
                    if tag.self_closing {
                        return TokenSinkResult::Continue;
                    }
                    self.push_skip(&tag.name);
                    return match raw_kind(name) {
                        Some(kind) => {
                            self.raw = true;
                            TokenSinkResult::RawData(kind)
                        }
                        None => TokenSinkResult::Continue,
                    };
                }
                let void = VOID.contains(&name) || tag.self_closing;
                if !void
                    && (name == "head"
                        || self.furniture && (FURNITURE.contains(&name) || Self::hidden(tag)))
                {
                    self.push_skip(&tag.name);
                    return TokenSinkResult::Continue;
                }
                if name == "a" {
                    self.link = tag.attrs.iter().any(|a| &*a.name.local == "href");
                    return TokenSinkResult::Continue;
                }
                if BLOCKS.contains(&name) {
                    self.boundary();
                    if name == "h1" && self.skip.is_empty() {
                        self.h1 = true;
                        self.seg_h1 = true;
                    }
                    self.newline(2);
                } else if LINES.contains(&name) {
                    self.line_break();
                } else if matches!(name, "td" | "th" | "img") {
                    self.space = true;
                }
            }
            TagKind::EndTag => {
                if name == "title" {
                    self.in_title = false;
                    return TokenSinkResult::Continue;
                }
                // The tokenizer leaves raw text only at the end tag of the element it began.
                if self.raw && raw_kind(name).is_some() {
                    self.raw = false;
                }
                if self.close(&tag.name) {
                    return TokenSinkResult::Continue;
                }
                if matches!(name, "body" | "html") && !self.skip.is_empty() {
                    self.close_all();
                }
                if name == "a" {
                    self.link = false;
                    return TokenSinkResult::Continue;
                }
                if BLOCKS.contains(&name) {
                    self.boundary();
                    self.newline(2);
                } else if LINES.contains(&name) {
                    // `</br>` is read as `<br>`, as browsers read it.
                    self.line_break();
                } else if matches!(name, "td" | "th") {
                    self.space = true;
                }
            }
        }
        TokenSinkResult::Continue
    }
}

/// Collapses whitespace runs to one space and trims.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Sink(RefCell<Extract>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut e = self.0.borrow_mut();
        match token {
            Token::CharacterTokens(t) => {
                e.text(&t);
                TokenSinkResult::Continue
            }
            Token::TagToken(tag) => e.tag(&tag),
            _ => TokenSinkResult::Continue,
        }
    }
}

/// The page's text, leaving furniture out or not; with what was kept and left out.
fn extract(html: &str, furniture: bool) -> Extract {
    let sink = Sink(RefCell::new(Extract {
        furniture,
        ..Extract::default()
    }));
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    // Fed a megabyte at a time (at character boundaries): a tendril holds at most 4 GiB.
    let mut rest = html;
    while !rest.is_empty() {
        let mut cut = rest.len().min(1 << 20);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        input.push_back(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
        let _ = tok.feed(&input);
    }
    tok.end();
    let mut e = tok.sink.0.into_inner();
    e.boundary();
    e.close_all();
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_furniture_are_left_out() {
        let page = "<html><head><style>p { color: red }</style><script>if (a < b) { x = '</p>'; }</script></head>\
            <body><nav><a href=/>Home</a> &gt; <a>News</a></nav><form><input value=q><button>Search</button></form>\
            <article><h2>Labs</h2><p>Text one.</p></article><aside>Related news</aside>\
            <footer>Copyright 2024</footer><div hidden>secret</div><span style=\"display: none\">x</span>\
            <p aria-hidden=\"true\">y</p></body></html>";
        assert_eq!(html_to_text(page), "Labs\n\nText one.");
    }

    #[test]
    fn the_title_leads_when_there_is_no_h1() {
        let page =
            "<html><head><title> Labs &amp; talent </title></head><body><p>Text.</p></body></html>";
        assert_eq!(html_to_text(page), "Labs & talent\n\nText.");
        let with_h1 = "<title>Site | Labs</title><h1>Labs</h1><p>Text.</p>";
        assert_eq!(html_to_text(with_h1), "Labs\n\nText.");
    }

    #[test]
    fn whitespace_collapses_and_inline_elements_join() {
        assert!(
            '\u{a0}'.is_whitespace(),
            "&nbsp; collapses with other whitespace"
        );
        let t = html_to_text("<p>The   <b>province</b>\n  will\tinvest <i>2</i>&nbsp;billion.</p>");
        assert_eq!(t, "The province will invest 2 billion.");
        assert_eq!(
            html_to_text("<p>a</p>\n\n\n<p>b</p><div><div>c</div></div>"),
            "a\n\nb\n\nc"
        );
        // One <br> breaks a line; two (whitespace between) end a paragraph; </br> is a <br>.
        assert_eq!(
            html_to_text("<body>a<br>b<br/>\n <br>c<br><br><br>d</br>e</body>"),
            "a\nb\n\nc\n\nd\ne"
        );
    }

    #[test]
    fn an_unclosed_aside_does_not_swallow_the_article() {
        let page = format!(
            "<html><body><aside>Menu<p>{}</p></body></html>",
            "The province funds laboratories. ".repeat(20)
        );
        let text = html_to_text(&page);
        assert!(text.contains("funds laboratories"), "{text}");
        // A closed one is left out.
        let closed = format!("<aside>Menu</aside><p>{}</p>", "Text. ".repeat(20));
        assert!(!html_to_text(&closed).contains("Menu"));
    }

    #[test]
    fn blocks_of_links_are_left_out_but_not_links_in_text() {
        let page = "<body><div class=crumbs><a href=/>Home</a> &gt; <a href=/n>News</a></div>\
            <h1><a href=/x>Province funds labs</a></h1>\
            <p>The province will fund <a href=/l>57 laboratories</a> this year, officials said.</p>\
            <ul class=related><li><a href=/1>Another story about talent</a></li>\
            <li><a href=/2>A third story</a> (video)</li></ul>\
            <p><a name=top>Anchors</a> are not links.</p></body>";
        assert_eq!(
            html_to_text(page),
            "Province funds labs\n\nThe province will fund 57 laboratories this year, officials \
             said.\n\nAnchors are not links."
        );
        // A page of links alone is read with its links.
        let links = "<body><ul><li><a href=/1>Talent plan</a></li><li><a href=/2>Lab plan</a></li></ul></body>";
        assert_eq!(html_to_text(links), "Talent plan\n\nLab plan");
    }

    #[test]
    fn an_unclosed_head_ends_at_the_first_body_element() {
        assert_eq!(
            html_to_text("<html><head><title>T</title><meta charset=utf-8><p>Body text."),
            "T\n\nBody text."
        );
    }

    #[test]
    fn chinese_pages_keep_their_characters() {
        let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>科技工作会议</title></head>\
            <body><div class=\"nav\">首页&gt;&gt;科技新闻</div><p>会议强调，要加强人才队伍建设。</p></body></html>";
        assert_eq!(
            html_to_text(page),
            "科技工作会议\n\n首页>>科技新闻\n\n会议强调，要加强人才队伍建设。"
        );
    }

    #[test]
    fn empty_and_tag_only_pages_give_empty_text() {
        assert_eq!(html_to_text(""), "");
        assert_eq!(
            html_to_text("<html><body><script>x()</script></body></html>"),
            ""
        );
        assert_eq!(html_to_text("<<<>>>&&&"), "<<<>>>&&&");
    }

    #[test]
    fn end_tags_of_elements_not_open_are_passed_over_at_once() {
        // 200,000 open asides and as many unrelated end tags: linear, not a search of the open
        // elements per end tag (quadratic: minutes at a million).
        let n = 100_000;
        let page = format!("<body>{}{}text", "<aside>".repeat(n), "</p>".repeat(n));
        assert_eq!(html_to_text(&page), "text");
        // Titles inside never-closed asides: the second reading keeps the asides.
        let titles = format!(
            "<body>{}{}",
            "<aside>".repeat(n),
            "<title>t</title>".repeat(n)
        );
        assert_eq!(html_to_text(&titles), "t".repeat(n));
    }

    #[test]
    fn long_inputs_cross_chunk_boundaries() {
        // Multi-byte characters across the megabyte boundaries of the feed.
        let para = "<p>科技创新 and laboratories.</p>".repeat(30_000);
        let text = html_to_text(&para);
        assert_eq!(text.matches("科技创新 and laboratories.").count(), 30_000);
    }
}
