//! Pools: the rotating person-days of one unit under one split source. Their key, the
//! interning of keys to small ids, counts per split mode and each person's tally per pool —
//! kept the same way by the planner, the audit and `--previous`.

use crate::mode::Mode;
use crate::staff::Id;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::ops::{Index, IndexMut};

pub use crate::view::Source;

/// A pool: the rotating person-days of one unit under one split source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PoolKey {
    pub unit: Id,
    pub source: Source,
}

/// A pool's number within one run.
pub type PoolId = u32;

/// One value per split mode, in [`Mode::SPLIT`] order, indexed by the mode (or its
/// position in that order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PerMode<T>(pub [T; 3]);

impl<T> Index<Mode> for PerMode<T> {
    type Output = T;
    /// Only split modes have a count; FIELD and LEAVE are never counted here.
    fn index(&self, mode: Mode) -> &T {
        &self.0[mode.split_index().unwrap_or(0)]
    }
}

impl<T> IndexMut<Mode> for PerMode<T> {
    fn index_mut(&mut self, mode: Mode) -> &mut T {
        &mut self.0[mode.split_index().unwrap_or(0)]
    }
}

impl<T> Index<usize> for PerMode<T> {
    type Output = T;
    fn index(&self, position: usize) -> &T {
        &self.0[position]
    }
}

impl<T> IndexMut<usize> for PerMode<T> {
    fn index_mut(&mut self, position: usize) -> &mut T {
        &mut self.0[position]
    }
}

impl<T: Copy + std::ops::Add<Output = T>> PerMode<T> {
    /// WFH and WFA together.
    pub fn remote(&self) -> T {
        self[Mode::Wfh] + self[Mode::Wfa]
    }
}

/// Pool keys numbered in the order they were first seen, with a value kept per pool.
#[derive(Debug, Clone)]
pub struct Pools<T> {
    ids: FxHashMap<PoolKey, PoolId>,
    values: Vec<T>,
}

impl<T> Default for Pools<T> {
    fn default() -> Pools<T> {
        Pools {
            ids: FxHashMap::default(),
            values: Vec::new(),
        }
    }
}

impl<T> Pools<T> {
    /// The pool's id, numbering it (with `new` as its value) when it is new.
    pub fn intern(&mut self, key: PoolKey, new: impl FnOnce() -> T) -> PoolId {
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.values.len() as PoolId;
        self.values.push(new());
        self.ids.insert(key, id);
        id
    }

    /// The id of a pool already numbered.
    pub fn id(&self, key: &PoolKey) -> Option<PoolId> {
        self.ids.get(key).copied()
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.values.iter()
    }

    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.values.iter_mut()
    }
}

impl<'a, T> IntoIterator for &'a Pools<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.values.iter()
    }
}

impl<T> Index<PoolId> for Pools<T> {
    type Output = T;
    fn index(&self, id: PoolId) -> &T {
        &self.values[id as usize]
    }
}

impl<T> IndexMut<PoolId> for Pools<T> {
    fn index_mut(&mut self, id: PoolId) -> &mut T {
        &mut self.values[id as usize]
    }
}

/// A person's rotating days in one pool and how many of them went to each mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub pool: PoolId,
    pub days: u32,
    pub counts: PerMode<u32>,
    /// Shift group (0 = A) under an alternating pattern.
    pub group: u8,
    /// The planner: the person's rotating days in the pool over the whole window.
    pub window_days: u32,
}

impl Tally {
    /// Counts one rotating day in `mode`.
    pub fn add(&mut self, mode: Mode) {
        self.days += 1;
        self.counts[mode] += 1;
    }
}

/// A person's tallies, one per pool they rotate in. Nearly everyone rotates in one pool:
/// kept inline, with no allocation per person.
#[derive(Debug, Clone, Default)]
pub struct Tallies(SmallVec<[Tally; 1]>);

impl Tallies {
    pub fn get(&self, pool: PoolId) -> Option<&Tally> {
        self.0.iter().find(|t| t.pool == pool)
    }

    /// The tally for `pool`, started empty when the person has none yet.
    pub fn entry(&mut self, pool: PoolId) -> &mut Tally {
        let i = match self.0.iter().position(|t| t.pool == pool) {
            Some(i) => i,
            None => {
                self.0.push(Tally {
                    pool,
                    ..Tally::default()
                });
                self.0.len() - 1
            }
        };
        &mut self.0[i]
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Tally> {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a Tallies {
    type Item = &'a Tally;
    type IntoIter = std::slice::Iter<'a, Tally>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_mode_counts_index_by_mode_and_add_up_remote() {
        let mut counts = PerMode::<u32>::default();
        counts[Mode::Wfh] += 2;
        counts[Mode::Wfa] += 1;
        counts[Mode::Wfo] += 4;
        assert_eq!(counts.remote(), 3);
        assert_eq!(counts[0], 4);
    }

    #[test]
    fn pools_are_numbered_once() {
        let mut pools: Pools<&str> = Pools::default();
        let a = PoolKey {
            unit: 0,
            source: Source::Default,
        };
        let b = PoolKey {
            unit: 1,
            source: Source::Default,
        };
        assert_eq!(pools.intern(a, || "a"), 0);
        assert_eq!(pools.intern(b, || "b"), 1);
        assert_eq!(pools.intern(a, || "again"), 0);
        assert_eq!(pools[0], "a");
        assert_eq!(pools.id(&b), Some(1));
    }

    #[test]
    fn tallies_start_empty_and_count() {
        let mut tallies = Tallies::default();
        tallies.entry(3).add(Mode::Wfh);
        tallies.entry(3).add(Mode::Wfo);
        let t = tallies.get(3).copied().unwrap_or_default();
        assert_eq!((t.days, t.counts.remote()), (2, 1));
        assert!(tallies.get(4).is_none());
    }
}
