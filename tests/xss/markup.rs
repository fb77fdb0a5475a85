//! Reading built pages the way a browser's HTML tokenizer does, to find injected markup.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// A start tag with its attributes (names lower-cased, values decoded), or a run of text
/// (inside `<script>` and `<style>` too).
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Start(String, Vec<(String, String)>),
    End(String),
    Text(String),
}

#[derive(Default)]
struct Sink(RefCell<Vec<Item>>);

impl TokenSink for Sink {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut items = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                if tag.kind == TagKind::EndTag {
                    items.push(Item::End(name));
                    return TokenSinkResult::Continue;
                }
                let attrs = tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect();
                items.push(Item::Start(name.clone(), attrs));
                // What the tree builder tells the tokenizer after these start tags.
                return match name.as_str() {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                    _ => TokenSinkResult::Continue,
                };
            }
            Token::CharacterTokens(t) => match items.last_mut() {
                Some(Item::Text(s)) => s.push_str(&t),
                _ => items.push(Item::Text(t.to_string())),
            },
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

pub fn tokens(html: &str) -> Vec<Item> {
    let tok = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.0.take()
}

/// The theme's own handler: the print button.
const THEME_HANDLERS: &[(&str, &str)] = &[("onclick", "window.print()")];

/// Every way `html` could run something it was not built to run: a script whose text or
/// source was not the theme's, an `on…` attribute, a `javascript:`/`data:`/`vbscript:` URL
/// (but a base64 picture in an `<img>`), an embedded frame or object. Empty when the page is clean.
pub fn injections(html: &str) -> Vec<String> {
    let items = tokens(html);
    let mut found = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Item::Start(name, attrs) = item else {
            continue;
        };
        if matches!(
            name.as_str(),
            "iframe" | "object" | "embed" | "base" | "frame"
        ) {
            found.push(format!("<{name}>"));
        }
        if name == "script" {
            let inline = match items.get(i + 1) {
                Some(Item::Text(t)) => t.as_str(),
                _ => "",
            };
            if inline.contains("alert") || attrs.iter().any(|(k, v)| k == "src" && v.contains(':'))
            {
                found.push(format!("<script>{inline}"));
            }
        }
        for (k, v) in attrs {
            if k.starts_with("on") && !THEME_HANDLERS.contains(&(k.as_str(), v.as_str())) {
                found.push(format!("<{name} {k}={v}>"));
            }
            let scheme: String = v
                .trim_start()
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(11)
                .collect::<String>()
                .to_ascii_lowercase();
            // A picture the build embedded (a slide deck's images): an <img> runs nothing.
            let picture = name == "img"
                && k == "src"
                && ["png", "jpeg", "gif", "webp", "svg+xml"]
                    .iter()
                    .any(|t| v.starts_with(&format!("data:image/{t};base64,")));
            if !picture
                && matches!(
                    k.as_str(),
                    "href" | "src" | "action" | "formaction" | "poster" | "data" | "content"
                )
                && ["javascript:", "data:", "vbscript:"]
                    .iter()
                    .any(|s| scheme.starts_with(s))
            {
                found.push(format!("<{name} {k}={v}>"));
            }
        }
    }
    found
}

/// All text of the page outside tags, decoded.
pub fn text(html: &str) -> String {
    tokens(html)
        .into_iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}
