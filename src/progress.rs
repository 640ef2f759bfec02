//! A progress bar on stderr for long runs: shown only on a terminal, and only once a run has
//! taken about a second, so short runs and scripts see nothing.

use crate::lang::Lang;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_secs(1);

pub struct Progress {
    bar: Option<ProgressBar>,
    lang: Lang,
    total: u64,
    started: Instant,
}

impl Progress {
    /// `enabled` comes from [`crate::terminal::Terminal::progress`]; `lang` words the bar.
    pub fn new(enabled: bool, total: u64, lang: Lang) -> Progress {
        Progress {
            bar: enabled
                .then(|| ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden())),
            lang,
            total,
            started: Instant::now(),
        }
    }

    /// One more unit (a working day) done.
    pub fn tick(&mut self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if bar.is_hidden() && self.started.elapsed() >= DELAY && bar.position() < self.total {
            // indicatif fills the table's `{pos}`, `{len}` and `{eta}`.
            let run = &self.lang.labels().run;
            let template = format!("{{msg}} [{{bar:30}}] {}", run.progress);
            bar.set_style(
                ProgressStyle::with_template(&template)
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar.set_message(run.planning);
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
