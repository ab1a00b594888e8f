package org.topolab.node;

import org.topolab.network.LinkSpec;

/** A group of nodes with one role: its nodes have the ids {@code first .. first + count - 1}. */
public record GroupInfo(String name, String role, int first, int count, LinkSpec link) {

  /** The id of the group's {@code index}-th node. */
  public int id(int index) {
    return first + index;
  }

  /** Whether node {@code id} belongs to this group. */
  public boolean contains(int id) {
    return id >= first && id < first + count;
  }
}
