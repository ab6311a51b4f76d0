#include "entente/blocs.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <utility>

namespace entente {
namespace {

// Undirected weighted adjacency with positive and negative parts kept apart,
// since signed modularity scores them against separate null models.
struct SignedGraph {
  int n = 0;
  std::vector<std::vector<std::pair<int, double>>> adjacency;  // Net weight.
  std::vector<double> k_pos, k_neg;  // Positive and negative strengths.
  double two_m_pos = 0, two_m_neg = 0;
};

SignedGraph BuildGraph(int n, const std::vector<SignedEdge>& edges,
                       std::map<std::pair<int, int>, SignedEdge>* merged) {
  for (const SignedEdge& e : edges) {
    if (e.a == e.b || e.a < 0 || e.b < 0 || e.a >= n || e.b >= n) continue;
    auto key = std::minmax(e.a, e.b);
    SignedEdge& m = (*merged)[key];
    m.a = key.first;
    m.b = key.second;
    m.weight += e.weight;
    m.events += e.events;
  }
  SignedGraph g;
  g.n = n;
  g.adjacency.resize(n);
  g.k_pos.assign(n, 0);
  g.k_neg.assign(n, 0);
  for (const auto& [key, e] : *merged) {
    if (e.weight == 0) continue;
    g.adjacency[e.a].push_back({e.b, e.weight});
    g.adjacency[e.b].push_back({e.a, e.weight});
    double pos = std::max(e.weight, 0.0), neg = std::max(-e.weight, 0.0);
    g.k_pos[e.a] += pos;
    g.k_pos[e.b] += pos;
    g.k_neg[e.a] += neg;
    g.k_neg[e.b] += neg;
  }
  for (int i = 0; i < n; ++i) {
    g.two_m_pos += g.k_pos[i];
    g.two_m_neg += g.k_neg[i];
  }
  return g;
}

// Gain, up to a positive constant, of node i joining a community whose
// strengths (without i) are sum_pos/sum_neg and to which i has net links
// w_pos/w_neg.
double JoinGain(const SignedGraph& g, int i, double w_pos, double w_neg,
                double sum_pos, double sum_neg) {
  double gain = 0;
  if (g.two_m_pos > 0) gain += w_pos - g.k_pos[i] * sum_pos / g.two_m_pos;
  if (g.two_m_neg > 0) gain -= w_neg - g.k_neg[i] * sum_neg / g.two_m_neg;
  return gain;
}

double Modularity(const SignedGraph& g, const std::vector<int>& community) {
  double total = g.two_m_pos + g.two_m_neg;
  if (total == 0) return 0;
  double q = 0;
  std::map<int, std::pair<double, double>> sums;
  for (int i = 0; i < g.n; ++i) {
    for (const auto& [j, w] : g.adjacency[i]) {
      if (community[i] == community[j]) q += w;  // Both w+ and -w- terms.
    }
    auto& s = sums[community[i]];
    s.first += g.k_pos[i];
    s.second += g.k_neg[i];
  }
  for (const auto& [c, s] : sums) {
    if (g.two_m_pos > 0) q -= s.first * s.first / g.two_m_pos;
    if (g.two_m_neg > 0) q += s.second * s.second / g.two_m_neg;
  }
  return q / total;
}

// Moves single nodes to the neighbouring community with the best positive
// gain until no move helps. Returns whether anything moved.
bool LocalMoves(const SignedGraph& g, std::vector<int>* community) {
  std::vector<double> sum_pos(g.n, 0), sum_neg(g.n, 0);
  std::vector<int> size(g.n, 0);
  for (int i = 0; i < g.n; ++i) {
    int c = (*community)[i];
    sum_pos[c] += g.k_pos[i];
    sum_neg[c] += g.k_neg[i];
    ++size[c];
  }
  bool any = false;
  for (int pass = 0; pass < 100; ++pass) {
    bool moved = false;
    for (int i = 0; i < g.n; ++i) {
      int own = (*community)[i];
      std::map<int, std::pair<double, double>> links;  // Ordered: determinism.
      for (const auto& [j, w] : g.adjacency[i]) {
        auto& l = links[(*community)[j]];
        if (w > 0) {
          l.first += w;
        } else {
          l.second -= w;
        }
      }
      sum_pos[own] -= g.k_pos[i];
      sum_neg[own] -= g.k_neg[i];
      --size[own];
      // Staying alone gains nothing; a node at war with its community
      // leaves it for an empty one.
      int best = -1;
      double best_gain = 0;
      if (size[own] > 0) {
        auto own_links = links[own];
        best_gain = JoinGain(g, i, own_links.first, own_links.second,
                             sum_pos[own], sum_neg[own]);
        best = own;
        if (best_gain < 0) {
          best = -1;
          best_gain = 0;
        }
      }
      for (const auto& [c, l] : links) {
        if (c == own) continue;
        double gain = JoinGain(g, i, l.first, l.second, sum_pos[c], sum_neg[c]);
        if (gain > best_gain + 1e-12) {
          best_gain = gain;
          best = c;
        }
      }
      if (best < 0) {
        best = size[own] == 0
                   ? own
                   : static_cast<int>(std::find(size.begin(), size.end(), 0) -
                                      size.begin());
      }
      sum_pos[best] += g.k_pos[i];
      sum_neg[best] += g.k_neg[i];
      ++size[best];
      if (best != own) {
        (*community)[i] = best;
        moved = any = true;
      }
    }
    if (!moved) break;
  }
  return any;
}

// Merges the pair of linked communities whose union raises modularity most,
// while one does: local moves alone stop at partitions where a whole group
// would gain from joining another but no single member would. Merging A and
// B changes Q by 2 [w_AB - S+_A S+_B / 2m+ + S-_A S-_B / 2m-] / (2m+ + 2m-).
bool MergeCommunities(const SignedGraph& g, std::vector<int>* community) {
  bool any = false;
  while (true) {
    std::map<int, std::pair<double, double>> sums;  // S+ and S- per community.
    std::map<std::pair<int, int>, double> between;  // Net weight A < B.
    for (int i = 0; i < g.n; ++i) {
      int ci = (*community)[i];
      auto& s = sums[ci];
      s.first += g.k_pos[i];
      s.second += g.k_neg[i];
      for (const auto& [j, w] : g.adjacency[i]) {
        int cj = (*community)[j];
        if (ci < cj) between[{ci, cj}] += w;
      }
    }
    double best_gain = 1e-12;
    std::pair<int, int> best_pair{-1, -1};
    for (const auto& [pair, w] : between) {
      if (w <= 0) continue;  // Only allies merge, not common enemies' foes.
      const auto& sa = sums[pair.first];
      const auto& sb = sums[pair.second];
      double gain = w;
      if (g.two_m_pos > 0) gain -= sa.first * sb.first / g.two_m_pos;
      if (g.two_m_neg > 0) gain += sa.second * sb.second / g.two_m_neg;
      if (gain > best_gain) {
        best_gain = gain;
        best_pair = pair;
      }
    }
    if (best_pair.first < 0) return any;
    for (int& c : *community) {
      if (c == best_pair.second) c = best_pair.first;
    }
    any = true;
  }
}

std::vector<std::vector<int>> GroupBlocs(const std::vector<int>& community,
                                         std::vector<int>* bloc_of) {
  std::map<int, std::vector<int>> groups;
  for (int i = 0; i < static_cast<int>(community.size()); ++i) {
    groups[community[i]].push_back(i);
  }
  std::vector<std::vector<int>> blocs;
  for (auto& [c, members] : groups) blocs.push_back(std::move(members));
  // Largest first; ties by first member so the order is stable.
  std::stable_sort(blocs.begin(), blocs.end(),
                   [](const auto& x, const auto& y) {
                     if (x.size() != y.size()) return x.size() > y.size();
                     return x.front() < y.front();
                   });
  bloc_of->assign(community.size(), 0);
  for (int b = 0; b < static_cast<int>(blocs.size()); ++b) {
    for (int i : blocs[b]) (*bloc_of)[i] = b;
  }
  return blocs;
}

}  // namespace

BlocAnalysis FindBlocs(int node_count, const std::vector<SignedEdge>& edges,
                       int max_ties) {
  BlocAnalysis result;
  if (node_count <= 0) return result;
  std::map<std::pair<int, int>, SignedEdge> merged;
  SignedGraph g = BuildGraph(node_count, edges, &merged);
  std::vector<int> community(node_count);
  std::iota(community.begin(), community.end(), 0);
  // Alternate until neither step improves: each can unlock the other.
  for (int round = 0; round < 20; ++round) {
    bool moved = LocalMoves(g, &community);
    bool merged_any = MergeCommunities(g, &community);
    if (!moved && !merged_any) break;
  }
  result.modularity = Modularity(g, community);
  result.blocs = GroupBlocs(community, &result.bloc_of);

  result.partners.resize(node_count);
  result.rivals.resize(node_count);
  for (const auto& [key, e] : merged) {
    for (auto [self, other] : {std::pair{e.a, e.b}, std::pair{e.b, e.a}}) {
      Tie tie{other, e.weight, e.events};
      if (e.weight > 0) result.partners[self].push_back(tie);
      if (e.weight < 0) result.rivals[self].push_back(tie);
    }
  }
  for (int i = 0; i < node_count; ++i) {
    auto by_strength = [](const Tie& x, const Tie& y) {
      if (std::abs(x.weight) != std::abs(y.weight)) {
        return std::abs(x.weight) > std::abs(y.weight);
      }
      return x.node < y.node;
    };
    for (auto* ties : {&result.partners[i], &result.rivals[i]}) {
      std::sort(ties->begin(), ties->end(), by_strength);
      if (static_cast<int>(ties->size()) > max_ties) ties->resize(max_ties);
    }
  }
  return result;
}

}  // namespace entente
