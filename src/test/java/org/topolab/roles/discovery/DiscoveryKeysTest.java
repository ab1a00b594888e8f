package org.topolab.roles.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The keys of the directory, flooding and super-peers roles: bad values are named with what would be right. */
class DiscoveryKeysTest {

  /** The problems of a scenario with a group of 10 nodes of this role and these keys. */
  private static String problems(String keys) {
    return GroupProblems.of("count = 10, " + keys);
  }

  @Test
  void directoryKeys() {
    assertThat(problems("role = directory, index-servers = 10"))
        .contains("groups.peers.index-servers: 10 index servers leave no peers in group 'peers' of 10 nodes; expected fewer than 10");
    assertThat(problems("role = directory, index-servers = 2, replicas = 9"))
        .contains("groups.peers.replicas: 9 copies of each item need a group of at least 9 peers (nodes other than the 2 that serve);"
            + " 'peers' has 8");
    assertThat(problems("role = directory, k = 3")).contains("groups.peers.k: unknown key");
  }

  @Test
  void floodingKeys() {
    assertThat(problems("role = flooding, degree = 10"))
        .contains("groups.peers.degree: 10 neighbours each need a group of more than 10 nodes; 'peers' has 10");
    assertThat(problems("role = flooding, search = broadcast")).contains("groups.peers.search:").contains("flood, random-walk");
    assertThat(problems("role = flooding, walkers = 4"))
        .contains("groups.peers.walkers: walkers are for search = random-walk; this group floods (search = flood)");
    assertThat(problems("role = flooding, ttl = 0")).contains("groups.peers.ttl: 0 is out of range; expected a whole number from 1 to 1000");
  }

  @Test
  void superPeersKeys() {
    assertThat(problems("role = super-peers, super-peer-share = 1.5"))
        .contains("groups.peers.super-peer-share: 1.5 is out of range; expected a number from 0.0 to 1.0");
    assertThat(problems("role = super-peers, degree = 0")).contains("groups.peers.degree: 0 is out of range");
    assertThat(problems("role = super-peers, walkers = 2")).contains("groups.peers.walkers: unknown key");
  }
}
