//! The guarantees a roster keeps, by name: what the exact search blames when a request
//! cannot be granted, and what a refusal says. A leaf of the import graph: the planner, the
//! grants and the writers all name guarantees through it.

/// One guarantee a rotating day is held to (the split's modes are not one: a day outside
/// them is never chosen, so nothing is blamed on them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Guarantee {
    /// Each pool's daily count of each mode, and (balanced) its totals over the period.
    Quota,
    /// People of a pool with as many rotating days have counts within one of each other.
    Fairness,
    /// `max_remote_per_week`.
    WeeklyCap,
    /// `max_consecutive_remote`.
    RunCap,
    /// `min_office`.
    OfficeFloor,
}

impl Guarantee {
    pub const ALL: [Guarantee; 5] = [
        Guarantee::Quota,
        Guarantee::Fairness,
        Guarantee::WeeklyCap,
        Guarantee::RunCap,
        Guarantee::OfficeFloor,
    ];

    /// Its name in machine-read files (`blocked_by` in the requests report).
    pub fn code(self) -> &'static str {
        match self {
            Guarantee::Quota => "quota",
            Guarantee::Fairness => "fairness",
            Guarantee::WeeklyCap => "weekly_cap",
            Guarantee::RunCap => "run_cap",
            Guarantee::OfficeFloor => "office_floor",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// A set of guarantees: those that together block a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Guarantees(u8);

impl Guarantees {
    pub fn one(g: Guarantee) -> Guarantees {
        Guarantees(g.bit())
    }

    pub fn insert(&mut self, g: Guarantee) {
        self.0 |= g.bit();
    }

    pub fn remove(&mut self, g: Guarantee) {
        self.0 &= !g.bit();
    }

    pub fn contains(self, g: Guarantee) -> bool {
        self.0 & g.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The guarantees in the set, in [`Guarantee::ALL`]'s order.
    pub fn iter(self) -> impl Iterator<Item = Guarantee> {
        Guarantee::ALL
            .into_iter()
            .filter(move |&g| self.contains(g))
    }

    /// `quota+weekly_cap`: the codes joined by `+`.
    pub fn codes(self) -> String {
        self.iter()
            .map(Guarantee::code)
            .collect::<Vec<_>>()
            .join("+")
    }
}

impl FromIterator<Guarantee> for Guarantees {
    fn from_iter<I: IntoIterator<Item = Guarantee>>(iter: I) -> Guarantees {
        let mut set = Guarantees::default();
        for g in iter {
            set.insert(g);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_lists_its_guarantees_in_order_and_by_code() {
        let set: Guarantees = [Guarantee::OfficeFloor, Guarantee::Quota]
            .into_iter()
            .collect();
        assert_eq!(set.codes(), "quota+office_floor");
        let mut set = set;
        set.remove(Guarantee::Quota);
        assert_eq!(set, Guarantees::one(Guarantee::OfficeFloor));
        assert!(!set.contains(Guarantee::Fairness));
        assert!(Guarantees::default().is_empty());
    }
}
