//! What the server serves: the last good site, in memory, with the overlay of the last failed
//! rebuild if there is one, and the channel that tells open pages what happened.

use std::sync::{Arc, RwLock};

use tokio::sync::{broadcast, watch};

use super::incremental::Pages;

/// One published state of the site. Replaced whole, never edited in place, so a request sees
/// either the old site or the new one, never a mix.
#[derive(Default)]
pub struct Site {
    pub pages: Pages,
    /// The overlay's markup while the last rebuild failed.
    pub overlay: Option<String>,
    /// The rebuild that produced `pages`; pages carry it so a browser that missed a reload
    /// message notices when it reconnects.
    pub version: u64,
}

/// What open pages are told.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// New pages are in place: load them.
    Reload { version: u64 },
    /// The rebuild failed: show this overlay over the page.
    Overlay { html: String },
}

pub struct Shared {
    site: RwLock<Arc<Site>>,
    pub events: broadcast::Sender<Event>,
    /// Turns `true` on Ctrl-C, so that open event streams end and the server can stop.
    pub shutdown: watch::Receiver<bool>,
}

impl Shared {
    pub fn new(site: Site, shutdown: watch::Receiver<bool>) -> Shared {
        Shared {
            site: RwLock::new(Arc::new(site)),
            events: broadcast::channel(64).0,
            shutdown,
        }
    }

    pub fn current(&self) -> Arc<Site> {
        match self.site.read() {
            Ok(site) => Arc::clone(&site),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Puts new pages in place, then tells the browsers to reload: never the other way round,
    /// so a reload never meets a missing or half-made page.
    pub fn publish(&self, pages: Pages, version: u64) {
        self.replace(Site {
            pages,
            overlay: None,
            version,
        });
        let _ = self.events.send(Event::Reload { version });
    }

    /// Keeps the pages, adds the overlay to them, and shows it in open pages.
    pub fn fail(&self, overlay: String) {
        let current = self.current();
        self.replace(Site {
            pages: current.pages.clone(),
            overlay: Some(overlay.clone()),
            version: current.version,
        });
        let _ = self.events.send(Event::Overlay { html: overlay });
    }

    fn replace(&self, site: Site) {
        let site = Arc::new(site);
        match self.site.write() {
            Ok(mut slot) => *slot = site,
            Err(poisoned) => *poisoned.into_inner() = site,
        }
    }
}
