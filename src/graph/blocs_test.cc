#include "entente/blocs.h"

#include <gtest/gtest.h>

#include <vector>

namespace entente {
namespace {

// Two alliances, A-B-C and D-E, cooperating inside and fighting across.
std::vector<SignedEdge> TwoAlliances() {
  return {{0, 1, 12.0, 4},  {1, 2, 8.0, 3},  {0, 2, 5.0, 2}, {3, 4, 9.0, 3},
          {0, 3, -10.0, 5}, {2, 4, -7.0, 2}, {1, 3, -3.0, 1}};
}

TEST(BlocsTest, SplitsCooperatingGroupsApart) {
  BlocAnalysis r = FindBlocs(5, TwoAlliances());
  ASSERT_EQ(r.blocs.size(), 2u);
  EXPECT_EQ(r.blocs[0], (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(r.blocs[1], (std::vector<int>{3, 4}));
  EXPECT_EQ(r.bloc_of[4], 1);
  EXPECT_GT(r.modularity, 0.3);
}

TEST(BlocsTest, PartnersAndRivalsAreRankedByStrength) {
  BlocAnalysis r = FindBlocs(5, TwoAlliances());
  ASSERT_EQ(r.partners[0].size(), 2u);
  EXPECT_EQ(r.partners[0][0].node, 1);  // +12 before +5.
  EXPECT_EQ(r.partners[0][1].node, 2);
  ASSERT_EQ(r.rivals[0].size(), 1u);
  EXPECT_EQ(r.rivals[0][0].node, 3);
  EXPECT_DOUBLE_EQ(r.rivals[0][0].weight, -10.0);
  EXPECT_EQ(r.rivals[0][0].events, 5);
}

TEST(BlocsTest, BothDirectionsAddUpAndConflictOutweighsCooperation) {
  // 0->1 cooperation (+3) but 1->0 conflict (-9): net rivals.
  BlocAnalysis r = FindBlocs(2, {{0, 1, 3.0, 1}, {1, 0, -9.0, 2}});
  ASSERT_EQ(r.blocs.size(), 2u);
  ASSERT_EQ(r.rivals[0].size(), 1u);
  EXPECT_DOUBLE_EQ(r.rivals[0][0].weight, -6.0);
  EXPECT_EQ(r.rivals[0][0].events, 3);
  EXPECT_TRUE(r.partners[0].empty());
}

TEST(BlocsTest, IsolatedNodesAndBadEdgesStandAlone) {
  BlocAnalysis r = FindBlocs(
      4, {{0, 1, 4.0, 1}, {2, 2, 5.0, 1}, {0, 9, 1.0, 1}, {-1, 1, 1.0, 1}});
  ASSERT_EQ(r.blocs.size(), 3u);
  EXPECT_EQ(r.blocs[0], (std::vector<int>{0, 1}));
  EXPECT_NE(r.bloc_of[2], r.bloc_of[3]);
  EXPECT_TRUE(FindBlocs(0, {}).blocs.empty());
}

TEST(BlocsTest, IsDeterministic) {
  BlocAnalysis a = FindBlocs(5, TwoAlliances());
  BlocAnalysis b = FindBlocs(5, TwoAlliances());
  EXPECT_EQ(a.bloc_of, b.bloc_of);
  EXPECT_DOUBLE_EQ(a.modularity, b.modularity);
}

}  // namespace
}  // namespace entente
