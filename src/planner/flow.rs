//! The day's transport problem: person types to modes at least cost.

/// How people of one type may be placed: the cost of each mode, `None` where they may not.
pub(super) type Costs = [Option<i64>; 3];

/// Shares out the day's places: `types[t]` people have the mode costs `t`; `places[m]` places
/// of mode m are open. Places as many people as possible at the least total cost (successive
/// shortest paths; the graph has one node per type and per mode, so it stays tiny). Returns
/// how many people of each type take each mode, and the total cost.
pub(super) fn transport(types: &[(Costs, i64)], places: &[i64; 3]) -> (Vec<[usize; 3]>, i64) {
    struct Edge {
        to: usize,
        cap: i64,
        cost: i64,
    }
    let t = types.len();
    let (source, sink) = (t + 3, t + 4);
    let mut edges: Vec<Edge> = Vec::new();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); t + 5];
    let mut add = |edges: &mut Vec<Edge>, from: usize, to: usize, cap: i64, cost: i64| {
        out[from].push(edges.len());
        edges.push(Edge { to, cap, cost });
        out[to].push(edges.len());
        edges.push(Edge {
            to: from,
            cap: 0,
            cost: -cost,
        });
        edges.len() - 2
    };
    let mut assignment_edges = vec![[usize::MAX; 3]; t];
    for (i, (costs, count)) in types.iter().enumerate() {
        add(&mut edges, source, i, *count, 0);
        for m in 0..3 {
            if let Some(cost) = costs[m] {
                assignment_edges[i][m] = add(&mut edges, i, t + m, *count, cost);
            }
        }
    }
    for (m, &open) in places.iter().enumerate() {
        add(&mut edges, t + m, sink, open, 0);
    }
    let mut total_cost = 0;
    loop {
        // Bellman-Ford: costs are small and the graph has no negative cycle.
        let mut dist = vec![i64::MAX; t + 5];
        let mut via = vec![usize::MAX; t + 5];
        dist[source] = 0;
        let mut changed = true;
        while changed {
            changed = false;
            for u in 0..t + 5 {
                if dist[u] == i64::MAX {
                    continue;
                }
                for &e in &out[u] {
                    let edge = &edges[e];
                    if edge.cap > 0 && dist[u] + edge.cost < dist[edge.to] {
                        dist[edge.to] = dist[u] + edge.cost;
                        via[edge.to] = e;
                        changed = true;
                    }
                }
            }
        }
        if dist[sink] == i64::MAX {
            break;
        }
        let mut push = i64::MAX;
        let mut v = sink;
        while v != source {
            let e = via[v];
            push = push.min(edges[e].cap);
            v = edges[e ^ 1].to;
        }
        let mut v = sink;
        while v != source {
            let e = via[v];
            edges[e].cap -= push;
            edges[e ^ 1].cap += push;
            v = edges[e ^ 1].to;
        }
        total_cost += push * dist[sink];
    }
    let flow = assignment_edges
        .iter()
        .map(|row| {
            row.map(|e| {
                if e == usize::MAX {
                    0
                } else {
                    edges[e ^ 1].cap as usize
                }
            })
        })
        .collect();
    (flow, total_cost)
}
