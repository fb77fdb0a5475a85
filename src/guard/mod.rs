//! Guard: what keeps a build from losing or leaking anything, whatever the input or the
//! machine does. Each part is called from one place in the pipeline:
//!
//! - [`output`]: which folders may be replaced by a build (never the project, `/`, the home
//!   folder or a stranger's folder), the `.yuxin-output` marker, stale staging folders left by
//!   a killed build;
//! - [`write_error`]: a failed write (disk full, read-only, no permission) as a Chinese
//!   diagnostic naming the path;
//! - [`fault`]: a crash in one emitter becomes a diagnostic, not a half-written site; and the
//!   debug-build-only fault hooks the tests use to fail writes and crash emitters on purpose;
//! - [`links`]: symbolic links are followed only while they stay inside the project;
//! - [`collide`]: no two source files claim one output path, and each is told which other;
//! - [`names`]: every path written stays inside the output folder and is a valid file name on
//!   Windows, macOS and Linux alike; [`theme`] applies both to a project's theme.

pub mod collide;
pub mod fault;
pub mod links;
pub mod names;
pub mod output;
pub mod theme;
pub mod write_error;
