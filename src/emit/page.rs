//! What every page of the sites is made with, shared by the emitters that make pages: the
//! page renderer (a theme template, the site-wide values, the page's own) and the helpers that
//! fill a page. No emitter imports another; what two of them need is here.

use std::sync::Arc;

use minijinja::context;
use minijinja::value::{Enumerator, Object, Serde, Value};
use serde::Serialize;

use super::summary::Summary;
use super::{Context, Output};
use crate::diag::Diagnostic;
use crate::load::path::CONTENT_PREFIX;
use crate::model::{Curriculum, Document, Ref};
use crate::urls::root_prefix;

/// Renders `template` for the page at `url` into `path`, with the site-wide context added.
pub fn page(
    cx: &Context,
    template: &str,
    path: &str,
    url: &str,
    local: Value,
) -> Result<Output, Diagnostic> {
    render(cx, template, path, url, root_prefix(url), local)
}

pub fn render(
    cx: &Context,
    template: &str,
    path: &str,
    url: &str,
    root: String,
    local: Value,
) -> Result<Output, Diagnostic> {
    let tmpl = cx
        .env
        .get_template(template)
        .map_err(|e| cx.theme.error(&e))?;
    let site = cx.site.get_or_init(|| site_context(cx.model)).clone();
    let all = page_vars(site, root, url, &local);
    crate::stats::template();
    // Sized once for a typical page instead of grown by doubling as the page is written
    // (`render` sizes its buffer from the template's own length, far less than a page):
    // 1.5 % fewer instructions in a build.
    let mut html = Vec::with_capacity(32 * 1024);
    (tmpl.render_captured_to(all, &mut html)).map_err(|e| cx.theme.error(&e))?;
    Ok(Output::new(path, html))
}

fn site_context(model: &Curriculum) -> Value {
    // Only the stages the project serves (`stages:` in yuxin.yaml) are in the navigation.
    let stages: Vec<Ref> = model
        .config
        .served_stages()
        .iter()
        .map(|s| Ref {
            id: s.id().into(),
            name: model.catalog.stage(*s).name.clone(),
        })
        .collect();
    // Grades that have a page (`grades/<id>/`), for the stage pages' and the navigation's links.
    let grades: Vec<Value> = (model.grades_in_use().into_iter())
        .map(|g| context! { id => g.id.clone(), name => g.name.clone(), stage => g.stage.id(), url => format!("grades/{}/", g.id), count => model.in_grade(g).count() })
        .collect();
    let c = &model.config;
    context! {
        title => c.title.clone(), description => c.description.clone(), language => c.language.clone(),
        base_url => c.base_url.clone(), hotlines => ser(&c.hotlines), stages => ser(stages),
        parents_url => format!("{CONTENT_PREFIX}/"), grades,
    }
}

/// Any serialisable value for a template.
pub fn ser<T: Serialize>(value: T) -> Value {
    Value::from(Serde(value))
}

/// Each document's summary, in list order (a fresh one: lists made once per build share
/// [`Context::summaries`] instead).
pub fn summaries<'a>(
    model: &'a Curriculum,
    docs: impl Iterator<Item = &'a Document>,
) -> Vec<Summary> {
    model
        .sorted(docs)
        .into_iter()
        .map(|d| Summary::new(d, &model.catalog))
        .collect()
}

/// A page's template variables, the site-wide ones and the page's own, in one flat list: a
/// name is found by comparing a few short strings, not by asking one map and then another.
#[derive(Debug)]
struct PageVars(Vec<(Value, Value)>);

impl Object for PageVars {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        let found = self.0.iter().find(|(k, _)| k.as_str() == Some(key));
        found.map(|(_, v)| v.clone())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.0.iter().map(|(k, _)| k.clone()).collect())
    }
}

/// The variables of a page: `site`, `root`, `url` and `area`, then the page's own (`local`, a
/// map); the shared ones win over a page's own of the same name, as with
/// `context! { site, root, url, ..local }`.
pub fn page_vars(site: Value, root: String, url: &str, local: &Value) -> Value {
    let shared = ["site", "root", "url", "area"];
    let own = (local.try_iter().into_iter().flatten())
        .filter(|k| !k.as_str().is_some_and(|k| shared.contains(&k)))
        .filter_map(|k| Some((k.clone(), local.get_item(&k).ok()?)));
    // The site area the page is in, the first part of its URL (`junior`, `training`): the
    // navigation marks it without building a prefix for every link.
    let area = url.split('/').next().unwrap_or_default();
    let vars = [site, Value::from(root), Value::from(url), Value::from(area)];
    let shared = shared.into_iter().map(Value::from).zip(vars);
    Value::from_object(PageVars(shared.chain(own).collect()))
}
