// Blocs: groups of actors that cooperate with each other and conflict with
// outsiders, found in the signed, Goldstein-weighted interaction graph.
//
// The graph is undirected: an edge's weight is the sum of the Goldstein
// scores of every event between two actors, in either direction, so
// cooperation pulls actors together and conflict pushes them apart. Blocs
// maximise the signed modularity of Gómez, Jensen and Arenas (Phys. Rev. E
// 80, 016114, 2009) by local moves and community merges (a one-level
// Louvain method). Deterministic: the same graph gives the same blocs.
#ifndef ENTENTE_BLOCS_H_
#define ENTENTE_BLOCS_H_

#include <string>
#include <vector>

namespace entente {

// An undirected, signed edge between nodes `a` and `b` (indices into the
// node list given to FindBlocs). Several edges between the same pair add up.
struct SignedEdge {
  int a = 0;
  int b = 0;
  double weight = 0;  // Sum of Goldstein scores; > 0 cooperation.
  int events = 0;
};

// One node's strongest ties.
struct Tie {
  int node = 0;
  double weight = 0;
  int events = 0;
};

struct BlocAnalysis {
  // Bloc of each node (0 = the largest bloc); nodes without any edge form
  // blocs of their own.
  std::vector<int> bloc_of;
  // Members of each bloc, largest bloc first, nodes in input order.
  std::vector<std::vector<int>> blocs;
  // Signed modularity of the partition, in [-1, 1].
  double modularity = 0;
  // Per node: partners (positive ties, strongest first) and rivals
  // (negative ties, most negative first), at most `max_ties` each.
  std::vector<std::vector<Tie>> partners;
  std::vector<std::vector<Tie>> rivals;
};

// Partitions `node_count` nodes linked by `edges` into blocs. Edges naming
// nodes outside [0, node_count) and self-loops are ignored. Pure function.
BlocAnalysis FindBlocs(int node_count, const std::vector<SignedEdge>& edges,
                       int max_ties = 3);

}  // namespace entente

#endif  // ENTENTE_BLOCS_H_
